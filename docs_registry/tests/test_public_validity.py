"""A document's validity changes only through documents the public can see, and the read-only
"Cán bộ" role reads internal documents on the registry without being able to edit anything."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from core import roles
from core.publishing import Status
from docs_registry.models import Document, Validity

from .factories import DocumentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_force():
    return DocumentFactory(number="23-QĐ/TW", title="Quy chế công tác dân vận")


def replace_with(old, **fields):
    new = DocumentFactory(**fields)
    new.replaces.add(old)
    return new


def csv_rows(client):
    body = client.get(reverse("docs_registry:csv")).content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


@pytest.mark.parametrize(
    "replacement",
    [
        {"status": Status.DRAFT, "publish_at": None},
        {"status": Status.REVIEW, "publish_at": None},
        {"status": Status.PUBLISHED, "is_internal": True},
        {
            "status": Status.PUBLISHED,
            "publish_at": timezone.now() + datetime.timedelta(days=3),  # scheduled
        },
    ],
    ids=["draft", "in-review", "internal", "scheduled"],
)
def test_a_replacement_the_public_cannot_see_changes_nothing_publicly(
    client, in_force, replacement
):
    replace_with(in_force, **replacement)
    assert Document.objects.with_validity().get(pk=in_force.pk).validity == Validity.IN_FORCE
    page = client.get(in_force.get_absolute_url()).content.decode()
    assert "Còn hiệu lực" in page and "Bị thay thế" not in page
    listing = client.get(reverse("docs_registry:list")).content.decode()
    assert "Bị thay thế" not in listing
    row = next(r for r in csv_rows(client) if "23-QĐ/TW" in r)
    assert "Còn hiệu lực" in row and "Bị thay thế" not in row


def test_a_published_public_replacement_marks_it_replaced(client, in_force):
    replace_with(in_force)
    assert Document.objects.with_validity().get(pk=in_force.pk).validity == Validity.REPLACED
    assert "Bị thay thế" in client.get(in_force.get_absolute_url()).content.decode()


# -- the read-only "Cán bộ" role ---------------------------------------------------------------


@pytest.fixture
def officer(django_user_model):
    user = django_user_model.objects.create_user(
        username="canbo", password="mật-khẩu-thử-nghiệm", is_staff=True
    )
    user.groups.add(Group.objects.get(name=roles.READERS))
    return user


def test_an_officer_reads_internal_documents_on_the_registry(client, officer):
    internal = DocumentFactory(number="05-HD/BDVTU", title="Hướng dẫn nội bộ", is_internal=True)
    draft = DocumentFactory(title="Dự thảo chưa duyệt", status=Status.DRAFT, publish_at=None)
    assert client.get(internal.get_absolute_url()).status_code == 404
    assert "Hướng dẫn nội bộ" not in client.get(reverse("docs_registry:list")).content.decode()

    client.force_login(officer)
    listing = client.get(reverse("docs_registry:list"))
    assert "Hướng dẫn nội bộ" in listing.content.decode()
    assert "no-cache" in listing["Cache-Control"]
    assert client.get(internal.get_absolute_url()).status_code == 200
    # Reading is all: drafts stay hidden, and the CSV export stays public.
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert not any("05-HD/BDVTU" in r for r in csv_rows(client))


def test_an_officer_edits_nothing_even_with_crafted_posts(client, officer):
    from news.tests.factories import PostFactory

    doc = DocumentFactory(title="Quy chế")
    post = PostFactory(title="Bài đã đăng")
    client.force_login(officer)
    assert client.get(reverse("admin:index")).status_code == 200  # may log in
    crafted = {
        reverse("admin:docs_registry_document_change", args=[doc.pk]): {"title": "Sửa"},
        reverse("admin:docs_registry_document_add"): {"number": "1-QĐ/TW"},
        reverse("admin:news_post_change", args=[post.pk]): {"title": "Sửa"},
        reverse("admin:news_post_add"): {"title": "Bài mới", "_workflow_submit": "1"},
        reverse("admin:events_event_add"): {"title": "Sự kiện"},
    }
    for url, data in crafted.items():
        assert client.post(url, data).status_code == 403, url
    changelist = reverse("admin:docs_registry_document_changelist")
    response = client.post(changelist, {"action": "publish_selected", "_selected_action": [doc.pk]})
    assert response.status_code == 403
    doc.refresh_from_db()
    post.refresh_from_db()
    assert (doc.title, post.title) == ("Quy chế", "Bài đã đăng")


# -- "Trả lại" for documents and events (the shared publishing base) -----------------------------


def test_a_publisher_sends_a_document_back_with_a_reason(client, editor, publisher):
    doc = DocumentFactory(
        title="Dự thảo quy chế", status=Status.DRAFT, publish_at=None, created_by=editor
    )
    doc.submit(editor)
    url = reverse("admin:docs_registry_document_change", args=[doc.pk])
    client.force_login(editor)
    assert (
        client.post(url, {"_workflow_return": "1", "workflow_return_comment": "x"}).status_code
        == 403
    )
    client.force_login(publisher)
    assert 'name="_workflow_return"' in client.get(url).content.decode()
    client.post(url, {"_workflow_return": "1", "workflow_return_comment": "  "})
    doc.refresh_from_db()
    assert doc.status == Status.REVIEW  # a reason is required
    client.post(url, {"_workflow_return": "1", "workflow_return_comment": "Thiếu ngày ban hành."})
    doc.refresh_from_db()
    assert (doc.status, doc.state_label) == (Status.DRAFT, "Trả lại")
    client.force_login(editor)
    assert "Thiếu ngày ban hành." in client.get(url).content.decode()
    desk = client.get(reverse("admin:index")).content.decode()
    assert "Thiếu ngày ban hành." in desk
