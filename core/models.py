"""core's models: the audit log (`core.audit` writes it) and, from `core.desk_models`, the
editors' desk (who has an item open, autosaved forms, comments on drafts, approval steps)."""

import json

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone


class Action(models.TextChoices):
    # Content
    CREATED = "created", "Tạo mới"
    CHANGED = "changed", "Sửa"
    DELETED = "deleted", "Xóa"
    SUBMITTED = "submitted", "Gửi duyệt"
    WITHDRAWN = "withdrawn", "Rút lại"
    SENT_BACK = "sent_back", "Trả lại"
    APPROVED = "approved", "Duyệt"
    PUBLISHED = "published", "Xuất bản"
    SCHEDULED = "scheduled", "Hẹn giờ xuất bản"
    UNPUBLISHED = "unpublished", "Gỡ xuống"
    ARCHIVED = "archived", "Lưu trữ"
    STEP_APPROVED = "step_approved", "Duyệt một bước"
    REVISION_SCHEDULED = "revision_scheduled", "Hẹn giờ áp dụng bản sửa"
    CONFLICT = "conflict", "Lưu trùng với bản mới hơn"
    RESTORED = "restored", "Khôi phục phiên bản"
    LOCKED = "locked", "Khóa chỉnh sửa"
    UNLOCKED = "unlocked", "Mở khóa chỉnh sửa"
    COMMENTED = "commented", "Góp ý bản nháp"
    EXPORTED = "exported", "Xuất dữ liệu"
    # Accounts
    LOGIN = "login", "Đăng nhập"
    LOGIN_FAILED = "login_failed", "Đăng nhập sai"
    LOGOUT = "logout", "Đăng xuất"
    LOCKED_OUT = "locked_out", "Bị khóa do đăng nhập sai"
    ACCOUNT_UNLOCKED = "account_unlocked", "Mở khóa tài khoản"
    ACCOUNT_DISABLED = "account_disabled", "Vô hiệu hóa tài khoản"
    ACCOUNT_ENABLED = "account_enabled", "Kích hoạt lại tài khoản"
    SECOND_FACTOR_ADDED = "second_factor_added", "Thêm xác thực hai lớp"
    SECOND_FACTOR_REMOVED = "second_factor_removed", "Gỡ xác thực hai lớp"
    ROLE_CHANGED = "role_changed", "Đổi vai trò, quyền"
    UNIT_CHANGED = "unit_changed", "Đổi đơn vị"
    PASSWORD_CHANGED = "password_changed", "Đổi mật khẩu"
    PASSWORD_RESET = "password_reset", "Đặt lại mật khẩu"
    REFUSED = "refused", "Yêu cầu bị từ chối"
    # Citizens' personal data
    PERSONAL_DATA_READ = "personal_data_read", "Xem dữ liệu cá nhân"
    PERSONAL_DATA_EXPORTED = "personal_data_exported", "Xuất dữ liệu cá nhân"
    PERSONAL_DATA_ERASED = "personal_data_erased", "Xóa dữ liệu cá nhân"
    PERSONAL_DATA_PURGED = "personal_data_purged", "Tự động xóa dữ liệu cá nhân hết hạn"


class Outcome(models.TextChoices):
    OK = "ok", "Thành công"
    REFUSED = "refused", "Bị từ chối"
    FAILED = "failed", "Thất bại"


class AuditEntryQuerySet(models.QuerySet):
    def older_than(self, cutoff):
        return self.filter(at__lt=cutoff)


class AuditEntry(models.Model):
    """One action, appended and never changed: `save()` refuses an update and `delete()` a
    removal; only the pruning task (`AuditEntry.objects.older_than(...).delete()`) removes rows."""

    at = models.DateTimeField("Thời điểm", default=timezone.now, db_index=True, editable=False)
    action = models.CharField("Hành động", max_length=32, choices=Action.choices)
    outcome = models.CharField("Kết quả", max_length=8, choices=Outcome.choices, default=Outcome.OK)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người thực hiện",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept when the account is deleted, and for a failed sign-in's typed name.
    actor_name = models.CharField("Tên đăng nhập", max_length=150, blank=True)
    address = models.GenericIPAddressField("Địa chỉ IP", null=True, blank=True)
    content_type = models.ForeignKey(
        ContentType,
        verbose_name="Loại đối tượng",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    object_id = models.CharField("Mã đối tượng", max_length=64, blank=True)
    object_repr = models.CharField("Đối tượng", max_length=300, blank=True)
    changes = models.JSONField("Chi tiết", default=dict, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "nhật ký hoạt động"
        verbose_name_plural = "nhật ký hoạt động"
        indexes = [
            models.Index(fields=["action", "-at"], name="core_audit_action_at"),
            models.Index(fields=["actor", "-at"], name="core_audit_actor_at"),
            models.Index(fields=["content_type", "object_id"], name="core_audit_target"),
        ]

    def __str__(self):
        return f"{self.get_action_display()} – {self.actor_name or 'hệ thống'}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise PermissionDenied("Nhật ký hoạt động không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("Nhật ký hoạt động không được xóa.")

    def set_target(self, obj):
        self.content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        self.object_id = str(obj.pk or "")
        self.object_repr = str(obj)[:300]

    def as_json(self):
        """The JSON line the security log file gets."""
        return json.dumps(
            {
                "at": self.at.isoformat(),
                "action": self.action,
                "outcome": self.outcome,
                "user": self.actor_name,
                "user_id": self.actor_id,
                "address": self.address,
                "target": f"{self.content_type.app_label}.{self.content_type.model}:{self.object_id}"
                if self.content_type_id
                else None,
                "object": self.object_repr,
                "changes": self.changes,
            },
            ensure_ascii=False,
            sort_keys=True,
        )


from core.desk_models import (  # noqa: E402 (registered with core's models)
    ApprovalStep,
    AutosaveDraft,
    DraftComment,
    EditSession,
)

__all__ = [
    "Action",
    "ApprovalStep",
    "AuditEntry",
    "AutosaveDraft",
    "DraftComment",
    "EditSession",
    "Outcome",
]
