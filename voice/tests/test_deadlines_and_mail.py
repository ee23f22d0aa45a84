"""Deadlines in working days (holidays from the settings) and the answer mail's retries."""

import datetime
from unittest import mock

import pytest
from django.core import mail

from voice.deadlines import add_working_days, working_days_between
from voice.models import Question, State
from voice.models.questions import MailState
from voice.tasks import MAIL_ATTEMPTS, send_answer_mail
from voice.tests.factories import QuestionFactory

FRIDAY = datetime.date(2026, 4, 24)


def test_weekends_are_skipped():
    assert add_working_days(FRIDAY, 1, days_off=set()) == datetime.date(2026, 4, 27)
    assert add_working_days(FRIDAY, 5, days_off=set()) == datetime.date(2026, 5, 1)


def test_holidays_from_the_settings_are_skipped(settings):
    settings.HOLIDAYS = ["2026-04-27", "2026-04-30", "2026-05-01", "not a date"]
    assert add_working_days(FRIDAY, 1) == datetime.date(2026, 4, 28)
    assert add_working_days(FRIDAY, 3) == datetime.date(2026, 5, 4)
    assert working_days_between(FRIDAY, datetime.date(2026, 5, 4)) == 3


@pytest.mark.django_db
def test_an_item_gets_its_deadline_when_received(settings):
    settings.VOICE_ANSWER_WORKING_DAYS = 10
    settings.HOLIDAYS = []
    question = QuestionFactory()
    received = question.received_at.astimezone().date()
    assert question.due_on == add_working_days(received, 10, days_off=set())


@pytest.mark.django_db
def test_a_failing_mail_server_is_retried_and_then_succeeds(django_capture_on_commit_callbacks):
    question = QuestionFactory(state=State.ANSWERED, answer="Trả lời")
    calls = {"n": 0}
    real_send = mail.send_mail

    def flaky(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] < 3:
            raise ConnectionRefusedError("mail server down")
        return real_send(*args, **kwargs)

    with (
        mock.patch("voice.tasks.send_mail", flaky),
        django_capture_on_commit_callbacks(execute=True),
    ):
        send_answer_mail.enqueue(question.pk, 1)
    question.refresh_from_db()
    assert calls["n"] == 3
    assert question.mail_state == MailState.SENT and question.mail_attempts == 3
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_mail_server_that_stays_down_loses_nothing(django_capture_on_commit_callbacks):
    question = QuestionFactory(state=State.ANSWERED, answer="Trả lời")
    with (
        mock.patch("voice.tasks.send_mail", side_effect=OSError("down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        send_answer_mail.enqueue(question.pk, 1)
    question.refresh_from_db()
    assert question.mail_state == MailState.FAILED
    assert question.mail_attempts == MAIL_ATTEMPTS
    assert Question.objects.filter(pk=question.pk, answer="Trả lời").exists()


@pytest.mark.django_db
def test_sending_a_question_never_waits_for_mail(client):
    from django.urls import reverse

    from voice.tests.conftest import form_data

    with mock.patch("voice.tasks.send_mail", side_effect=OSError("down")):
        response = client.post(reverse("voice:send"), form_data())
    assert response.status_code == 302
    assert Question.objects.count() == 1
