"""Personal data: export and erase on request, the automatic purge, every access logged, and
never in anything public (pages, feeds, search, sitemaps, cached pages, public exports)."""

import datetime
import json

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core import tasks as core_tasks
from core.models import Action, AuditEntry
from voice.models import Question, Sender, State
from voice.tasks import purge_expired_personal_data, purge_voice_personal_data
from voice.tests.factories import AnsweredQuestionFactory, QuestionFactory

pytestmark = pytest.mark.django_db
NAME, PHONE, EMAIL, ADDRESS = (
    "Nguyễn Thị Riêng Tư",
    "0912 345 678",
    "nguoidan.rieng@example.vn",
    "Thôn Bí Mật",
)


def test_staff_export_every_item_of_the_citizen_and_the_export_is_logged(client, editor):
    first = QuestionFactory()
    second = QuestionFactory()  # the same phone and e-mail
    QuestionFactory(sender__email="nguoi.khac@example.vn", sender__phone="0900000001")
    client.force_login(editor)
    response = client.post(reverse("admin:voice_question_export", args=[first.pk]))
    data = json.loads(response.content)
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"]
    assert {row["ma_theo_doi"] for row in data["cac_muc"]} == {
        first.display_code,
        second.display_code,
    }
    assert data["cac_muc"][0]["nguoi_gui"]["name"] == NAME
    assert AuditEntry.objects.filter(action=Action.PERSONAL_DATA_EXPORTED).count() == 2
    assert client.get(reverse("admin:voice_question_export", args=[first.pk])).status_code == 405


def test_erasing_on_request_needs_a_publisher_and_is_logged(client, editor, publisher):
    question = QuestionFactory()
    client.force_login(editor)
    assert client.post(reverse("admin:voice_question_erase", args=[question.pk])).status_code == 403
    client.force_login(publisher)
    client.post(reverse("admin:voice_question_erase", args=[question.pk]))
    sender = Sender.objects.get(question=question)
    assert sender.is_empty()
    question.refresh_from_db()
    assert question.personal_data_deleted_at is not None
    assert question.title  # the item itself stays for the figures
    entry = AuditEntry.objects.get(action=Action.PERSONAL_DATA_ERASED)
    assert entry.actor == publisher


def test_the_purge_deletes_personal_fields_months_after_closing_and_logs_it(settings):
    settings.VOICE_RETENTION_MONTHS = 12
    old = QuestionFactory(state=State.CLOSED)
    recent = QuestionFactory(state=State.CLOSED)
    still_open = QuestionFactory(state=State.IN_PROGRESS)
    Question.objects.filter(pk=old.pk).update(
        closed_at=timezone.now() - datetime.timedelta(days=400)
    )
    Question.objects.filter(pk=recent.pk).update(
        closed_at=timezone.now() - datetime.timedelta(days=30)
    )
    assert purge_expired_personal_data() == 1
    assert Sender.objects.get(question=old).is_empty()
    assert not Sender.objects.get(question=recent).is_empty()
    assert not Sender.objects.get(question=still_open).is_empty()
    entry = AuditEntry.objects.get(action=Action.PERSONAL_DATA_PURGED)
    assert entry.actor is None  # the system
    assert purge_expired_personal_data() == 0  # once only


def _public_outputs(client, question):
    urls = [
        reverse("voice:list"),
        question.get_absolute_url(),
        reverse("search") + "?q=ho+tro",
        "/sitemap.xml",
        "/sitemap-hoi-dap.xml",
        "/tin-tuc/rss/",
        "/",
    ]
    return {url: client.get(url) for url in urls}


def test_personal_data_never_appears_in_anything_public(client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    question = AnsweredQuestionFactory(
        title="Hỗ trợ hộ nghèo", content="Xin hỏi về hỗ trợ hộ nghèo xây nhà."
    )
    responses = _public_outputs(client, question)
    responses.update(_public_outputs(client, question))  # the second time from the page cache
    assert responses[question.get_absolute_url()].status_code == 200
    for url, response in responses.items():
        body = response.content.decode()
        for secret in (NAME, PHONE, EMAIL, ADDRESS, "0912345678"):
            assert secret not in body, (url, secret)
    # Nor in anything the cache keeps.
    stored = list(getattr(caches["default"], "_cache", {}).values())
    assert stored  # pages were cached
    for raw in stored:
        for secret in (NAME, EMAIL, ADDRESS):
            assert secret.encode() not in raw
    # Nor in the text search reads.
    question.refresh_from_db()
    for secret in ("nguyen thi rieng", "nguoidan", "0912"):
        assert secret not in question.search_text


def test_the_follow_page_never_shows_the_sender_back(client):
    question = QuestionFactory()
    html = client.post(
        reverse("voice:follow"), {"code": question.code, "contact": EMAIL}
    ).content.decode()
    assert question.title in html
    assert NAME not in html and ADDRESS not in html


def test_the_purge_runs_daily_without_cron(settings):
    # Production's database queue (manage.py db_worker); the settings fixture restores TASKS.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    waiting = DBTaskResult.objects.filter(
        task_path=purge_voice_personal_data.module_path, status="READY"
    )
    core_tasks.schedule()  # what every `migrate` does
    assert waiting.count() == 1
    core_tasks.schedule()  # a second migrate starts no second chain
    assert waiting.count() == 1
    waiting.delete()
    purge_voice_personal_data.call()
    [next_run] = waiting
    assert next_run.run_after > timezone.now() + datetime.timedelta(hours=23)
