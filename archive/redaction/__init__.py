"""Redactions: markers in a text, boxes on page images, what exemption codes mean, how much."""
