"""The change form's buttons for multi-step approval and revisions approved for later (mixed
into `PublishableAdmin`): "Duyệt bước này", "Duyệt và hẹn giờ áp dụng", "Hủy hẹn giờ". No form
is saved by them, only the transition, which checks the permission again."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone

from core import approval
from core.dates import format_datetime
from core.status import Status

APPROVE_STEP_BUTTON = "_workflow_approve_step"
STEP_COMMENT = "workflow_step_comment"
SCHEDULE_REVISION_BUTTON = "_workflow_schedule_revision"
GO_LIVE_AT = "workflow_go_live_at"
CANCEL_SCHEDULE_BUTTON = "_workflow_cancel_schedule"
BUTTONS = (APPROVE_STEP_BUTTON, SCHEDULE_REVISION_BUTTON, CANCEL_SCHEDULE_BUTTON)


def parse_local_datetime(text):
    """ "2026-12-24T08:00" (a datetime-local input) as an aware local time, or None."""
    try:
        value = datetime.datetime.fromisoformat((text or "").strip()[:32])
    except ValueError:
        return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


class StepsAdminMixin:
    def has_view_permission(self, request, obj=None):
        # The group of the step an item waits for opens it (read-only) to approve it.
        return super().has_view_permission(request, obj) or bool(
            obj is not None and obj.pk and obj.can_approve_step(request.user)
        )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id:
            for button, handler in (
                (APPROVE_STEP_BUTTON, self.approve_step_view),
                (SCHEDULE_REVISION_BUTTON, self.schedule_revision_view),
                (CANCEL_SCHEDULE_BUTTON, self.cancel_schedule_view),
            ):
                if button in request.POST:
                    return self._run(request, object_id, handler)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _run(self, request, object_id, handler):
        obj = self.get_object(request, object_id)
        if obj is None:
            raise PermissionDenied
        try:
            target = handler(request, obj)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            target = obj
        if not self.has_view_or_change_permission(request, target):
            # The step is done and the item moved on beyond this user's reach: back to the desk.
            return HttpResponseRedirect(reverse("admin:index", current_app=self.admin_site.name))
        return HttpResponseRedirect(self.change_url(target) if target.pk else request.path)

    def approve_step_view(self, request, obj):
        label = approval.progress_label(obj)
        published = obj.approve_step(request.user, request.POST.get(STEP_COMMENT, "").strip())
        if published is None:
            self.message_user(request, f"Đã duyệt “{obj}” ({label}).", messages.SUCCESS)
            return obj
        self.message_user(
            request, f"Đã duyệt bước cuối ({label}): “{published}” đã xuất bản.", messages.SUCCESS
        )
        return published

    def schedule_revision_view(self, request, obj):
        at = parse_local_datetime(request.POST.get(GO_LIVE_AT))
        if at is None:
            raise ValidationError("Hãy chọn ngày giờ áp dụng bản sửa (ví dụ 24/12/2026 08:00).")
        obj.schedule_revision(request.user, at)
        self.message_user(
            request,
            f"Đã duyệt bản sửa; nội dung đang công khai giữ nguyên đến {format_datetime(at)}, "
            "khi đó bản sửa sẽ tự động thay thế.",
            messages.SUCCESS,
        )
        return obj

    def cancel_schedule_view(self, request, obj):
        obj.cancel_revision_schedule(request.user)
        self.message_user(request, "Đã hủy hẹn giờ áp dụng bản sửa.", messages.SUCCESS)
        return obj

    def step_controls(self, request, obj):
        """What the revision controls template shows of steps and schedules."""
        user = request.user
        is_revision = bool(obj.revision_of_id)
        return {
            "step_label": approval.progress_label(obj) if obj.status == Status.REVIEW else "",
            "can_approve_step": obj.can_approve_step(user),
            "approve_step_button": APPROVE_STEP_BUTTON,
            "step_comment": STEP_COMMENT,
            "go_live_at": format_datetime(obj.go_live_at) if obj.go_live_at else "",
            "can_schedule_revision": is_revision
            and obj.go_live_at is None
            and obj.status in (Status.DRAFT, Status.REVIEW)
            and obj.can_publish(user),
            "can_cancel_schedule": is_revision and obj.go_live_at and obj.can_publish(user),
            "schedule_button": SCHEDULE_REVISION_BUTTON,
            "cancel_schedule_button": CANCEL_SCHEDULE_BUTTON,
            "go_live_field": GO_LIVE_AT,
        }
