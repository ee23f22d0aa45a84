"""A replacement of one registry document by another that an imported article suggests."""

from django.db import models
from django.utils import timezone


class SuggestedReplacement(models.Model):
    """A replacement an imported article suggests ("điểm mới của Quyết định 23 so với Quyết
    định 290", "… thay thế …"). It changes nothing until an editor confirms it; confirming adds
    the older document to the newer one's `replaces`, the only link `with_validity` reads."""

    newer = models.ForeignKey(
        "docs_registry.Document",
        verbose_name="Văn bản mới",
        on_delete=models.CASCADE,
        related_name="suggested_replacements",
    )
    older = models.ForeignKey(
        "docs_registry.Document",
        verbose_name="Văn bản bị thay thế (đề xuất)",
        on_delete=models.CASCADE,
        related_name="suggested_replaced_by",
    )
    evidence = models.TextField("Câu trong bài làm căn cứ", blank=True)
    post = models.ForeignKey(
        "news.Post",
        verbose_name="Bài viết",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField("Xác nhận lúc", null=True, blank=True, editable=False)
    created_at = models.DateTimeField("Ghi nhận lúc", auto_now_add=True)

    class Meta:
        ordering = ["confirmed_at", "-created_at"]
        verbose_name = "đề xuất thay thế văn bản"
        verbose_name_plural = "đề xuất thay thế văn bản"
        constraints = [
            models.UniqueConstraint(fields=["newer", "older"], name="docs_suggested_unique"),
        ]

    def __str__(self):
        return f"{self.newer.number} thay thế {self.older.number}?"

    def confirm(self):
        """The editor agrees: the newer document replaces the older one from now on."""
        self.newer.replaces.add(self.older)
        if self.confirmed_at is None:
            self.confirmed_at = timezone.now()
            self.save(update_fields=["confirmed_at"])
