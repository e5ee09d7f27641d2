"""What curators do to records: workflow and roles, corrections, suppressions, merges, exports."""
