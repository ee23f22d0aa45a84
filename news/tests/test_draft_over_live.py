"""Draft over live: an editor proposes a revision of a published post; the public keeps the
published version until a publisher approves it, and the history keeps both."""

import pytest
from django.urls import reverse

from core.publishing import Status
from docs_registry.models import Document
from docs_registry.tests.factories import DocumentFactory
from news.models import Post
from news.tests.factories import PostFactory

from .test_admin import change_url, form_data, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(publisher):
    post = PostFactory(
        title="Hội nghị dân vận khéo", body="<p>Có 19 điểm cầu.</p>", tags=["Dân vận khéo"]
    )
    post.publish(publisher)
    return post


def test_an_editor_proposes_a_revision_and_the_public_sees_the_live_post(
    client, editor, publisher, live
):
    login(client, editor)
    page = client.get(change_url(live)).content.decode()
    assert 'name="_workflow_revise"' in page
    response = client.post(change_url(live), {"_workflow_revise": "1"})
    revision = Post.objects.get(revision_of=live)
    assert response.url == change_url(revision)
    assert revision.status == Status.DRAFT and revision.title == live.title
    assert [t.name for t in revision.tags.all()] == ["Dân vận khéo"]

    # The editor fixes the typo and submits the revision.
    client.post(
        change_url(revision),
        form_data(
            revision,
            body="<p>Có 91 điểm cầu.</p>",
            tags="Dân vận khéo",
            _workflow_submit="1",
        ),
    )
    revision.refresh_from_db()
    assert revision.status == Status.REVIEW
    client.logout()
    public = client.get(live.get_absolute_url()).content.decode()
    assert "19 điểm cầu" in public and "91 điểm cầu" not in public
    assert client.get(revision.get_absolute_url()).status_code == 404
    assert list(Post.objects.published()) == [live]

    # The publisher approves: the live post takes the revision's content, at its own address.
    login(client, publisher)
    response = client.post(
        change_url(revision),
        form_data(revision, body=revision.body, tags="Dân vận khéo", _workflow_publish="1"),
    )
    assert response.url == change_url(live)
    assert not Post.objects.filter(pk=revision.pk).exists()
    live.refresh_from_db()
    assert "91 điểm cầu" in live.body and live.status == Status.PUBLISHED
    client.logout()
    assert "91 điểm cầu" in client.get(live.get_absolute_url()).content.decode()
    bodies = [h.body for h in live.history.all()]
    assert any("19 điểm cầu" in b for b in bodies) and "91 điểm cầu" in bodies[0]
    assert live.history.first().history_change_reason == "Duyệt bản sửa"


def test_one_open_revision_at_a_time_and_editors_still_cannot_change_the_live_post(
    client, editor, live
):
    first = live.start_revision(editor)
    assert live.start_revision(editor) == first
    login(client, editor)
    assert f"/{first.pk}/change/" in client.get(change_url(live)).content.decode()
    response = client.post(change_url(live), form_data(live, title="Sửa thẳng bài đang đăng"))
    assert response.status_code == 403
    live.refresh_from_db()
    assert live.title == "Hội nghị dân vận khéo"


def test_an_editor_cannot_approve_a_revision(client, editor, live):
    revision = live.start_revision(editor)
    revision.submit(editor)
    login(client, editor)
    response = client.post(change_url(revision), {"_workflow_publish": "1"})
    assert response.status_code == 403
    changelist = reverse("admin:news_post_changelist")
    client.post(changelist, {"action": "publish_selected", "_selected_action": [revision.pk]})
    assert Post.objects.filter(pk=revision.pk, status=Status.REVIEW).exists()


def test_a_document_revision_keeps_its_number_until_approved(editor, publisher):
    doc = DocumentFactory(number="23-QĐ/TW", title="Quy chế cũ")
    revision = doc.start_revision(editor)
    revision.title = "Quy chế đã sửa chính tả"
    revision.save()
    assert list(Document.objects.public()) == [doc]
    revision.publish(publisher)
    doc.refresh_from_db()
    assert doc.title == "Quy chế đã sửa chính tả"
    assert Document.objects.count() == 1
