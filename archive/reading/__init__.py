"""What a reader is told about a memo beside its text: readings, citations, versions, originals."""
