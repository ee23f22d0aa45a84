"""Finding 1: the second factor guarded only the admin. A publisher who typed only the password
read drafts, scheduled posts and internal documents at their public URL and downloaded private
attachments. Now every path that shows more than the public sees asks the one rule
(core/second_factor.py): until the session passed the factor it owes, such a user gets what an
anonymous visitor gets."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.publishing import Status
from core.second_factor import has_verified_access, owes_second_factor
from docs_registry.models import Document
from docs_registry.tests.factories import AttachmentFactory, DocumentFactory
from events.tests.factories import EventFactory
from news.models import Post
from news.tests.factories import PostFactory

pytestmark = pytest.mark.django_db

BACKEND = "django.contrib.auth.backends.ModelBackend"
PDF = b"%PDF-1.4\n% noi bo\n%%EOF\n"


@pytest.fixture
def required(settings):
    settings.STAFF_SECOND_FACTOR_REQUIRED = True
    return settings


def _login(client, user, verified=False):
    client.force_login(user, backend=BACKEND)
    if verified:
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        device = device or TOTPDevice.objects.create(user=user, name="Điện thoại", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def _hidden_urls():
    """Public URLs of things only who may preview sees: a draft post, a scheduled post, a draft
    event and its .ics, a draft document, an internal document and its file."""
    later = timezone.now() + datetime.timedelta(days=2)
    draft = PostFactory(title="Bản nháp chưa duyệt")
    scheduled = PostFactory(title="Bài hẹn giờ", status=Status.PUBLISHED, publish_at=later)
    event = EventFactory(status=Status.DRAFT)
    draft_document = DocumentFactory(status=Status.DRAFT)
    internal = AttachmentFactory(
        document=DocumentFactory(is_internal=True),
        file=ContentFile(PDF, name="noi-bo.pdf"),
    )
    return {
        "draft post": draft.get_absolute_url(),
        "scheduled post": scheduled.get_absolute_url(),
        "draft event": event.get_absolute_url(),
        "draft event ics": reverse("events:ics", args=[event.slug]),
        "draft document": draft_document.get_absolute_url(),
        "internal document": internal.document.get_absolute_url(),
        "internal attachment": internal.get_absolute_url(),
    }


def _statuses(client, urls):
    return {name: client.get(url).status_code for name, url in urls.items()}


def test_anonymous_visitors_get_404_everywhere(client):
    urls = _hidden_urls()
    assert set(_statuses(client, urls).values()) == {404}


@pytest.mark.parametrize("who", ["publisher", "superuser"])
def test_a_password_alone_opens_nothing_the_public_cannot_see(client, required, request, who):
    user = request.getfixturevalue(who)
    urls = _hidden_urls()
    assert set(_statuses(_login(client, user), urls).values()) == {404}


@pytest.mark.parametrize("who", ["publisher", "superuser"])
def test_after_the_second_factor_everything_opens(client, required, request, who):
    user = request.getfixturevalue(who)
    urls = _hidden_urls()
    assert set(_statuses(_login(client, user, verified=True), urls).values()) == {200}


def test_an_editor_who_enrolled_owes_the_code_even_with_the_setting_off(client, settings, editor):
    settings.STAFF_SECOND_FACTOR_REQUIRED = False
    urls = _hidden_urls()
    assert set(_statuses(_login(client, editor), urls).values()) == {200}  # never enrolled
    TOTPDevice.objects.create(user=editor, name="Điện thoại", confirmed=True)
    assert set(_statuses(client, urls).values()) == {404}
    assert set(_statuses(_login(client, editor, verified=True), urls).values()) == {200}


def test_an_unconfirmed_device_owes_nothing(settings, editor):
    settings.STAFF_SECOND_FACTOR_REQUIRED = False
    TOTPDevice.objects.create(user=editor, name="Chưa xong", confirmed=False)
    assert not owes_second_factor(editor)
    assert has_verified_access(editor)


def test_the_registry_lists_internal_documents_only_after_the_factor(client, required, publisher):
    DocumentFactory(is_internal=True, title="Văn bản nội bộ mật")
    DocumentFactory(title="Văn bản công khai")
    pages = [reverse("docs_registry:list")]  # the exports are public documents only anyway
    _login(client, publisher)
    for page in pages:
        text = client.get(page).content.decode()
        assert "Văn bản công khai" in text and "Văn bản nội bộ mật" not in text, page
    _login(client, publisher, verified=True)
    for page in pages:
        assert "Văn bản nội bộ mật" in client.get(page).content.decode(), page


def test_the_models_rule_itself(rf, required, publisher):
    assert not Post.can_preview(publisher)
    assert not Document.can_read_internal(publisher)
    assert list(Post.objects.visible_to(publisher)) == list(Post.objects.published())
    publisher.otp_device = TOTPDevice.objects.create(user=publisher, name="x", confirmed=True)
    assert Post.can_preview(publisher) and Document.can_read_internal(publisher)


@pytest.mark.parametrize(
    "page",
    ["admin:news_post_changelist", "admin:news_picture_library", "admin:news_post_add"],
)
def test_the_admin_its_previews_and_json_endpoints_ask_for_the_factor(
    client, required, publisher, page
):
    """The admin's preview ("Xem trước", a POST to the add/change form) and its JSON endpoints
    live under the admin's path, which SecondFactorMiddleware guards with the same rule."""
    _login(client, publisher)
    response = client.post(reverse(page), {"title": "x", "_preview": "1"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_enrol"))
    assert client.get(reverse(page)).status_code == 302
    _login(client, publisher, verified=True)
    assert client.get(reverse(page)).status_code == 200
