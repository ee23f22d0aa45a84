"""Finding "backups are world-readable and hold the second-factor secrets": archives are written
0600 whatever the umask, encrypted with the key from the settings, and a restore refuses a
tampered, truncated, unencrypted or wrong-key archive before it changes anything."""

import gzip
import io
import os
import stat

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from news.models import Post
from ops.backup_crypto import CHUNK, decrypt_stream, generate_key, parse_key
from ops.backup_store import list_backups, target_storage

OTHER_KEY = "b3RoZXIta2V5LW90aGVyLWtleS1vdGhlci1rZXktMzI="


@pytest.fixture
def publisher(db, django_user_model):
    user = django_user_model.objects.create_user(
        "duyettin", password="mật-khẩu-rất-bí-mật", is_staff=True
    )
    totp = TOTPDevice.objects.create(user=user, name="Điện thoại", confirmed=True)
    static = StaticDevice.objects.create(user=user, name="Mã dự phòng", confirmed=True)
    static.token_set.create(token="mabimat42")
    Post.objects.create(title="Bài viết có dấu", body="<p>Nội dung</p>", created_by=user)
    return user, totp


@pytest.fixture
def loose_umask():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def test_the_archive_is_0600_even_under_a_loose_umask(publisher, tmp_path, loose_umask):
    archive = tmp_path / "sao-luu.dvbak"
    call_command("backup_site", output=str(archive), stdout=io.StringIO())
    assert _mode(archive) == 0o600


def test_archives_in_the_backup_folder_are_0600_in_a_0700_folder(
    publisher, tmp_path, settings, loose_umask
):
    settings.BACKUP_URL = str(tmp_path / "kho")
    out = io.StringIO()
    call_command("backup_site", stdout=out)
    assert "đã mã hoá" in out.getvalue()
    [(_, name)] = list_backups(target_storage())
    assert _mode(tmp_path / "kho" / name) == 0o600
    assert _mode(tmp_path / "kho") == 0o700


def test_no_secret_is_readable_in_the_archive(publisher, tmp_path, settings):
    user, totp = publisher
    archive = tmp_path / "sao-luu.dvbak"
    call_command("backup_site", output=str(archive), stdout=io.StringIO())
    raw = archive.read_bytes()
    secrets = [totp.key, user.password, "mabimat42", "Bài viết có dấu"]
    assert not raw.startswith(b"\x1f\x8b")  # not a readable .tar.gz
    for secret in secrets:
        assert secret.encode() not in raw
    # With the key, all of it is there: encrypted, not lost.
    plain = io.BytesIO()
    with archive.open("rb") as source:
        decrypt_stream(source, plain, parse_key(settings.BACKUP_KEY))
    text = gzip.decompress(plain.getvalue())
    for secret in secrets:
        assert secret.encode() in text


def test_backup_refuses_to_run_without_a_key(publisher, tmp_path, settings):
    settings.BACKUP_KEY = ""
    settings.BACKUP_KEY_FILE = ""
    archive = tmp_path / "sao-luu.dvbak"
    with pytest.raises(CommandError, match="DJANGO_BACKUP_KEY"):
        call_command("backup_site", output=str(archive), stdout=io.StringIO())
    assert not archive.exists()
    settings.BACKUP_KEY = "ngắn quá"
    with pytest.raises(CommandError, match="Khoá sao lưu không hợp lệ"):
        call_command("backup_site", output=str(archive), stdout=io.StringIO())
    assert not archive.exists()


def test_the_key_may_come_from_a_file(publisher, tmp_path, settings):
    key_file = tmp_path / "backup.key"
    key_file.write_text(generate_key() + "\n")
    settings.BACKUP_KEY = ""
    settings.BACKUP_KEY_FILE = str(key_file)
    archive = tmp_path / "sao-luu.dvbak"
    call_command("backup_site", output=str(archive), stdout=io.StringIO())
    call_command("restore_site", str(archive), force=True, stdout=io.StringIO())
    settings.BACKUP_KEY_FILE = str(tmp_path / "khong-co.key")
    with pytest.raises(CommandError, match="Không đọc được tệp khoá"):
        call_command("restore_site", str(archive), force=True, stdout=io.StringIO())


def test_generate_key_prints_a_usable_key():
    out = io.StringIO()
    call_command("backup_site", generate_key=True, stdout=out)
    assert len(parse_key(out.getvalue())) == 32


def _refused(archive, match):
    before = Post.objects.count()
    with pytest.raises(CommandError, match=match):
        call_command("restore_site", str(archive), force=True, stdout=io.StringIO())
    assert Post.objects.count() == before  # nothing was touched


def test_a_tampered_truncated_or_extended_archive_is_refused(publisher, tmp_path):
    archive = tmp_path / "sao-luu.dvbak"
    call_command("backup_site", output=str(archive), stdout=io.StringIO())
    raw = archive.read_bytes()
    Post.objects.create(title="Bài sau bản sao lưu", body="<p>x</p>")

    flipped = bytearray(raw)
    flipped[len(raw) // 2] ^= 0x01
    (tmp_path / "sua.dvbak").write_bytes(bytes(flipped))
    _refused(tmp_path / "sua.dvbak", "bị sửa đổi hoặc bị hỏng")

    (tmp_path / "cut.dvbak").write_bytes(raw[:-20])
    _refused(tmp_path / "cut.dvbak", "bị sửa đổi hoặc bị hỏng")

    (tmp_path / "long.dvbak").write_bytes(raw + os.urandom(CHUNK + 16))
    _refused(tmp_path / "long.dvbak", "bị sửa đổi hoặc bị hỏng")

    (tmp_path / "header.dvbak").write_bytes(b"XXXXX" + raw[5:])
    _refused(tmp_path / "header.dvbak", "không phải bản sao lưu đã mã hoá")


def test_a_plain_tar_gz_is_not_accepted_as_a_backup(publisher, tmp_path):
    """Restore trusts only what the key authenticated; an unencrypted archive could say anything."""
    plain = tmp_path / "cu.tar.gz"
    plain.write_bytes(gzip.compress(b"data.json manifest.json"))
    _refused(plain, "không phải bản sao lưu đã mã hoá")


def test_an_archive_made_with_another_key_says_so(publisher, tmp_path, settings):
    archive = tmp_path / "sao-luu.dvbak"
    call_command("backup_site", output=str(archive), stdout=io.StringIO())
    settings.BACKUP_KEY = OTHER_KEY
    _refused(archive, "mã hoá bằng một khoá khác")


def test_restore_brings_back_the_second_factor(publisher, tmp_path):
    user, totp = publisher
    archive = tmp_path / "sao-luu.dvbak"
    call_command("backup_site", output=str(archive), stdout=io.StringIO())
    TOTPDevice.objects.all().delete()
    call_command("restore_site", str(archive), force=True, stdout=io.StringIO())
    assert TOTPDevice.objects.get(user__username="duyettin").key == totp.key
    assert StaticDevice.objects.get().token_set.filter(token="mabimat42").exists()
