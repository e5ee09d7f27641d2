"""Page images: derivatives, IIIF manifests and search, words and hits on pages, their files."""
