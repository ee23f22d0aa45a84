"""Finding 1: an internal document's page was 404 but its file sat at a predictable /media/ path.

Attachments now live under media/private/ with a random part in every name, and are handed out
only by a download view that applies the page's visibility rule.
"""

import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404
from django.test import RequestFactory

from core.publishing import Status
from ops.media import serve_media

from .factories import AttachmentFactory, DocumentFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% van ban noi bo\n%%EOF\n"
BACKEND = "django.contrib.auth.backends.ModelBackend"


def _attachment(**document):
    return AttachmentFactory(
        document=DocumentFactory(**document),
        title="Toàn văn",
        file=ContentFile(PDF, name="Quyết định 23 (bản ký).pdf"),
    )


def _body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_stored_names_are_private_and_unguessable():
    first, second = _attachment(), _attachment()
    for attachment in (first, second):
        assert re.fullmatch(
            r"private/van-ban/\d{4}/quyet-dinh-23-ban-ky-[0-9a-f]{16}\.pdf", attachment.file.name
        )
    assert first.file.name != second.file.name
    assert not default_storage.exists("van-ban")


@pytest.mark.parametrize(
    "document",
    [{"is_internal": True}, {"status": Status.DRAFT}, {"status": Status.REVIEW}],
    ids=["internal", "draft", "review"],
)
def test_files_of_documents_the_public_may_not_see_are_404(client, document):
    attachment = _attachment(**document)
    assert client.get(attachment.document.get_absolute_url()).status_code == 404
    assert client.get(attachment.get_absolute_url()).status_code == 404
    # Nor under /media/ (the development route follows nginx's rule).
    with pytest.raises(Http404):
        serve_media(RequestFactory().get("/"), attachment.file.name, default_storage.location)


def test_whoever_may_preview_the_document_downloads_its_file(client, editor):
    attachment = _attachment(is_internal=True)
    client.force_login(editor, backend=BACKEND)
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert _body(response) == PDF
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_a_public_document_links_its_file_through_the_download_view(client):
    attachment = _attachment()
    page = client.get(attachment.document.get_absolute_url()).content.decode()
    assert f'href="{attachment.get_absolute_url()}"' in page
    assert "/media/" not in page
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert _body(response) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="toan-van.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "public" in response["Cache-Control"]


def test_behind_nginx_the_file_is_handed_over_with_x_accel_redirect(client, settings):
    settings.PRIVATE_MEDIA_ACCEL_PREFIX = "/_protected/"
    attachment = _attachment()
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_protected/{attachment.file.name}"
    assert response.content == b""
    internal = _attachment(is_internal=True)
    assert client.get(internal.get_absolute_url()).status_code == 404


def test_a_file_of_another_document_is_not_reachable_through_a_public_one(client):
    public, internal = _attachment(), _attachment(is_internal=True)
    url = public.get_absolute_url().replace(f"/{public.pk}/", f"/{internal.pk}/")
    assert client.get(url).status_code == 404
