"""The editors' desk, for every content model at once (rows point at an item by content type
and id): who has an item open and who locked it, forms saved while typing, comments on drafts,
and the ordered approval steps of a kind (and category) of content.

None of these is content: nothing here shows on a public page, and saving them never ends a
page-cache generation (dvsite/cache.py counts only the content base's models).
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class ItemRef(models.Model):
    """The item a row is about: its kind and its id ("" for a form of a new item)."""

    content_type = models.ForeignKey(
        ContentType, verbose_name="Loại nội dung", on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.CharField("Mã nội dung", max_length=64, blank=True)

    class Meta:
        abstract = True

    @classmethod
    def for_item(cls, model, object_id):
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        return cls._default_manager.filter(content_type=content_type, object_id=str(object_id))


class EditSession(ItemRef):
    """`user` has the item's form open (seen at the last heartbeat); `locked_at` set while they
    hold its explicit lock, which only they or a publisher release."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người sửa",
        on_delete=models.CASCADE,
        related_name="+",
    )
    seen_at = models.DateTimeField("Thấy lần cuối", default=timezone.now)
    locked_at = models.DateTimeField("Khóa lúc", null=True, blank=True)

    class Meta:
        verbose_name = "phiên sửa"
        verbose_name_plural = "phiên sửa"
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "user"], name="core_editsession_once"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.content_type.model} #{self.object_id}"


class AutosaveDraft(ItemRef):
    """The unsaved form of `user` for one item, kept while they type; removed when they save."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người soạn",
        on_delete=models.CASCADE,
        related_name="+",
    )
    data = models.JSONField("Nội dung biểu mẫu", default=dict)
    # The item's version the form was opened on (0 for a new item).
    base_version = models.PositiveIntegerField("Phiên bản gốc", default=0)
    saved_at = models.DateTimeField("Lưu tự động lúc", default=timezone.now)

    class Meta:
        verbose_name = "bản đang soạn dở"
        verbose_name_plural = "bản đang soạn dở"
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "user"], name="core_autosave_once"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.content_type.model} #{self.object_id or 'mới'}"


class DraftComment(ItemRef):
    """A comment on an item, or on a passage of its text (`quote`), with replies; resolved by
    anyone who may write the item. A revision's comments move onto the live item with it."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người góp ý",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField("Góp ý")
    quote = models.TextField("Đoạn được góp ý", blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="Trả lời cho",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    created_at = models.DateTimeField("Lúc", default=timezone.now)
    resolved_at = models.DateTimeField("Đã giải quyết lúc", null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người đánh dấu đã giải quyết",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "góp ý bản nháp"
        verbose_name_plural = "góp ý bản nháp"
        indexes = [models.Index(fields=["content_type", "object_id"], name="core_comment_item")]

    def __str__(self):
        return self.body[:60]


class ApprovalStep(models.Model):
    """One step of a multi-step approval: items of `content_type` (of the category `category_id`,
    or of every category when empty) need the approval of a member of `group`, in `position`
    order; the last approval publishes the item."""

    content_type = models.ForeignKey(
        ContentType, verbose_name="Loại nội dung", on_delete=models.CASCADE, related_name="+"
    )
    category_id = models.PositiveIntegerField(
        "Chuyên mục",
        null=True,
        blank=True,
        help_text="Để trống: áp dụng cho mọi chuyên mục của loại nội dung này.",
    )
    position = models.PositiveSmallIntegerField("Thứ tự bước", default=1)
    group = models.ForeignKey(
        "auth.Group", verbose_name="Nhóm duyệt", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        ordering = ["content_type", "category_id", "position"]
        verbose_name = "bước duyệt"
        verbose_name_plural = "quy trình duyệt nhiều bước"
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "category_id", "position"],
                name="core_approvalstep_position",
            )
        ]

    def __str__(self):
        return f"Bước {self.position}: {self.group}"
