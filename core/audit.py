"""The one record of who did what: every editorial action on every content model and every
account event (sign-in, failed sign-in, lock-out, second factor, roles and units, personal data).

`record()` is the only writer. It appends an `AuditEntry` row (what the admin's "Nhật ký hoạt
động" reads) and writes the same facts as one JSON line to the `dvsite.security` logger (a
rotating file or syslog in production, see `DJANGO_SECURITY_LOG_*`), so the file and the table can
never disagree. Secrets never enter it: keys that name a password, code, token, secret or session
are dropped from `changes` before anything is written.
"""

import datetime
import json
import logging
import re

from django.conf import settings
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.client import client_ip
from core.models import Action, AuditEntry, Outcome  # noqa: F401 (callers import them from here)

logger = logging.getLogger("dvsite.security")

_SECRET_KEY = re.compile(r"password|passwd|mật khẩu|otp|code|token|secret|session|key", re.I)


def _clean(changes):
    """`changes` without secrets, as JSON-safe values."""
    if not changes:
        return {}
    clean = {}
    for key, value in changes.items():
        if _SECRET_KEY.search(str(key)):
            continue
        clean[str(key)] = (
            value if isinstance(value, str | int | float | bool | type(None)) else str(value)
        )
    return clean


def record(
    action,
    *,
    user=None,
    request=None,
    obj=None,
    changes=None,
    outcome=Outcome.OK,
    username="",
):
    """Append one entry and its JSON line; returns the entry.

    `user` is who acted (taken from `request` when not given; None for the anonymous or the
    system); `username` names an actor with no account (a failed sign-in's typed name);
    `obj` is what was acted on."""
    if request is None:
        # The request being answered, kept by simple-history's middleware: transitions called
        # from a view record its address without every caller passing it along.
        request = getattr(HistoricalRecords.context, "request", None)
    if user is None and request is not None and not username:
        candidate = getattr(request, "user", None)
        user = candidate if candidate is not None and candidate.is_authenticated else None
    entry = AuditEntry(
        action=str(action),
        outcome=str(outcome),
        actor=user,
        actor_name=(user.get_username() if user is not None else username)[:150],
        address=client_ip(request) if request is not None else None,
        changes=_clean(changes),
    )
    if obj is not None:
        entry.set_target(obj)
    entry.save()
    logger.info(entry.as_json())
    return entry


def form_changes(form, obj, limit=200):
    """What an admin form changed, for `record(changes=...)`: each changed field by its
    Vietnamese label, with old → new for short values and "(đã sửa)" for long ones."""
    changes = {}
    for name in form.changed_data:
        field = form.fields.get(name)
        label = str(field.label if field is not None and field.label else name)
        old, new = form.initial.get(name), form.cleaned_data.get(name)
        if isinstance(old, list | tuple) or isinstance(new, list | tuple) or hasattr(new, "all"):
            changes[label] = "(đã sửa)"
            continue
        old, new = "" if old is None else str(old), "" if new is None else str(new)
        if len(old) + len(new) <= limit:
            changes[label] = f"{old} → {new}"
        else:
            changes[label] = "(đã sửa)"
    return changes


def retention_days():
    """Days the log keeps an entry: the setting, never fewer than 365."""
    return max(365, int(getattr(settings, "AUDIT_RETENTION_DAYS", 400)))


def prune(now=None):
    """Remove the entries older than the retention; returns how many went. The one way rows
    leave the log (AuditEntry refuses delete() one by one)."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=retention_days())
    removed, _ = AuditEntry.objects.older_than(cutoff).delete()
    if removed:
        logger.info(
            json.dumps({"action": "audit_pruned", "removed": removed, "before": cutoff.isoformat()})
        )
    return removed
