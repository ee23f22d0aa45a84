"""Finding 5: expensive uploads ran in the request (a 6320×6320 PNG: 2.3 s and +350 MB; a 46 KB
PDF content-stream bomb: 6.8 s and 350 MB). Renditions and PDF text are background tasks now,
PDF text in a child process with time and memory limits; a too-large body is refused at once."""

import io
import struct
import time
import zlib

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django_tasks import default_task_backend

from docs_registry.models import Attachment, extract_attachment_text
from docs_registry.pdf_text import extract_pdf_text_bounded
from docs_registry.tests.factories import DocumentFactory
from docs_registry.tests.pdfs import content_stream_bomb, pdf_with_text
from dvsite.middleware import RequestBodyLimitMiddleware
from news.images import rendition_names
from news.models import Post
from news.models.posts import make_post_renditions
from news.tests.factories import PostFactory

PHRASE = "phoi hop giam sat thuc hien dan chu o xa phuong"


def big_png(width, height):
    """A real, small RGB PNG of width × height pixels, written row by row (no big buffer)."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    packer = zlib.compressobj(9)
    row = b"\0" + b"\xa5\x0e\x1f" * width
    idat = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


@pytest.fixture
def queued(settings):
    """Tasks are only recorded, as the database backend records them for the worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    return default_task_backend


def _queued_names(backend):
    return [result.task.name for result in backend.results]


@pytest.mark.django_db
def test_a_6320_pixel_square_png_is_accepted_and_rendered_off_the_request(queued):
    upload = SimpleUploadedFile("anh-lon.png", big_png(6320, 6320), content_type="image/png")
    assert upload.size < 200_000
    started = time.perf_counter()
    post = PostFactory(image=upload, image_alt="Ảnh rất lớn")
    post.full_clean()  # under the 40-megapixel limit: a real photo's size
    elapsed = time.perf_counter() - started
    assert post.image_renditions == {}
    assert not any(
        default_storage.exists(name)
        for name in rendition_names({"source": post.image.name, "widths": [400, 800, 1200]})
    )
    assert _queued_names(queued) == ["make_post_renditions"]
    assert elapsed < 1.5, elapsed
    # The worker's turn: the task makes them.
    make_post_renditions.call(post.pk, post.image.name)
    post.refresh_from_db()
    assert post.image_renditions["widths"] == [400, 800, 1200]


@pytest.mark.django_db
def test_pdf_text_is_extracted_by_a_task_not_in_the_request(queued):
    document = DocumentFactory()
    attachment = Attachment.objects.create(
        document=document, file=SimpleUploadedFile("toan-van.pdf", pdf_with_text(PHRASE))
    )
    assert attachment.text == ""
    assert _queued_names(queued) == ["extract_attachment_text"]
    extract_attachment_text.call(attachment.pk, attachment.file.name)
    attachment.refresh_from_db()
    document.refresh_from_db()
    assert PHRASE in attachment.text
    assert " phoi hop giam sat" in document.search_text


def test_a_content_stream_bomb_is_stopped_by_the_time_and_memory_limits():
    bomb = content_stream_bomb(40)
    assert len(bomb) < 100_000
    started = time.perf_counter()
    assert extract_pdf_text_bounded(bomb, seconds=2, memory_mb=256) == ""
    assert time.perf_counter() - started < 10
    # A normal PDF still gives its text through the same limits.
    assert PHRASE in extract_pdf_text_bounded(pdf_with_text(PHRASE), seconds=2, memory_mb=256)


class Unreadable(io.RawIOBase):
    def read(self, *args):
        raise AssertionError("the body was read")

    readinto = read


def test_a_body_above_the_upload_limit_is_refused_with_413_before_it_is_read(settings):
    settings.REQUEST_BODY_MAX_BYTES = 25 * 1024 * 1024
    request = RequestFactory().post("/quan-tri/news/post/add/")
    request.META["CONTENT_LENGTH"] = str(50 * 1024 * 1024)
    request.META["wsgi.input"] = Unreadable()
    request._stream = Unreadable()
    middleware = RequestBodyLimitMiddleware(lambda r: pytest.fail("the view ran"))
    response = middleware(request)
    assert response.status_code == 413
    assert "25 MB" in response.content.decode()
    assert response["Connection"] == "close"


@pytest.mark.django_db
def test_a_body_within_the_limit_goes_through(client):
    assert client.post("/tim-kiem/", {"q": "dân vận"}).status_code == 405
    assert Post.objects.count() == 0
