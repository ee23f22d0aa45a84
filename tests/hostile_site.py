"""A site filled with hostile text through the admin, for tests/test_hostile_text.py."""

from django.urls import reverse
from django.utils import timezone

from core.publishing import Status
from core.text import nfc
from docs_registry.models import Document, DocumentType, Issuer
from events.models import Event
from news.models import Category, Post
from taxonomy.models import Topic
from tests.hostile import HOSTILE_BODY, SCRIPT, TITLE_BREAK, hostile

BACKEND = "django.contrib.auth.backends.ModelBackend"

POST_TITLE = hostile("Bài viết")
POST_TITLE_REVISED = hostile("Bài sửa")
SUMMARY = hostile("Sapo", 1000)
BYLINE = hostile("Bút danh", 200)
CAPTION = hostile("Chú thích", 500)
SOURCE = hostile("Nguồn", 200)
# taggit reads double quotes as grouping, so the tag keeps to the other tricks.
TAG = f"Chủ đề {SCRIPT} {TITLE_BREAK} <img src=x onerror=alert(1)>"
CATEGORY = hostile("Chuyên mục", 200)
SEND_BACK = hostile("Lý do trả lại", 1000)
EVENT_TITLE = hostile("Sự kiện")
LOCATION = hostile("Địa điểm")
ORGANISER = hostile("Đơn vị", 300)
SPEAKERS = hostile("Báo cáo viên", 1000)
DOC_TYPE = hostile("Loại", 100)
ISSUER = hostile("Cơ quan", 200)
DOC_TITLE = hostile("Trích yếu", 2000)
SIGNER = '=HYPERLINK("http://x";"Ký") ' + hostile("Người ký", 150)

FIRST_WORDS = {  # what each piece must show as text: its label and the script tag after it
    "post": f"Bài sửa {SCRIPT}",
    "category": f"Chuyên mục {SCRIPT}",
    "tag": f"Chủ đề {SCRIPT}",
    "event": f"Sự kiện {SCRIPT}",
    "document": f"Trích yếu {SCRIPT}",
}


def as_user(client, user):
    client.force_login(user, backend=BACKEND)
    return client


def post_form(category, title=POST_TITLE, **extra):
    return {
        "title": title,
        "slug": "",
        "summary": SUMMARY,
        "body": HOSTILE_BODY,
        "image_alt": "",
        "image_caption": CAPTION,
        "byline": BYLINE,
        "source_name": SOURCE,
        "source_url": "",
        "category": category.pk,
        "tags": f"{TAG}, Dân vận khéo",
        **extra,
    }


def follow_post(client, url, data):
    """POST `data` and follow the redirect; the page shown next carries the messages."""
    response = client.post(url, data, follow=True)
    errors = response.context and response.context.get("errors")
    assert response.redirect_chain and not errors, f"{url}: {errors}"
    return response


def type_and_publish(client, editor, publisher):
    """Everything typed through the admin by an editor and a publisher, and published; returns
    the rows and the admin pages rendered right after each action, with their messages."""
    pages = {}
    category = _lookups(client, publisher)
    post = _post_through_review(client, editor, publisher, category, pages)
    _event_and_document(client, editor, post)
    event, document = _publish_from_lists(client, publisher, pages)
    post.refresh_from_db()
    event.refresh_from_db()
    document.refresh_from_db()
    assert post.status == event.status == document.status == Status.PUBLISHED
    assert post.title == nfc(POST_TITLE_REVISED)
    client.logout()
    return {
        "post": post,
        "event": event,
        "document": document,
        "category": category,
        "topic": Topic.objects.get(name=nfc(TAG)),
        "admin_pages": pages,
    }


def _lookups(client, publisher):
    # The publisher creates the category, the document type and the issuer.
    as_user(client, publisher)
    follow_post(
        client,
        reverse("admin:news_category_add"),
        {"name": CATEGORY, "slug": "", "description": SUMMARY, "position": "0"},
    )
    follow_post(
        client,
        reverse("admin:docs_registry_documenttype_add"),
        {"name": DOC_TYPE, "abbreviation": "QĐ", "slug": ""},
    )
    follow_post(
        client,
        reverse("admin:docs_registry_issuer_add"),
        {"name": ISSUER, "suffix": "TW", "slug": ""},
    )
    return Category.objects.get()


def _post_through_review(client, editor, publisher, category, pages):
    # The editor writes a post and submits it; the publisher sends it back with a comment.
    as_user(client, editor)
    pages["post added"] = follow_post(
        client, reverse("admin:news_post_add"), post_form(category, _workflow_submit="1")
    )
    post = Post.objects.get()
    change = reverse("admin:news_post_change", args=[post.pk])
    as_user(client, publisher)
    pages["sent back"] = follow_post(
        client,
        change,
        post_form(
            category,
            slug=post.slug,
            publish_at_0="",
            publish_at_1="",
            workflow_comment=SEND_BACK,
            _workflow_send_back="1",
        ),
    )
    # The editor resubmits; the publisher publishes, then revises the title (a history diff).
    as_user(client, editor)
    follow_post(client, change, post_form(category, slug=post.slug, _workflow_submit="1"))
    as_user(client, publisher)
    pages["published"] = follow_post(
        client,
        change,
        post_form(
            category, slug=post.slug, publish_at_0="", publish_at_1="", _workflow_publish="1"
        ),
    )
    pages["revised"] = follow_post(
        client,
        change,
        post_form(
            category,
            title=POST_TITLE_REVISED,
            slug=post.slug,
            publish_at_0=timezone.localtime(Post.objects.get().publish_at).strftime("%d/%m/%Y"),
            publish_at_1=timezone.localtime(Post.objects.get().publish_at).strftime("%H:%M:%S"),
            _continue="1",
        ),
    )

    return post


def _event_and_document(client, editor, post):
    today = timezone.localdate()
    # The editor enters an event and a document; the publisher publishes both from the lists.
    as_user(client, editor)
    follow_post(
        client,
        reverse("admin:events_event_add"),
        {
            "title": EVENT_TITLE,
            "slug": "",
            "kind": "conference",
            "description": HOSTILE_BODY,
            "tags": TAG,
            "start_date": today.strftime("%d/%m/%Y"),
            "start_time": "08:00",
            "end_date": "",
            "end_time": "",
            "location": LOCATION,
            "format": "hybrid",
            "connection_points": "91",
            "organiser": ORGANISER,
            "audience": SUMMARY[:500],
            "participants": "",
            "speakers": SPEAKERS,
            "themes": SPEAKERS,
            "posts": str(post.pk),
        },
    )
    follow_post(
        client,
        reverse("admin:docs_registry_document_add"),
        {
            "number": "23-QĐ/TW",
            "doc_type": DocumentType.objects.get().pk,
            "issuer": Issuer.objects.get().pk,
            "title": DOC_TITLE,
            "signer": SIGNER,
            "issue_date": "30/07/2021",
            "issue_year": "",
            "effective_date": "",
            "expiry_date": "",
            "manual_validity": "in_force",
            "tags": TAG,
            "posts": str(post.pk),
            "slug": "",
            "attachments-TOTAL_FORMS": "0",
            "attachments-INITIAL_FORMS": "0",
            "attachments-MIN_NUM_FORMS": "0",
            "attachments-MAX_NUM_FORMS": "1000",
        },
    )


def _publish_from_lists(client, publisher, pages):
    event, document = Event.objects.get(), Document.objects.get()
    as_user(client, publisher)
    pages["event published"] = follow_post(
        client,
        reverse("admin:events_event_changelist"),
        {"action": "publish_selected", "_selected_action": [event.pk]},
    )
    pages["document published"] = follow_post(
        client,
        reverse("admin:docs_registry_document_changelist"),
        {"action": "publish_selected", "_selected_action": [document.pk]},
    )
    return event, document
