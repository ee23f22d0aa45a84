"""The desk's transitions beside the publishing base's (mixed into `Publishable`): the steps of
a multi-step approval (core/approval.py) and a revision approved to go live at a set time.

Every transition checks permissions on the server and goes on record (core.audit).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core import approval, audit, revisions, tasks
from core.dates import format_datetime
from core.status import Status


class DeskWorkflowMixin:
    # -- multi-step approval -------------------------------------------------------------

    def can_approve_step(self, user):
        return (
            self.status == Status.REVIEW
            and self.go_live_at is None
            and approval.is_step_approver(self, user)
            and self.is_in_scope_of(user)
        )

    def can_review(self, user):
        """Who may send the item back: a publisher, or the group of the step it waits for."""
        return self.can_publish(user) and self.is_in_scope_of(user) or self.can_approve_step(user)

    def _require_reviewer(self, user):
        if not self.can_review(user):
            raise PermissionDenied("Bạn không có quyền duyệt hoặc trả lại nội dung này.")

    def require_approvals_done(self):
        """An item of a kind (or category) with approval steps is published only by its last
        approval (`approve_step`), never directly."""
        steps = approval.steps_for(self)
        if steps:
            names = " → ".join(step.group.name for step in steps)
            raise ValidationError(
                f"Nội dung này phải được duyệt lần lượt qua {len(steps)} bước ({names}); "
                "bước cuối cùng sẽ xuất bản."
            )

    def approve_step(self, user, comment=""):
        """The group of the step the item waits for approves it; the last step publishes it
        (a revision: applies it). Returns the published item after the last step, else None."""
        if not self.can_approve_step(user):
            raise PermissionDenied("Bạn không thuộc nhóm duyệt bước này.")
        steps = approval.steps_for(self)
        step = steps[self.approval_step]
        self.approval_step += 1
        changes = {"Bước": f"{self.approval_step}/{len(steps)}: {step.group.name}"}
        if comment:
            changes["Ghi chú"] = comment
        if self.approval_step < len(steps):
            self.status_changed_at = timezone.now()
            self.status_changed_by = user
            self.save()
            audit.record(audit.Action.STEP_APPROVED, user=user, obj=self, changes=changes)
            return None
        audit.record(audit.Action.STEP_APPROVED, user=user, obj=self, changes=changes)
        if self.revision_of_id:
            self.approved_into = revisions.apply(self, user)
            return self.approved_into
        self.publish_at = self.publish_at or timezone.now()
        future = self.publish_at > timezone.now()
        action = audit.Action.SCHEDULED if future else audit.Action.PUBLISHED
        self._set_status(Status.PUBLISHED, user, action)
        return self

    # -- a revision approved for later ----------------------------------------------------

    def schedule_revision(self, user, at):
        """A publisher approves this revision to replace the live item at `at`; the live
        version stays public until then (a task applies it, core/tasks.py)."""
        self._require_publisher(user)
        if not self.revision_of_id:
            raise ValidationError("Chỉ bản sửa của nội dung đang công khai mới hẹn giờ được.")
        if self.status not in (Status.DRAFT, Status.REVIEW):
            raise ValidationError("Bản sửa này không còn chờ duyệt.")
        self.require_approvals_done()
        if at is None or at <= timezone.now():
            raise ValidationError(
                "Thời điểm áp dụng phải ở tương lai; muốn áp dụng ngay thì hãy xuất bản bản sửa."
            )
        self.go_live_at = at
        self._set_status(Status.REVIEW, user, audit.Action.REVISION_SCHEDULED)
        tasks.enqueue_revision(self)

    def cancel_revision_schedule(self, user):
        self._require_publisher(user)
        if self.go_live_at is None:
            return
        when = format_datetime(self.go_live_at)
        self.go_live_at = None
        self.updated_by = user
        self.save()
        audit.record(
            audit.Action.REVISION_SCHEDULED,
            user=user,
            obj=self,
            changes={"Hủy hẹn giờ": when},
        )
