"""The one record of who did what: every editorial action on every content model and every
account event (sign-in, failed sign-in, lock-out, second factor, roles and units, personal data).

`record()` is the only writer. It appends an `AuditEntry` row (what the admin's "Nhật ký hoạt
động" reads) and writes the same facts as one JSON line to the `dvsite.security` logger (a
rotating file or syslog in production, see `DJANGO_SECURITY_LOG_*`), so the file and the table can
never disagree. Secrets never enter it: keys that name a password, code, token, secret or session
are dropped from `changes` before anything is written.
"""

import logging
import re

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
    if user is None and request is not None:
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
