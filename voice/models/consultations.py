"""Comments on draft documents (góp ý dự thảo): a registry document opened for comments until
a date. The registry is another content app, so the link is a string foreign key and the
"open for comments" facts live here; the document's page shows the form through this app's
template tag (`{% load voice %}`), which the registry's template includes."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.publishing import ContentModel


# Both are content (`ContentModel`): a change ends the cached pages of the kind "voice", which
# the registry's document pages show (dvsite/cache.py PAGE_KINDS).
class Consultation(ContentModel):
    document = models.OneToOneField(
        "docs_registry.Document",
        verbose_name="Dự thảo văn bản",
        on_delete=models.CASCADE,
        related_name="consultation",
    )
    opens_on = models.DateField("Nhận góp ý từ ngày", default=timezone.localdate)
    closes_on = models.DateField("Hạn góp ý", help_text="Ngày cuối cùng nhận góp ý.")
    show_comments = models.BooleanField(
        "Công khai góp ý đã duyệt",
        default=False,
        help_text="Góp ý chỉ hiện sau khi được duyệt, và chỉ khi chọn mục này.",
    )

    class Meta:
        ordering = ["-closes_on"]
        verbose_name = "lấy ý kiến dự thảo"
        verbose_name_plural = "lấy ý kiến dự thảo"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="voice_consultation_closes_after_opening",
            )
        ]

    def __str__(self):
        return f"Lấy ý kiến: {self.document}"

    def is_open(self, today=None):
        today = today or timezone.localdate()
        return self.opens_on <= today <= self.closes_on

    def shown_comments(self):
        if not self.show_comments:
            return DraftComment.objects.none()
        return self.comments.filter(moderation=DraftComment.Moderation.APPROVED)


class DraftComment(ContentModel):
    class Moderation(models.TextChoices):
        PENDING = "pending", "Chờ duyệt"
        APPROVED = "approved", "Đã duyệt"
        REJECTED = "rejected", "Không đăng"

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="comments", verbose_name="Dự thảo"
    )
    section = models.CharField("Điều, khoản góp ý", max_length=200, blank=True)
    content = models.TextField("Nội dung góp ý")
    # Personal data: never shown with the comment, deleted with the retention rule.
    name = models.CharField("Họ và tên", max_length=120, blank=True)
    email = models.EmailField("Thư điện tử", blank=True)
    organisation = models.CharField("Cơ quan, tổ chức", max_length=200, blank=True)
    moderation = models.CharField(
        "Kiểm duyệt", max_length=10, choices=Moderation.choices, default=Moderation.PENDING
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]
        verbose_name = "góp ý dự thảo"
        verbose_name_plural = "góp ý dự thảo"

    def __str__(self):
        return f"Góp ý {self.pk}"
