"""Background work of citizens' voice (django-tasks, like the renditions and PDF text):
telling a citizen their item was answered, with retries, and deleting expired personal data.

The item is stored before any mail is tried, so a mail server that is down loses nothing: the
mail waits (`mail_state` "pending"), is retried up to `MAIL_ATTEMPTS` times with a growing
delay where the backend can defer, and ends "failed" on the item for the handler to see.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend, task

from core import audit
from core.tasks import periodic, queue_next
from voice.models import DraftComment, Question, Sender, State
from voice.models.questions import MailState

logger = logging.getLogger(__name__)
MAIL_ATTEMPTS = 4
RETRY_DELAYS = (60, 600, 3600)  # seconds before the 2nd, 3rd and 4th attempt


def answer_message(question):
    site = settings.SITE_INFO
    url = site["base_url"] + "/hoi-dap/tra-cuu/"
    subject = " ".join(f"[{site['short_name']}] Đã có trả lời: {question.title}".split())
    body = (
        f"Kính gửi ông/bà,\n\n{site['name']} đã trả lời "
        f"{question.get_kind_display().lower()} mã {question.display_code}.\n\n"
        f"Nội dung trả lời:\n{question.answer}\n\n"
        f"Xem lại tại {url} (nhập mã theo dõi và thư điện tử của ông/bà).\n"
    )
    return subject, body


def _retry(question_id, attempt):
    if attempt >= MAIL_ATTEMPTS:
        Question.objects.filter(pk=question_id).update(mail_state=MailState.FAILED)
        logger.error("voice: answer mail for item %s failed %s times", question_id, attempt)
        return
    delay = RETRY_DELAYS[min(attempt - 1, len(RETRY_DELAYS) - 1)]
    runner = send_answer_mail
    if default_task_backend.supports_defer:
        runner = send_answer_mail.using(
            run_after=timezone.now() + datetime.timedelta(seconds=delay)
        )
    transaction.on_commit(lambda: runner.enqueue(question_id, attempt + 1))


@task()
def send_answer_mail(question_id, attempt=1):
    """Attempt `attempt` to mail the answer of item `question_id` to its sender."""
    question = Question.objects.select_related("sender").filter(pk=question_id).first()
    sender = getattr(question, "sender", None) if question else None
    if question is None or sender is None or not sender.email:
        return "nothing to send"
    if question.mail_state == MailState.SENT:
        return "already sent"
    Question.objects.filter(pk=question_id).update(mail_attempts=attempt)
    subject, body = answer_message(question)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [sender.email])
    except Exception:  # noqa: BLE001 (any failure of the mail server means: try again later)
        logger.warning("voice: answer mail for item %s, attempt %s failed", question_id, attempt)
        _retry(question_id, attempt)
        return "retry"
    Question.objects.filter(pk=question_id).update(mail_state=MailState.SENT)
    return "sent"


def expired_senders(now=None):
    """Senders of items closed (or declined and closed) more than the retention period ago
    whose personal data is still kept."""
    now = now or timezone.now()
    days = round(settings.VOICE_RETENTION_MONTHS * 30.44)
    cutoff = now - datetime.timedelta(days=days)
    return Sender.objects.filter(
        question__state=State.CLOSED,
        question__closed_at__lt=cutoff,
        question__personal_data_deleted_at__isnull=True,
    ).select_related("question")


def purge_expired_personal_data(now=None):
    """Delete expired personal data (each purge in the audit log); returns how many items."""
    count = 0
    for sender in expired_senders(now):
        with transaction.atomic():
            sender.erase()
            audit.record(
                audit.Action.PERSONAL_DATA_PURGED,
                obj=sender.question,
                changes={"reason": "hết thời hạn lưu trữ"},
            )
        count += 1
    days = round(settings.VOICE_RETENTION_MONTHS * 30.44)
    cutoff = (now or timezone.now()).date() - datetime.timedelta(days=days)
    old = DraftComment.objects.filter(consultation__closes_on__lt=cutoff).exclude(name="", email="")
    count += old.update(name="", email="")
    return count


@periodic
@task()
def purge_voice_personal_data():
    """Daily, without cron (core.tasks): the worker runs it and it queues the next run."""
    count = purge_expired_personal_data()
    queue_next(purge_voice_personal_data)
    return count
