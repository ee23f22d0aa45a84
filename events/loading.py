"""Saving events found by `events.reports` (the seed importer calls this once per event)."""

import hashlib
import json

from django.db import transaction

from core.publishing import Status
from core.text import slugify
from events.models import Event


def import_key(reported):
    """Stable across runs: kind, first day and the folded title."""
    return f"{reported.kind}:{reported.start.isoformat()}:{slugify(reported.title, max_length=150)}"


def _fields(reported):
    return {
        "title": reported.title[:300],
        "kind": reported.kind,
        "start_date": reported.start,
        "end_date": reported.end,
        "start_time": reported.start_time,
        "location": reported.location[:300],
        "format": reported.format,
        "connection_points": reported.connection_points,
        "organiser": reported.organiser[:300],
        "participants": reported.participants,
        "themes": "\n".join(reported.themes),
        "speakers": "\n".join(reported.speakers),
    }


def _checksum(fields):
    payload = json.dumps(fields, default=str, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


@transaction.atomic
def save_reported_event(reported, *, post=None):
    """Create or update the event for `reported`; link `post` as a report on it.

    Returns (event, "created" | "updated" | "unchanged"). What editors changed since the last
    import is kept unless the source itself changed.
    """
    key = import_key(reported)
    fields = _fields(reported)
    checksum = _checksum(fields)
    event = Event.objects.select_for_update().filter(import_key=key).first()
    if event is None:
        # Public from the reporting article's own date; without one, a draft for an editor
        # (never the import time).
        publish_at = post.publish_at if post is not None else None
        event = Event(
            **fields,
            import_key=key,
            import_checksum=checksum,
            status=Status.PUBLISHED if publish_at else Status.DRAFT,
            publish_at=publish_at,
        )
        event.full_clean(exclude=["slug", "description"])
        event.save()
        outcome = "created"
    elif event.import_checksum != checksum:
        for name, value in fields.items():
            setattr(event, name, value)
        event.import_checksum = checksum
        event.full_clean(exclude=["slug", "description"])
        event.save()
        outcome = "updated"
    else:
        outcome = "unchanged"
    if post is not None and not event.posts.filter(pk=post.pk).exists():
        event.posts.add(post)
        if outcome == "unchanged":
            outcome = "updated"
    return event, outcome
