"""Page images of a memo: scans and rasterised PDF pages."""

from django.db import models


def page_image_path(page, filename):
    """Where a page image is stored under MEDIA_ROOT."""
    return f"pages/{page.memo_id}/{page.number:04d}-{filename}"


class Page(models.Model):
    """One page image of a memo, with the OCR text read from it."""

    memo = models.ForeignKey(
        "archive.Memo", on_delete=models.CASCADE, related_name="pages", verbose_name="memo"
    )
    number = models.PositiveIntegerField("page", help_text="1 for the first page.")
    image = models.FileField(
        "image", upload_to=page_image_path, max_length=300, help_text="The page as stored (PNG)."
    )
    width = models.PositiveIntegerField("width", help_text="Pixels.")
    height = models.PositiveIntegerField("height", help_text="Pixels.")
    text = models.TextField("OCR text", blank=True, help_text="Text read from this page.")
    text_start = models.PositiveIntegerField(
        "start in memo text", null=True, blank=True, help_text="Where this page's text begins."
    )
    text_end = models.PositiveIntegerField(
        "end in memo text", null=True, blank=True, help_text="Where this page's text ends."
    )
    words = models.BinaryField(
        "word boxes",
        default=b"",
        blank=True,
        help_text=(
            "Words read on this page, six numbers each: start and end in the memo text, then "
            "x, y, width and height of the word's box in the image's pixels "
            "(archive/pages/pagewords.py)."
        ),
    )
    source_name = models.CharField(
        "source file", max_length=300, blank=True, help_text="File the page came from."
    )
    checksum = models.CharField("checksum", max_length=64, blank=True, help_text="SHA-256.")
    redaction_boxes = models.JSONField(
        "redaction boxes",
        null=True,
        blank=True,
        editable=False,
        help_text="Blacked-out or whited-out rectangles found on the image, each "
        "[x, y, w, h, area] in its pixels (area: the pixels the box covers); empty when none "
        "was found, unset until the image is measured (manage.py find_redaction_boxes).",
    )
    ink_area = models.PositiveIntegerField(
        "written area",
        null=True,
        blank=True,
        editable=False,
        help_text="Pixels of the page's written area (the bounding box of its ink inside the "
        "margins): what the redaction boxes' share is measured against.",
    )

    class Meta:
        ordering = ["memo", "number"]
        constraints = [
            models.UniqueConstraint(fields=["memo", "number"], name="unique_page_number"),
        ]

    def __str__(self):
        return f"{self.memo} p. {self.number}"

    @property
    def boxes(self):
        """The redaction boxes as [x, y, w, h] (none when the image is not measured)."""
        return [box[:4] for box in self.redaction_boxes or []]
