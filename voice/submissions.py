"""Storing what a citizen sends, and the abuse limits in front of it (plain functions)."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.client import client_ip
from voice import ratelimit
from voice.models import Question, QuestionAttachment, Sender

HOUR = 60 * 60
DAY = 24 * HOUR


def send_allowed(request, contact):
    """Whether one more item may be stored from this address and this phone or e-mail.
    Counts the attempt in both windows (the cache, not the database)."""
    address_ok = ratelimit.allow("send-ip", client_ip(request), settings.VOICE_SENDS_PER_HOUR, HOUR)
    if not address_ok:
        return False
    if contact:
        return ratelimit.allow(
            "send-contact", contact, settings.VOICE_SENDS_PER_CONTACT_PER_DAY, DAY
        )
    return True


def lookup_allowed(request):
    return ratelimit.allow("lookup-ip", client_ip(request), settings.VOICE_LOOKUPS_PER_HOUR, HOUR)


@transaction.atomic
def store(form):
    """The item, its sender and attachments, in one transaction; nothing else happens here
    (mail is a task), so a mail server that is down loses nothing."""
    data = form.cleaned_data
    question = Question.objects.create(
        kind=data["kind"],
        topic=data.get("topic"),
        title=data["title"],
        content=data["content"],
        allow_publish=bool(data.get("allow_publish")),
        wants_answer=bool(data.get("wants_answer")),
        consented_at=timezone.now(),
    )
    if data.get("unit"):
        question.units.add(data["unit"])
    Sender.objects.create(
        question=question,
        name=data.get("name", ""),
        phone=data.get("phone", ""),
        email=data.get("email", ""),
        address=data.get("address", ""),
    )
    for upload in form.attachments():
        QuestionAttachment.objects.create(
            question=question,
            file=upload,
            mime_type=getattr(upload, "voice_mime", ""),
            size=upload.size,
        )
    return question


def find(code, contact):
    """The item with `code` whose sender gave `contact`, or None: a wrong pair and an unknown
    code give the same None (no probing which codes exist)."""
    normalized = code and Question.objects.filter(code=code).select_related("sender").first()
    if not normalized:
        return None
    sender = getattr(normalized, "sender", None)
    if sender is None or not sender.matches(contact):
        return None
    return normalized
