"""The log of the editorial workflow: who moved a post between states, when, and why."""

from django.conf import settings
from django.db import models


class WorkflowNote(models.Model):
    """Who moved a post between states, when, and why (a send-back comment stays here)."""

    class Action(models.TextChoices):
        SUBMIT = "submit", "Gửi duyệt"
        PUBLISH = "publish", "Xuất bản"
        UNPUBLISH = "unpublish", "Gỡ xuống"
        SEND_BACK = "send_back", "Trả lại"
        ARCHIVE = "archive", "Lưu trữ"
        WITHDRAW = "withdraw", "Rút lại để sửa"

    post = models.ForeignKey(
        "news.Post",
        verbose_name="Bài viết",
        on_delete=models.CASCADE,
        related_name="workflow_notes",
    )
    action = models.CharField("Thao tác", max_length=16, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người thực hiện",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    comment = models.TextField("Ghi chú", blank=True)
    created_at = models.DateTimeField("Thời điểm", auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "nhật ký duyệt bài"
        verbose_name_plural = "nhật ký duyệt bài"

    def __str__(self):
        return f"{self.get_action_display()} – {self.post}"

    @classmethod
    def reason(cls, action, comment=""):
        """The change reason shown in the revision history (simple-history keeps 100 chars)."""
        label = cls.Action(action).label
        if comment:
            label = f"{label}: {comment}"
        return label if len(label) <= 100 else label[:99] + "…"
