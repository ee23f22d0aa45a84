"""Handling in the admin: states, deadlines, unit scope, crafted POSTs, the desk, notes."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core.models import Action, AuditEntry
from core.publishing import Status
from taxonomy.units import Kind as UnitKind
from taxonomy.units import Unit
from voice.models import Question, State
from voice.tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db


def change_url(question):
    return reverse("admin:voice_question_change", args=[question.pk])


def press(client, question, action, **extra):
    return client.post(change_url(question), {"_voice_state": action, **extra})


@pytest.fixture
def communes():
    return (
        Unit.objects.create(kind=UnitKind.COMMUNE, name="Mộc Bắc"),
        Unit.objects.create(kind=UnitKind.COMMUNE, name="Kim Bảng"),
    )


def test_a_handler_takes_an_item_through_the_states_and_a_publisher_approves_the_answer(
    client, editor, publisher, communes, django_capture_on_commit_callbacks
):
    question = QuestionFactory()
    client.force_login(editor)
    assert press(client, question, "receive").status_code == 302
    assert press(client, question, "assign", assigned_unit=communes[0].pk).status_code == 302
    question.refresh_from_db()
    assert (question.state, question.assigned_unit, question.handler) == (
        State.IN_PROGRESS,
        communes[0],
        editor,
    )
    question.answer = "Đã có câu trả lời của xã."
    question.save()
    question.submit(editor)
    with pytest.raises(Exception, match="quyền"):
        question.publish(editor)
    with django_capture_on_commit_callbacks(execute=True):
        question.publish(publisher)
    question.refresh_from_db()
    assert question.state == State.ANSWERED and question.answered_at is not None
    assert question.is_public()


def test_states_cannot_be_skipped_or_set_by_a_crafted_post(client, editor):
    question = QuestionFactory()
    client.force_login(editor)
    response = press(client, question, "close")
    question.refresh_from_db()
    assert question.state == State.NEW
    assert "Không chuyển được" in client.get(response["Location"]).content.decode()
    crafted = client.post(change_url(question), {"state": State.CLOSED, "title": "x"})
    assert crafted.status_code == 403
    forged = client.post(change_url(question), {"due_on": "2099-01-01", "title": "x"})
    assert forged.status_code == 403
    question.refresh_from_db()
    assert question.state == State.NEW


def test_declining_needs_a_reason(client, editor):
    question = QuestionFactory()
    client.force_login(editor)
    press(client, question, "decline")
    question.refresh_from_db()
    assert question.state == State.NEW
    press(client, question, "decline", voice_decline_reason="Không thuộc thẩm quyền của Ban.")
    question.refresh_from_db()
    assert question.state == State.DECLINED
    assert question.decline_reason == "Không thuộc thẩm quyền của Ban."


def test_an_editor_of_one_commune_sees_and_handles_only_its_items(client, editor, communes):
    mine, theirs = communes
    mine.editors.add(editor)
    own = QuestionFactory(title="Của xã Mộc Bắc")
    own.units.add(mine)
    other = QuestionFactory(title="Của xã Kim Bảng")
    other.units.add(theirs)
    client.force_login(editor)
    listing = client.get(reverse("admin:voice_question_changelist")).content.decode()
    assert "Của xã Mộc Bắc" in listing and "Của xã Kim Bảng" not in listing
    assert client.get(change_url(other)).status_code == 302  # "not found" -> admin index
    press(client, other, "receive")
    other.refresh_from_db()
    assert other.state == State.NEW
    press(client, own, "receive")
    press(client, own, "assign", assigned_unit=theirs.pk)  # another commune: refused
    own.refresh_from_db()
    assert own.state == State.RECEIVED and own.assigned_unit is None


def test_reading_the_personal_data_is_logged_with_who_and_when(client, editor):
    question = QuestionFactory()
    client.force_login(editor)
    html = client.get(change_url(question)).content.decode()
    assert "Nguyễn Thị Riêng Tư" in html and "0912 345 678" in html
    entry = AuditEntry.objects.get(action=Action.PERSONAL_DATA_READ)
    assert entry.actor == editor
    assert entry.at is not None


def test_overdue_items_are_highlighted_and_on_the_desk(client, editor, settings):
    settings.VOICE_ANSWER_WORKING_DAYS = 2
    late = QuestionFactory(title="Phản ánh quá hạn")
    Question.objects.filter(pk=late.pk).update(
        due_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    QuestionFactory(title="Góp ý đúng hạn")
    client.force_login(editor)
    listing = client.get(reverse("admin:voice_question_changelist")).content.decode()
    assert "quá hạn" in listing
    overdue_only = client.get(
        reverse("admin:voice_question_changelist"), {"han": "qua-han"}
    ).content.decode()
    assert "Phản ánh quá hạn" in overdue_only and "Góp ý đúng hạn" not in overdue_only
    desk = client.get(reverse("admin:index")).content.decode()
    assert "Quá hạn trả lời" in desk and "Phản ánh quá hạn" in desk


def test_notes_are_appended_with_their_author(client, editor):
    question = QuestionFactory()
    client.force_login(editor)
    data = {
        "kind": question.kind,
        "title": question.title,
        "slug": question.slug,
        "content": question.content,
        "units": [],
        "wants_answer": "on",
        "allow_publish": "on",
        "answer": "",
        "notes-TOTAL_FORMS": "1",
        "notes-INITIAL_FORMS": "0",
        "notes-MIN_NUM_FORMS": "0",
        "notes-MAX_NUM_FORMS": "1000",
        "notes-0-text": "Đã gọi điện cho người dân, hẹn xác minh.",
    }
    response = client.post(change_url(question), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    note = question.notes.get()
    assert note.author == editor


def test_the_citizen_is_mailed_when_answered(publisher, django_capture_on_commit_callbacks):
    question = QuestionFactory(state=State.IN_PROGRESS, answer="Trả lời")
    with django_capture_on_commit_callbacks(execute=True):
        question.publish(publisher)
    assert [m.to for m in mail.outbox] == [["nguoidan.rieng@example.vn"]]
    assert question.display_code in mail.outbox[0].body
    question.refresh_from_db()
    assert question.mail_state == "sent"


def test_unpublish_and_status_fields_stay_with_the_workflow(publisher):
    question = QuestionFactory(state=State.IN_PROGRESS, answer="Trả lời")
    question.publish(publisher)
    question.unpublish(publisher)
    question.refresh_from_db()
    assert question.status == Status.DRAFT
    assert not Question.objects.published().filter(pk=question.pk).exists()


def test_a_published_answer_offers_no_draft_over_live_copy(client, publisher):
    question = QuestionFactory(state=State.IN_PROGRESS, answer="Trả lời")
    question.publish(publisher)
    client.force_login(publisher)
    response = client.post(change_url(question), {"_workflow_revise": "1"})
    assert response.status_code == 403
    assert Question.objects.count() == 1
