"""Back up the whole site into one .tar.gz and restore it into an empty instance.

The archive holds:
- `manifest.json`: format version, creation time, applied migrations, row counts per model and
  the SHA-256 of every media file (so a restore can prove it lost nothing);
- `data.json`: `dumpdata` of every table except what Django rebuilds itself (content types,
  permissions), throw-away state (sessions, background task results) and login-throttling logs; foreign keys to content
  types, permissions and users are written as natural keys, so the data is portable between
  SQLite and PostgreSQL;
- `media/…`: every file in the default storage (local folder or S3 alike).
"""

import hashlib
import io
import json
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from core.publishing import Publishable

FORMAT = 1
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes", "django_tasks_database"]


class BackupError(Exception):
    pass


def dumped_models():
    excluded = set(EXCLUDED)
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label in excluded or meta.label_lower in excluded:
            continue
        if meta.proxy or not meta.managed:
            continue
        yield model


def row_counts():
    return {model._meta.label_lower: model._base_manager.count() for model in dumped_models()}


def media_files(storage=default_storage, folder=""):
    """Every file name in the storage, sorted, with forward slashes."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [str(PurePosixPath(folder, name)) if folder else name for name in files]
    for sub in folders:
        names += media_files(storage, str(PurePosixPath(folder, sub)) if folder else sub)
    return sorted(names)


def applied_migrations():
    recorder = MigrationRecorder(connections[DEFAULT_DB_ALIAS])
    return sorted([app, name] for app, name in recorder.applied_migrations())


def _add_bytes(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    tar.addfile(info, io.BytesIO(data))


def write_backup(path):
    """Write the archive to `path`; returns the manifest."""
    data = io.StringIO()
    call_command(
        "dumpdata",
        *(f"--exclude={label}" for label in EXCLUDED),
        natural_foreign=True,
        use_base_manager=True,
        format="json",
        indent=1,
        stdout=data,
    )
    names = media_files()
    manifest = {
        "format": FORMAT,
        "created": timezone.now().isoformat(),
        "migrations": applied_migrations(),
        "counts": row_counts(),
        "media": {},
    }
    with tarfile.open(path, "w:gz") as tar:
        _add_bytes(tar, "data.json", data.getvalue().encode())
        for name in names:
            with default_storage.open(name, "rb") as handle:
                content = handle.read()
            manifest["media"][name] = hashlib.sha256(content).hexdigest()
            _add_bytes(tar, f"media/{name}", content)
        _add_bytes(tar, "manifest.json", json.dumps(manifest, indent=1).encode())
    return manifest


def instance_has_content():
    """True when the database has accounts or editorial content, or media has files.

    Migrations create groups and a few default pages, never users, posts, events, documents or
    uploads, so those are what "empty" means.
    """
    if get_user_model()._base_manager.exists():
        return True
    for model in apps.get_models():
        if issubclass(model, Publishable) and model._base_manager.exists():
            return True
    return bool(media_files())


def _safe_member_name(member):
    name = PurePosixPath(member.name)
    if member.issym() or member.islnk() or name.is_absolute() or ".." in name.parts:
        raise BackupError(f"Tệp không hợp lệ trong bản sao lưu: {member.name}")
    return name


def read_archive(path):
    """(manifest, data.json bytes, {media name: bytes}) after checking every member."""
    media = {}
    manifest = data = None
    with tarfile.open(path, "r:gz") as tar:
        for member in tar:
            name = _safe_member_name(member)
            if not member.isfile():
                continue
            content = tar.extractfile(member).read()
            if str(name) == "manifest.json":
                manifest = json.loads(content)
            elif str(name) == "data.json":
                data = content
            elif name.parts[0] == "media" and len(name.parts) > 1:
                media[str(PurePosixPath(*name.parts[1:]))] = content
    if manifest is None or data is None:
        raise BackupError("Không phải bản sao lưu của cổng thông tin (thiếu manifest/data).")
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Định dạng sao lưu {manifest.get('format')} không được hỗ trợ.")
    for name, digest in manifest["media"].items():
        if name not in media or hashlib.sha256(media[name]).hexdigest() != digest:
            raise BackupError(f"Tệp {name} trong bản sao lưu bị thiếu hoặc hỏng.")
    return manifest, data, media


def unknown_migrations(manifest):
    """Migrations the archive's database had that this code does not know (a newer version)."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return [tuple(item) for item in manifest["migrations"] if tuple(item) not in known]


def _set_constraints(mode, using=DEFAULT_DB_ALIAS):
    connection = connections[using]
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute(f"SET CONSTRAINTS ALL {mode}")


def settle_constraints(using=DEFAULT_DB_ALIAS):
    """Check deferred foreign keys now, so a flush can TRUNCATE inside an open transaction.

    PostgreSQL refuses TRUNCATE while earlier writes of the same transaction have pending
    constraint triggers (a restore called from a test or a larger transaction). Call
    `defer_constraints()` afterwards: loaddata relies on deferred checks to load rows in any order.
    """
    _set_constraints("IMMEDIATE", using)


def defer_constraints(using=DEFAULT_DB_ALIAS):
    _set_constraints("DEFERRED", using)


def restore(path, *, force=False):
    """Restore the archive into this instance; returns the manifest."""
    manifest, data, media = read_archive(path)
    newer = unknown_migrations(manifest)
    if newer:
        raise BackupError(
            "Bản sao lưu được tạo từ phiên bản mới hơn (migration chưa có: "
            + ", ".join(f"{app}.{name}" for app, name in newer[:5])
            + ")."
        )
    call_command("migrate", interactive=False, verbosity=0)
    if instance_has_content() and not force:
        raise BackupError(
            "Cơ sở dữ liệu hoặc thư mục media đã có nội dung. Chỉ khôi phục vào một bản cài "
            "đặt trống, hoặc thêm --force để xoá hết và thay bằng bản sao lưu."
        )
    # The instance is empty (or the operator said --force): clear what migrations created, so
    # every row comes back with its own primary key.
    settle_constraints()
    call_command("flush", interactive=False, verbosity=0)
    defer_constraints()
    with tempfile.TemporaryDirectory() as folder:
        fixture = Path(folder) / "data.json"
        fixture.write_bytes(data)
        call_command("loaddata", str(fixture), verbosity=0)
    for name, content in media.items():
        if default_storage.exists(name):
            default_storage.delete(name)
        saved = default_storage.save(name, ContentFile(content))
        if saved != name:
            raise BackupError(f"Không ghi được tệp {name} (lưu thành {saved}).")
    return manifest
