"""Editors type hostile text through the admin forms; every view that shows it shows it as text.

The editor writes a post, an event and a document; the publisher creates the category, the
document type and the issuer, sends the post back with a hostile comment, publishes everything,
then revises the post so its history has a diff. Each view is then audited (`tests.hostile`).
"""

import csv
import io
import xml.etree.ElementTree as ET

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from core.text import nfc
from docs_registry.models import Document
from news.models import Category
from tests.hostile import IMG, SCRIPT, TITLE_BREAK, audit_html
from tests.hostile_site import (
    BYLINE,
    DOC_TITLE,
    DOC_TYPE,
    EVENT_TITLE,
    FIRST_WORDS,
    ISSUER,
    LOCATION,
    ORGANISER,
    POST_TITLE_REVISED,
    SEND_BACK,
    SIGNER,
    SUMMARY,
    as_user,
    post_form,
    type_and_publish,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(client, editor, publisher, django_capture_on_commit_callbacks):
    """Everything typed through the admin and published; the admin pages seen on the way."""
    with django_capture_on_commit_callbacks(execute=True):  # mail leaves after each commit
        return type_and_publish(client, editor, publisher)


def test_the_hostile_text_is_stored_as_typed_and_the_body_is_sanitised(site):
    post = site["post"]
    assert post.summary == nfc(SUMMARY) and post.byline == nfc(BYLINE)
    assert "Dân vận khéo" in post.summary  # NFD typed, NFC stored
    for stored in (post.body, site["event"].description):
        assert "<script" not in stored and "onerror" not in stored and "javascript:" not in stored
        assert "<iframe" not in stored and "<svg" not in stored and "<style" not in stored
        assert "Đoạn mở đầu" in stored


# -- public pages ------------------------------------------------------------------------------


def public_pages(site):
    post, event, document = site["post"], site["event"], site["document"]
    day = event.start_date
    return {
        reverse("home"): ["post", "event", "document"],
        reverse("news:list"): ["post", "category"],
        post.get_absolute_url(): ["post", "category", "tag"],
        site["category"].get_absolute_url(): ["post", "category"],
        site["topic"].get_absolute_url(): ["post", "tag"],
        reverse("events:list"): ["event"],
        event.get_absolute_url(): ["event", "post"],
        reverse("events:calendar", args=[day.year, day.month]): ["event"],
        reverse("docs_registry:list"): ["document"],
        document.get_absolute_url(): ["document", "post"],
        reverse("search") + "?q=dan+van+kheo+dang+bo": ["post", "event", "document"],
    }


def test_public_pages_show_the_hostile_text_only_as_text(client, site):
    for url, shown in public_pages(site).items():
        response = client.get(url)
        assert response.status_code == 200, url
        page = audit_html(response.content.decode())
        for piece in shown:
            assert FIRST_WORDS[piece] in page.text, f"{url} does not show the {piece} as text"


def test_the_detail_pages_show_every_field_as_text(client, site):
    text = audit_html(client.get(site["post"].get_absolute_url()).content.decode()).text
    for value in (BYLINE, SUMMARY):
        assert nfc(value)[:60] in text
    text = audit_html(client.get(site["event"].get_absolute_url()).content.decode()).text
    for value in (LOCATION, ORGANISER):
        assert nfc(value)[:60] in text
    text = audit_html(client.get(site["document"].get_absolute_url()).content.decode()).text
    assert nfc(ISSUER)[:60] in text and nfc(DOC_TYPE)[:40] in text


@pytest.mark.parametrize("query", [SCRIPT, IMG, TITLE_BREAK, "{{ 7*7 }}", "\u202e" + SCRIPT])
def test_a_hostile_query_is_echoed_as_text(client, site, query):
    for url in (reverse("search"), reverse("docs_registry:list")):
        response = client.get(url, {"q": query})
        assert response.status_code == 200
        audit_html(response.content.decode())


# -- feeds, calendars, CSV, sitemaps ------------------------------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize("name", ["news_rss", "news_atom", "topic_rss", "topic_atom"])
def test_feeds_carry_the_text_escaped_for_feed_readers(client, site, name):
    kwargs = {"tag_slug": site["topic"].slug} if name.startswith("topic") else {}
    response = client.get(reverse(name, kwargs=kwargs))
    raw = response.content.decode()
    assert response.status_code == 200
    assert "<script" not in raw and "<img" not in raw
    root = ET.fromstring(response.content)  # well-formed XML
    titles = [e.text for e in root.iter() if e.tag in ("title", f"{ATOM}title")]
    assert nfc(POST_TITLE_REVISED) in titles  # a plain-text element: the title as typed
    # Item descriptions are HTML for feed readers: what they render must not run anything.
    items = root.findall("channel/item/description") + root.findall(f"{ATOM}entry/{ATOM}summary")
    html_parts = [e.text or "" for e in items]
    assert html_parts
    for part in html_parts:
        audit_html(part)
    assert any("Sapo &lt;script&gt;" in part for part in html_parts)


def test_ics_files_keep_the_text_as_plain_values(client, site):
    event = site["event"]
    for url in (event.get_ics_url(), reverse("events:feed")):
        response = client.get(url)
        assert response.status_code == 200
        vevent = next(c for c in Calendar.from_ical(response.content).walk("VEVENT"))
        assert str(vevent["SUMMARY"]) == nfc(EVENT_TITLE)
        assert str(vevent["LOCATION"]) == nfc(LOCATION)
        # No line of the file starts a property the editor smuggled in.
        lines = response.content.decode().splitlines()
        assert sum(line.startswith("BEGIN:VEVENT") for line in lines) == 1


def test_csv_cells_are_text_and_formulas_are_defused(client, site):
    response = client.get(reverse("docs_registry:csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, row = rows[0], rows[1]
    record = dict(zip(header, row, strict=True))
    assert record["Trích yếu"] == nfc(DOC_TITLE)
    assert record["Người ký"] == "'" + nfc(SIGNER)  # starts with "=": kept from formulas


def test_sitemaps_are_well_formed_and_list_only_urls(client, site):
    response = client.get(reverse("sitemap"))
    ET.fromstring(response.content)
    for section in ("tin-tuc", "chuyen-muc", "chu-de", "su-kien", "van-ban"):
        response = client.get(reverse("sitemap_section", args=[section]))
        assert response.status_code == 200
        raw = response.content.decode()
        assert "<script" not in raw and "<img" not in raw
        locations = [
            e.text for e in ET.fromstring(response.content).iter() if e.tag.endswith("loc")
        ]
        assert locations and all(loc.startswith("http") and " " not in loc for loc in locations)


# -- the back office ------------------------------------------------------------------------------

ADMIN_LISTS = {
    "admin:news_post_changelist": ["post", "category", "tag"],
    "admin:news_category_changelist": ["category"],
    "admin:taxonomy_topic_changelist": ["tag"],
    "admin:events_event_changelist": ["event"],
    "admin:docs_registry_document_changelist": [],
    "admin:docs_registry_documenttype_changelist": [],
    "admin:docs_registry_issuer_changelist": [],
}


@pytest.mark.parametrize("name", ADMIN_LISTS)
def test_admin_lists_show_the_text_escaped(client, site, superuser, name):
    response = as_user(client, superuser).get(reverse(name))
    assert response.status_code == 200
    page = audit_html(response.content.decode())
    for piece in ADMIN_LISTS[name]:
        assert FIRST_WORDS[piece] in page.text, f"{name} does not show the {piece} as text"
    # Searching for the hostile text echoes it in the search box and the filters.
    response = client.get(reverse(name), {"q": SCRIPT + IMG})
    assert response.status_code == 200
    audit_html(response.content.decode())


@pytest.mark.parametrize("model", ["news_post", "events_event", "docs_registry_document"])
def test_admin_change_forms_show_the_text_escaped(client, site, superuser, model):
    obj = {"news_post": site["post"], "events_event": site["event"]}.get(model, site["document"])
    response = as_user(client, superuser).get(reverse(f"admin:{model}_change", args=[obj.pk]))
    assert response.status_code == 200
    page = audit_html(response.content.decode())
    if model == "news_post":  # the workflow log shows the send-back comment
        assert f"Lý do trả lại {SCRIPT}" in page.text


def test_post_history_and_its_diff_show_the_text_escaped(client, site, superuser):
    post = site["post"]
    as_user(client, superuser)
    response = client.get(reverse("admin:news_post_history", args=[post.pk]))
    assert response.status_code == 200
    page = audit_html(response.content.decode())
    assert f"Bài viết {SCRIPT}" in page.text and f"Bài sửa {SCRIPT}" in page.text  # old → new
    assert f"Lý do trả lại {SCRIPT}"[:40] in page.text  # the change reason
    for record in post.history.all()[:3]:
        url = reverse("admin:news_post_simple_history", args=[post.pk, record.history_id])
        response = client.get(url)
        assert response.status_code == 200
        audit_html(response.content.decode())


def test_messages_after_actions_show_the_text_escaped(site):
    pages = site["admin_pages"]
    for key, response in pages.items():
        page = audit_html(response.content.decode())
        assert '<ul class="messagelist">' in response.content.decode(), key
        if key in ("sent back", "published"):
            assert f"“Bài viết {SCRIPT}" in page.text, key


def test_a_hostile_document_number_is_refused_and_echoed_as_text(client, editor, site):
    response = as_user(client, editor).post(
        reverse("admin:docs_registry_document_add"),
        {
            "number": f"23-QĐ/TW{IMG}",
            "title": "x",
            "attachments-TOTAL_FORMS": "0",
            "attachments-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200  # the form again, with the error
    page = audit_html(response.content.decode())
    assert "Số ký hiệu chưa đúng mẫu" in page.text
    assert Document.objects.count() == 1


# -- e-mail ------------------------------------------------------------------------------------------


def test_notifications_are_plain_text_with_single_line_subjects(site):
    subjects = [message.subject for message in mail.outbox]
    assert any("Bài chờ duyệt: Bài viết" in s for s in subjects)
    assert any("Bài bị trả lại" in s for s in subjects)
    assert any("Bài đã xuất bản" in s for s in subjects)
    for message in mail.outbox:
        # Plain text only: a mail program shows "<script>" as characters, never as markup.
        assert not getattr(message, "alternatives", [])
        assert message.content_subtype == "plain"
        assert "\n" not in message.subject and "\r" not in message.subject
    sent_back = next(m for m in mail.outbox if "Bài bị trả lại" in m.subject)
    assert nfc(SEND_BACK) in nfc(sent_back.body)


def test_a_title_with_line_breaks_cannot_inject_mail_headers(
    client, editor, publisher, django_capture_on_commit_callbacks
):
    category = Category.objects.create(name="Tin tức – Sự kiện")
    crafted = "Tin mới\r\nBcc: ai-do@example.org\r\n\r\n<script>alert(1)</script>"
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(client, editor).post(
            reverse("admin:news_post_add"), post_form(category, title=crafted, _workflow_submit="1")
        )
    assert response.status_code == 302  # saved and submitted, not a server error
    assert mail.outbox, "the publisher is told about the submission"
    for message in mail.outbox:
        assert "\n" not in message.subject and "\r" not in message.subject
        assert "ai-do@example.org" not in message.recipients()
