"""The review desk on the admin home: what waits for whom, across every publishable kind.

Publishers see what awaits review (how many, the oldest first, who submitted it and when);
everyone who writes sees their drafts, what was sent back to them with the reason, what they
submitted, and what is scheduled. One query per kind of content, whatever the number of rows.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Count, F, Q, Window
from django.urls import reverse
from django.utils import timezone

from core import approval
from core.desk_models import ApprovalStep
from core.publishing import Publishable, Status

ROWS_PER_KIND = 100


@dataclass
class DeskItem:
    obj: object
    kind: str
    url: str

    @property
    def when(self):
        return self.obj.status_changed_at or self.obj.updated_at

    @property
    def goes_live(self):
        """When a scheduled item (or a revision approved for later) goes live."""
        return self.obj.go_live_at or self.obj.publish_at

    step_label: str = ""


@dataclass
class Desk:
    awaiting_review: list = field(default_factory=list)
    awaiting_count: int = 0
    sent_back: list = field(default_factory=list)
    drafts: list = field(default_factory=list)
    submitted: list = field(default_factory=list)
    scheduled: list = field(default_factory=list)
    # Items past a deadline, from models that declare `desk_overdue(user, now)` (a citizen's
    # question not answered in time): their own rule, shown to everyone who may work on them.
    overdue: list = field(default_factory=list)
    is_publisher: bool = False

    def is_empty(self):
        return not (
            self.is_publisher
            or self.awaiting_review
            or self.sent_back
            or self.drafts
            or self.submitted
            or self.scheduled
            or self.overdue
        )


def publishable_models():
    return [m for m in apps.get_models() if issubclass(m, Publishable)]


def _rows(model, user, publisher, now, approver=False):
    """Every row of `model` on `user`'s desk, with the number in review (exact, whatever limit).
    `approver`: the user's groups approve a step of this kind (core/approval.py)."""
    mine = Q(created_by=user, status__in=(Status.DRAFT, Status.REVIEW))
    scheduled = Q(status=Status.PUBLISHED, publish_at__gt=now) | Q(go_live_at__isnull=False)
    in_review = Q(status=Status.REVIEW) if publisher or approver else Q(pk__in=[])
    wanted = mine | scheduled | in_review
    return (
        model._default_manager.in_scope_of(user)
        .filter(wanted)
        .select_related("status_changed_by", "updated_by")
        .defer("search_title", "search_text")
        .annotate(rows_in_status=Window(Count("pk"), partition_by=[F("status")]))
        .order_by(F("status_changed_at").asc(nulls_first=True), "pk")[:ROWS_PER_KIND]
    )


def desk_for(user, now=None):
    """The desk of `user`: lists of DeskItem, oldest first for review, newest first otherwise."""
    now = now or timezone.now()
    desk = Desk()
    # Approval steps (core/approval.py): one read for every kind, the user's groups only if any.
    steps = list(ApprovalStep.objects.select_related("group"))
    step_groups = {step.group_id for step in steps}
    my_groups = approval.user_group_ids(user) if steps else set()
    for model in publishable_models():
        publisher = model.can_publish(user)
        approver = bool(step_groups & my_groups) or (bool(steps) and user.is_superuser)
        if not (publisher or approver or user.has_perm(model.permission_name("change"))):
            continue
        desk.is_publisher |= publisher
        opts = model._meta
        in_review = 0
        for obj in _rows(model, user, publisher, now, approver):
            item = DeskItem(obj, opts.verbose_name, _change_url(opts, obj))
            if steps and obj.status == Status.REVIEW:
                item.step_label = approval.progress_label(obj, steps)
                if not publisher and approval.is_step_approver(obj, user, steps):
                    desk.awaiting_review.append(item)  # this step waits for my group
                    desk.awaiting_count += 1
            _place(desk, item, user, publisher, now)
            if obj.status == Status.REVIEW:
                in_review = obj.rows_in_status  # all rows in review, beyond the limit too
        if publisher:
            desk.awaiting_count += in_review
        overdue = getattr(model, "desk_overdue", None)
        if overdue is not None:
            desk.overdue += [
                DeskItem(obj, opts.verbose_name, _change_url(opts, obj))
                for obj in overdue(user, now)
            ]
    desk.awaiting_review.sort(key=lambda item: (item.when is None, item.when))
    for name in ("sent_back", "drafts", "submitted"):
        getattr(desk, name).sort(key=lambda item: item.obj.updated_at, reverse=True)
    desk.scheduled.sort(key=lambda item: item.goes_live)
    return desk


def _change_url(opts, obj):
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def _place(desk, item, user, publisher, now):
    obj = item.obj
    if obj.go_live_at is not None:
        desk.scheduled.append(item)  # a revision approved for later
    elif obj.status == Status.REVIEW:
        if publisher:
            desk.awaiting_review.append(item)
        if obj.created_by_id == user.pk:
            desk.submitted.append(item)
    elif obj.status == Status.DRAFT:
        (desk.sent_back if obj.sent_back else desk.drafts).append(item)
    elif obj.status == Status.PUBLISHED and obj.publish_at and obj.publish_at > now:
        desk.scheduled.append(item)
