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
from django_tasks import task, task_backends

from core import audit

DAY = datetime.timedelta(days=1)


def _can_defer(periodic_task):
    return task_backends[periodic_task.backend].supports_defer


def _is_waiting(periodic_task):
    """A run of `periodic_task` is already queued (django-tasks-db only; other backends: no)."""
    if not apps.is_installed("django_tasks_db"):
        return False
    result_model = apps.get_model("django_tasks_database", "DBTaskResult")
    return result_model.objects.ready().filter(task_path=periodic_task.module_path).exists()


def enqueue_later(periodic_task, after=DAY, now=None):
    """Queue the next run `after` from now, where the backend can wait; returns it or None."""
    if not _can_defer(periodic_task):
        return None
    return periodic_task.using(run_after=(now or timezone.now()) + after).enqueue()


@task()
def prune_audit_log():
    """Remove audit entries past the retention (settings.AUDIT_RETENTION_DAYS), then come back
    tomorrow. Returns how many were removed."""
    removed = audit.prune()
    enqueue_later(prune_audit_log)
    return removed


PERIODIC = [prune_audit_log]


def schedule(**kwargs):
    """Start each periodic chain that has no run waiting (a post_migrate receiver)."""
    for periodic_task in PERIODIC:
        if _can_defer(periodic_task) and not _is_waiting(periodic_task):
            enqueue_later(periodic_task, after=datetime.timedelta(minutes=5))
