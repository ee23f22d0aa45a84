"""`backup_site --verify`: the newest archive is restored into a scratch database (a child
process, never the site's database or media) and its rows and files compared with the manifest."""

import io
import json
import tarfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from news.models import Post
from ops.backup import backup_key
from ops.backup_crypto import decrypt_stream, encrypt_stream
from ops.backup_store import list_backups, target_storage
from ops.backup_verify import differences


@pytest.fixture
def backed_up(db, tmp_path, settings):
    settings.BACKUP_URL = str(tmp_path / "kho")
    Post.objects.create(title="Hội nghị Dân vận khéo", body="<p>Nội dung</p>")
    default_storage.save("van-ban/2026/ke-hoach.pdf", ContentFile(b"%PDF-1.4 ke hoach\n%%EOF"))
    call_command("backup_site", stdout=io.StringIO())
    return tmp_path / "kho"


def test_verify_restores_the_newest_into_a_scratch_database(backed_up):
    out = io.StringIO()
    call_command("backup_site", verify=True, stdout=out)
    [(_, name)] = list_backups(target_storage())
    assert f"Kiểm tra {name}" in out.getvalue()
    assert "khớp danh mục" in out.getvalue()
    # The site itself was not touched.
    assert Post.objects.get().title == "Hội nghị Dân vận khéo"


def _rewrite_manifest(path, change):
    key = backup_key()
    plain = io.BytesIO()
    with path.open("rb") as source:
        decrypt_stream(source, plain, key)
    rewritten = io.BytesIO()
    with (
        tarfile.open(fileobj=io.BytesIO(plain.getvalue())) as src,
        tarfile.open(fileobj=rewritten, mode="w:gz") as dst,
    ):
        for member in src:
            data = src.extractfile(member).read()
            if member.name == "manifest.json":
                manifest = json.loads(data)
                change(manifest)
                data = json.dumps(manifest).encode()
                member.size = len(data)
            dst.addfile(member, io.BytesIO(data))
    with path.open("wb") as target:
        encrypt_stream(io.BytesIO(rewritten.getvalue()), target, key)


def test_verify_fails_when_the_restored_rows_differ_from_the_manifest(backed_up):
    [(_, name)] = list_backups(target_storage())

    def claim_more_posts(manifest):
        manifest["counts"]["news.post"] += 1

    _rewrite_manifest(backed_up / name, claim_more_posts)
    with pytest.raises(CommandError, match="news.post: bản sao lưu có 2 bản ghi, khôi phục được 1"):
        call_command("backup_site", verify=True, stdout=io.StringIO())


def test_verify_without_any_backup_says_so(db, tmp_path, settings):
    settings.BACKUP_URL = str(tmp_path / "trong")
    with pytest.raises(CommandError, match="Chưa có bản sao lưu nào"):
        call_command("backup_site", verify=True, stdout=io.StringIO())


def test_differences_name_each_missing_extra_or_changed_file():
    manifest = {"counts": {"news.post": 2}, "media": {"a.jpg": "1", "b.pdf": "2"}}
    report = {"counts": {"news.post": 2}, "media": {"a.jpg": "9", "c.png": "3"}}
    assert differences(manifest, report) == [
        "tệp a.jpg: khác nội dung",
        "tệp b.pdf: thiếu",
        "tệp c.png: thừa",
    ]
    assert differences(manifest, manifest) == []
