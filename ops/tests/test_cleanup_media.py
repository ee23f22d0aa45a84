"""Finding 9: a SIGKILL during an editor's save left orphan files (the upload, partial
renditions). `cleanup_media` lists them (dry run by default) and removes them with --delete."""

import io
import os
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from docs_registry.tests.factories import AttachmentFactory
from news.images import rendition_names
from news.tests.factories import PostFactory, uploaded_image
from ops.backup import media_files

pytestmark = pytest.mark.django_db

DAY = 24 * 3600


def _age(name, seconds):
    then = time.time() - seconds
    os.utime(default_storage.path(name), (then, then))


@pytest.fixture
def media():
    post = PostFactory(image=uploaded_image("hoi-nghi.jpg"), image_alt="Hội nghị")
    first_image = post.image.name
    post.image = uploaded_image("hoi-nghi-moi.jpg")
    post.save()  # the old picture stays: the revision history refers to it
    attachment = AttachmentFactory()
    # What a worker killed mid-save leaves: an upload without its row, partial renditions.
    orphans = [
        default_storage.save("news/2026/12/mo-coi-3f9c0a1b2c4d5e6f.jpg", ContentFile(b"x" * 10)),
        default_storage.save("news/2026/12/r/mo-coi-3f9c0a1b2c4d5e6f-400w.webp", ContentFile(b"y")),
        default_storage.save(
            "private/van-ban/2026/do-dang-0123456789abcdef.pdf", ContentFile(b"z")
        ),
    ]
    for name in media_files():
        _age(name, 2 * DAY)
    kept = [first_image, post.image.name, attachment.file.name]
    kept += rendition_names(post.image_renditions)
    assert len(kept) == 3 + 6
    return kept, orphans


def _run(*args):
    out = io.StringIO()
    call_command("cleanup_media", *args, stdout=out)
    return out.getvalue()


def test_a_dry_run_lists_the_orphans_and_removes_nothing(media):
    kept, orphans = media
    before = media_files()
    output = _run()
    listed = {line.split("\t")[0] for line in output.splitlines() if "\t" in line}
    assert listed == set(orphans)
    assert "chưa xoá gì" in output
    assert media_files() == before


def test_delete_removes_only_what_no_row_refers_to(media):
    kept, orphans = media
    output = _run("--delete")
    assert "Đã xoá 3 tệp" in output
    remaining = set(media_files())
    assert not remaining & set(orphans)
    assert set(kept) <= remaining


def test_files_younger_than_the_grace_period_are_left_alone(media):
    kept, orphans = media
    fresh = default_storage.save("news/2026/12/dang-luu-aaaaaaaaaaaaaaaa.jpg", ContentFile(b"x"))
    _run("--delete")
    assert default_storage.exists(fresh)
    assert "dang-luu" in _run("--min-age-hours", "0")
