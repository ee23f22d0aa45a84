"""Periodic work without cron: a task that does its work, then enqueues itself again for later
(`run_after`) on a backend that can defer (django-tasks-db, run by `manage.py db_worker`, the
worker production already has for pictures and PDFs). `schedule()` starts the chain after each
`migrate` (every deployment runs one) unless a run is already waiting.

With a backend that runs tasks at once (development, tests) nothing is deferred: the work runs
when called (`manage.py prune_audit_log`, or a test).
"""

import datetime

from django.apps import apps
from django.utils import timezone
from django_tasks import TaskResultStatus, task, task_backends

from core import audit, revisions

DAY = datetime.timedelta(days=1)


def _can_defer(periodic_task):
    return task_backends[periodic_task.backend].supports_defer


def _is_waiting(periodic_task, statuses=(TaskResultStatus.READY,)):
    """A run of `periodic_task` is already queued (django-tasks-db only; other backends: no)."""
    if not apps.is_installed("django_tasks_db"):
        return False
    result_model = apps.get_model("django_tasks_database", "DBTaskResult")
    return result_model.objects.filter(
        task_path=periodic_task.module_path, status__in=statuses
    ).exists()


def queue_next(periodic_task, after=DAY, now=None):
    """Queue the next run `after` from now, where the backend can wait and no run is waiting
    already; returns it or None. A periodic task calls this at the end of each run."""
    if not _can_defer(periodic_task) or _is_waiting(periodic_task):
        return None
    return periodic_task.using(run_after=(now or timezone.now()) + after).enqueue()


PERIODIC = []


def periodic(periodic_task):
    """Register a task (of any app) that re-queues itself with `queue_next`: `migrate` starts
    its chain (`schedule`)."""
    PERIODIC.append(periodic_task)
    return periodic_task


@periodic
@task()
def prune_audit_log():
    """Remove audit entries past the retention (settings.AUDIT_RETENTION_DAYS), then come back
    tomorrow. Returns how many were removed."""
    removed = audit.prune()
    queue_next(prune_audit_log)
    return removed


@task()
def apply_scheduled_revision(model_label, pk, go_live_at):
    """Apply a revision approved for `go_live_at` (queued to run then), unless it was
    rescheduled, cancelled or applied meanwhile. Returns the live item's pk, or None."""
    model = apps.get_model(model_label)
    revision = model._default_manager.filter(pk=pk, go_live_at__isnull=False).first()
    if revision is None or revision.go_live_at.isoformat() != go_live_at:
        return None
    if revision.go_live_at > timezone.now():
        enqueue_revision(revision)  # woken early: wait again
        return None
    return revisions.apply(revision, revision.status_changed_by).pk


def enqueue_revision(revision):
    """Queue the revision's application at its time, where the backend can wait; elsewhere
    (development) `apply_due_revisions` applies what is due."""
    if not _can_defer(apply_scheduled_revision):
        return None
    return apply_scheduled_revision.using(run_after=revision.go_live_at).enqueue(
        revision._meta.label, revision.pk, revision.go_live_at.isoformat()
    )


def apply_due_revisions(now=None):
    """Apply every revision whose time has come (the command of the same name, and tests)."""
    now = now or timezone.now()
    applied = []
    for model in apps.get_models():
        if not hasattr(model, "schedule_revision"):  # the content base (not its history)
            continue
        for revision in model._default_manager.filter(
            go_live_at__lte=now, revision_of__isnull=False
        ):
            applied.append(revisions.apply(revision, revision.status_changed_by))
    return applied


def schedule(**kwargs):
    """Start each periodic chain that has no run waiting or running (a post_migrate receiver:
    a second `migrate` starts no second chain)."""
    busy = (TaskResultStatus.READY, TaskResultStatus.RUNNING)
    for periodic_task in PERIODIC:
        if _can_defer(periodic_task) and not _is_waiting(periodic_task, busy):
            queue_next(periodic_task, after=datetime.timedelta(minutes=5))
