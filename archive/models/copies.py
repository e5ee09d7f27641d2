"""The lookup keys of memos' fingerprints, to find a new text's copies without reading all."""

from django.db import models


class CopyBand(models.Model):
    """One LSH band key of a memo's fingerprint: memos sharing one are candidate copies."""

    memo = models.ForeignKey(
        "archive.Memo", on_delete=models.CASCADE, related_name="copy_bands", verbose_name="memo"
    )
    key = models.CharField(
        "band key",
        max_length=20,
        db_index=True,
        help_text="The band's number and a hash of its MinHash values (archive/fingerprints.py).",
    )

    class Meta:
        verbose_name = "copy lookup key"

    def __str__(self):
        return f"{self.key} of memo {self.memo_id}"
