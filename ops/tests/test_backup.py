"""backup_site / restore_site: the round trip loses nothing (rows, slugs, files byte for byte)."""

import io
import json
import os
import re
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.utils import timezone
from PIL import Image

from news.models import Category, Post
from ops.backup import (
    backup_key,
    defer_constraints,
    dumped_models,
    media_files,
    read_manifest,
    settle_constraints,
)
from ops.backup_crypto import decrypt_stream, encrypt_stream

ROOT = Path(__file__).resolve().parents[2]


def _png(colour):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def site(db, django_user_model):
    """A small site: accounts, categories, posts in every state, tags, an image, a document."""
    author = django_user_model.objects.create_user(
        "duyettin", password="mật-khẩu-thử-nghiệm", is_staff=True
    )
    group, _ = Group.objects.get_or_create(name="Duyệt tin")
    author.groups.add(group)
    news = Category.objects.create(name="Tin tức – Sự kiện")
    skill = Category.objects.create(name="Dân vận khéo", description="Mô hình hay")
    now = timezone.now()
    for number, status in enumerate(["published", "published", "draft", "review", "archived"]):
        post = Post.objects.create(
            title=f"Hội nghị Dân vận khéo số {number} – Đảng bộ tỉnh",
            summary="Sapo có dấu: ướ ậ ỷ",
            body="<p>Nội dung <strong>đậm</strong></p>",
            category=news if number % 2 else skill,
            status=status,
            publish_at=now,
            created_by=author,
        )
        post.tags.add("dân vận khéo", f"chủ đề {number}")
    post.image.save("hoi-nghi.png", ContentFile(_png("red")), save=False)
    post.image_alt = "Toàn cảnh hội nghị"
    post.save()
    default_storage.save("van-ban/2024/quyet-dinh-01.pdf", ContentFile(b"%PDF-1.4 van ban\n%%EOF"))
    # The events calendar and the regulations registry, with a PDF attachment.
    from docs_registry.tests.factories import AttachmentFactory, DocumentFactory
    from events.tests.factories import EventFactory

    EventFactory.create_batch(3, created_by=author)
    AttachmentFactory(document=DocumentFactory(created_by=author))
    return author


# Django's JSON writes "10.000Z" for 10.000412 s but "10Z" for the 10.000 s it reads back: the
# same instant at the millisecond precision the format keeps, spelled two ways.
WHOLE_SECOND = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)Z$")


def _normalised(serialised):
    """Rows as data; many-to-many lists sorted (their order is the join table's, not ours)."""
    rows = json.loads(serialised)
    for row in rows:
        for name, value in row["fields"].items():
            if isinstance(value, list) and all(isinstance(item, list) for item in value):
                row["fields"][name] = sorted(value)
            elif isinstance(value, str):
                row["fields"][name] = WHOLE_SECOND.sub(r"\1.000Z", value)
    return rows


def _snapshot():
    """Every row of every backed-up model, serialised, plus every media file's bytes."""
    rows = {
        model._meta.label_lower: _normalised(
            serializers.serialize(
                "json", model._base_manager.order_by("pk"), use_natural_foreign_keys=True
            )
        )
        for model in dumped_models()
    }
    files = {}
    for name in media_files():
        with default_storage.open(name, "rb") as handle:
            files[name] = handle.read()
    return rows, files


def _wipe_media(settings):
    for name in media_files():
        default_storage.delete(name)
    assert media_files() == []


def test_round_trip_restores_every_row_slug_and_file(site, settings, tmp_path):
    before_rows, before_files = _snapshot()
    slugs = sorted(Post.objects.values_list("slug", flat=True))
    assert "van-ban/2024/quyet-dinh-01.pdf" in before_files
    assert any(re.search(r"hoi-nghi-[0-9a-f]{16}\.png$", name) for name in before_files)
    attachment = apps.get_model("docs_registry", "Attachment").objects.get()
    assert attachment.file.name in before_files
    event_slugs = sorted(apps.get_model("events", "Event").objects.values_list("slug", flat=True))
    archive = tmp_path / "sao-luu.dvbak"

    call_command("backup_site", output=str(archive), stdout=io.StringIO())

    settle_constraints()
    call_command("flush", interactive=False, verbosity=0)
    defer_constraints()
    _wipe_media(settings)
    assert Post.objects.count() == 0
    out = io.StringIO()
    call_command("restore_site", str(archive), stdout=out)

    after_rows, after_files = _snapshot()
    assert "Đã khôi phục" in out.getvalue()
    assert sorted(Post.objects.values_list("slug", flat=True)) == slugs
    assert sorted(apps.get_model("events", "Event").objects.values_list("slug", flat=True)) == (
        event_slugs
    )
    assert Post.objects.get(image__contains="hoi-nghi-").tags.count() == 2
    for label, rows in before_rows.items():
        assert after_rows[label] == rows, label
    assert after_files == before_files  # byte-identical
    # The restored account still logs in with its password.
    assert site.__class__.objects.get(username="duyettin").check_password("mật-khẩu-thử-nghiệm")


def test_the_archive_lists_counts_and_file_checksums(site, tmp_path):
    archive = tmp_path / "b.dvbak"
    call_command("backup_site", output=str(archive), stdout=io.StringIO())
    with tarfile.open(fileobj=io.BytesIO(_plaintext(archive))) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
        data = json.load(tar.extractfile("data.json"))
    assert {"manifest.json", "data.json", "media/van-ban/2024/quyet-dinh-01.pdf"} <= set(names)
    assert manifest["counts"]["news.post"] == 5
    assert manifest["counts"]["news.category"] == 2
    assert manifest["counts"]["events.event"] == 3
    assert manifest["counts"]["docs_registry.document"] == 1
    assert manifest["counts"]["docs_registry.attachment"] == 1
    assert set(manifest["media"]) == {name[len("media/") :] for name in names if "/" in name}
    models = {row["model"] for row in data}
    # Rebuilt by Django or throw-away: not in the archive.
    assert not models & {"contenttypes.contenttype", "auth.permission", "sessions.session"}
    assert not models & {"axes.accessattempt", "axes.accessattemptexpiration"}  # counters
    labels = {model._meta.label_lower for model in dumped_models()}
    assert {"axes.accesslog", "axes.accessfailurelog"} <= labels  # the login log is kept
    # Natural keys make it portable: a user is named, not numbered, where posts refer to it.
    post = next(row for row in data if row["model"] == "news.post")
    assert post["fields"]["created_by"] == ["duyettin"]


def test_restore_refuses_an_instance_that_has_content(site, tmp_path):
    archive = tmp_path / "b.dvbak"
    call_command("backup_site", output=str(archive), stdout=io.StringIO())
    Post.objects.filter(status="draft").delete()
    with pytest.raises(CommandError, match="đã có nội dung"):
        call_command("restore_site", str(archive), stdout=io.StringIO())
    assert Post.objects.count() == 4  # nothing touched

    call_command("restore_site", str(archive), force=True, stdout=io.StringIO())
    assert Post.objects.count() == 5


def _plaintext(archive):
    plain = io.BytesIO()
    with open(archive, "rb") as source:
        decrypt_stream(source, plain, backup_key())
    return plain.getvalue()


def _tamper(archive, target, member_name, content):
    """Rewrite one member, as someone holding the key could: the checksums still catch it."""
    rewritten = io.BytesIO()
    with (
        tarfile.open(fileobj=io.BytesIO(_plaintext(archive))) as src,
        tarfile.open(fileobj=rewritten, mode="w:gz") as dst,
    ):
        for member in src:
            data = src.extractfile(member).read()
            if member.name == member_name:
                data = content
                member.size = len(data)
            dst.addfile(member, io.BytesIO(data))
        if member_name not in src.getnames():
            info = tarfile.TarInfo(member_name)
            info.size = len(content)
            dst.addfile(info, io.BytesIO(content))
    with open(target, "wb") as handle:
        encrypt_stream(io.BytesIO(rewritten.getvalue()), handle, backup_key())


def test_a_damaged_or_hostile_archive_is_refused_before_anything_changes(site, tmp_path):
    archive = tmp_path / "b.dvbak"
    call_command("backup_site", output=str(archive), stdout=io.StringIO())
    settle_constraints()
    call_command("flush", interactive=False, verbosity=0)
    defer_constraints()

    damaged = tmp_path / "hong.dvbak"
    _tamper(archive, damaged, "media/van-ban/2024/quyet-dinh-01.pdf", b"khac")
    with pytest.raises(CommandError, match="bị thiếu hoặc hỏng"):
        call_command("restore_site", str(damaged), stdout=io.StringIO())

    hostile = tmp_path / "doc.dvbak"
    _tamper(archive, hostile, "media/../../etc/cron.d/x", b"* * * * * root true")
    with pytest.raises(CommandError, match="không hợp lệ"):
        call_command("restore_site", str(hostile), stdout=io.StringIO())
    assert Post.objects.count() == 0

    with pytest.raises(CommandError):
        call_command("restore_site", str(tmp_path / "khong-co.dvbak"), stdout=io.StringIO())


def _in_new_instance(tmp_path, *args, timeout=300):
    """Run Python with `args` in this project, on a fresh SQLite file and media folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="dvsite.test_settings",
        DATABASE_URL=f"sqlite:///{tmp_path / 'moi.sqlite3'}",
        DJANGO_MEDIA_ROOT=str(tmp_path / "media-moi"),
    )
    return subprocess.run(  # noqa: S603 (our own interpreter and project)
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )


def test_restore_into_a_brand_new_sqlite_instance(site, tmp_path):
    """A fresh database file, never migrated: restore_site migrates it, then loads everything."""
    archive = tmp_path / "b.dvbak"
    call_command("backup_site", output=str(archive), stdout=io.StringIO())
    expected = read_manifest(archive)

    restore = _in_new_instance(tmp_path, "manage.py", "restore_site", str(archive))
    assert restore.returncode == 0, restore.stderr
    count = _in_new_instance(
        tmp_path,
        "-c",
        "import django, json; django.setup();"
        "from ops.backup import row_counts; print(json.dumps(row_counts()))",
        timeout=120,
    )
    assert json.loads(count.stdout) == expected["counts"], count.stderr
    for name in expected["media"]:
        restored = (tmp_path / "media-moi" / name).read_bytes()
        with default_storage.open(name, "rb") as handle:
            assert restored == handle.read()
    # A second restore into the now-filled instance is refused.
    again = _in_new_instance(tmp_path, "manage.py", "restore_site", str(archive))
    assert again.returncode != 0
    assert "đã có nội dung" in again.stderr


def test_every_model_of_the_project_is_in_the_backup():
    labels = {model._meta.label_lower for model in dumped_models()}
    for app in ("news", "pages", "events", "docs_registry", "taggit", "auth"):
        if apps.is_installed(app):
            for model in apps.get_app_config(app.split(".")[-1]).get_models():
                if model._meta.label_lower != "auth.permission":
                    assert model._meta.label_lower in labels
