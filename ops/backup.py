"""Back up the whole site into one encrypted archive and restore it into an empty instance.

The archive is a .tar.gz, encrypted as a whole (ops/backup_crypto.py), holding:
- `manifest.json`: format version, creation time, the database's vendor, applied migrations,
  row counts per model, the SHA-256 of `data.json` and of every media file (so a restore can
  prove it lost nothing);
- `data.json`: `dumpdata` of every table except what Django rebuilds itself (content types,
  permissions), throw-away state (sessions, background task results) and the login throttle's
  counters (its logs of logins and failures are kept); foreign keys to content types,
  permissions and users are written as natural keys, so the data is portable between SQLite
  and PostgreSQL;
- `media/…`: every file in the default storage (local folder or S3 alike).

Archives are written 0600 and never in clear: they hold password hashes, second-factor seeds
and private attachments. Where they are kept and for how long: ops/backup_store.py.
"""

import contextlib
import hashlib
import io
import json
import os
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from core.publishing import Publishable
from ops.backup_crypto import BackupKeyError, BackupTampered, Encryptor, decrypt_stream, parse_key

FORMAT = 2
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "axes.accessattempt",  # the throttle's counters and their expiry, not a record
    "axes.accessattemptexpiration",
    "django_tasks_database",
]
READ_BYTES = 1024 * 1024


class BackupError(Exception):
    pass


def backup_key():
    """The archives' key from the settings (DJANGO_BACKUP_KEY or DJANGO_BACKUP_KEY_FILE)."""
    text = settings.BACKUP_KEY
    if not text and settings.BACKUP_KEY_FILE:
        try:
            text = Path(settings.BACKUP_KEY_FILE).read_text()
        except OSError as error:
            raise BackupError(
                f"Không đọc được tệp khoá sao lưu {settings.BACKUP_KEY_FILE}: {error.strerror}."
            ) from error
    if not text:
        raise BackupError(
            "Chưa có khoá mã hoá bản sao lưu: đặt DJANGO_BACKUP_KEY (hoặc DJANGO_BACKUP_KEY_FILE)"
            "; tạo khoá mới bằng: manage.py backup_site --generate-key"
        )
    try:
        return parse_key(text)
    except BackupKeyError as error:
        raise BackupError(str(error)) from error


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


def media_checksums(storage=default_storage):
    """{name: SHA-256} of every stored file, read in pieces."""
    sums = {}
    for name in media_files(storage):
        digest = hashlib.sha256()
        with storage.open(name, "rb") as handle:
            while piece := handle.read(READ_BYTES):
                digest.update(piece)
        sums[name] = digest.hexdigest()
    return sums


def applied_migrations():
    recorder = MigrationRecorder(connections[DEFAULT_DB_ALIAS])
    return sorted([app, name] for app, name in recorder.applied_migrations())


class _Hashing:
    """Reads from `handle`, hashing what passes."""

    def __init__(self, handle):
        self.handle, self.digest = handle, hashlib.sha256()

    def read(self, size=-1):
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def _add(tar, name, handle, size):
    info = tarfile.TarInfo(name)
    info.size = size
    info.mode = 0o600
    info.mtime = int(timezone.now().timestamp())
    tar.addfile(info, handle)


def _dump():
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
    return data.getvalue().encode()


def write_archive(target, key):
    """Write the encrypted archive to the binary file `target`; returns the manifest."""
    data = _dump()
    manifest = {
        "format": FORMAT,
        "created": timezone.now().isoformat(),
        "database": connections[DEFAULT_DB_ALIAS].vendor,
        "migrations": applied_migrations(),
        "counts": row_counts(),
        "data_sha256": hashlib.sha256(data).hexdigest(),
        "media": {},
    }
    with Encryptor(target, key) as encrypted, tarfile.open(fileobj=encrypted, mode="w|gz") as tar:
        _add(tar, "data.json", io.BytesIO(data), len(data))
        for name in media_files():
            with default_storage.open(name, "rb") as handle:
                hashing = _Hashing(handle)
                try:
                    _add(tar, f"media/{name}", hashing, default_storage.size(name))
                except OSError as error:  # changed size while being read
                    raise BackupError(f"Tệp {name} thay đổi trong lúc sao lưu: {error}") from error
            manifest["media"][name] = hashing.digest.hexdigest()
        body = json.dumps(manifest, indent=1).encode()
        _add(tar, "manifest.json", io.BytesIO(body), len(body))
    return manifest


def private_file(path):
    """Open `path` for writing, created 0600 whatever the umask (refuses to overwrite)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.fchmod(descriptor, 0o600)
    return os.fdopen(descriptor, "wb")


def write_backup(path, key=None):
    """Write the encrypted archive to the new file `path` (mode 0600); returns the manifest."""
    path = Path(path)
    try:
        with private_file(path) as target:
            return write_archive(target, key or backup_key())
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        raise


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


def _sha256(handle):
    digest = hashlib.sha256()
    while piece := handle.read(READ_BYTES):
        digest.update(piece)
    return digest.hexdigest()


class Archive:
    """A decrypted, checked archive: its manifest, its data and its media members."""

    def __init__(self, tar):
        self.tar = tar
        self.manifest = self.data = None
        self.media = {}  # name in the storage -> tar member
        for member in tar:
            name = _safe_member_name(member)
            if not member.isfile():
                continue
            if str(name) == "manifest.json":
                self.manifest = json.loads(tar.extractfile(member).read())
            elif str(name) == "data.json":
                self.data = tar.extractfile(member).read()
            elif name.parts[0] == "media" and len(name.parts) > 1:
                self.media[str(PurePosixPath(*name.parts[1:]))] = member
        self._check()

    def _check(self):
        if self.manifest is None or self.data is None:
            raise BackupError("Không phải bản sao lưu của cổng thông tin (thiếu manifest/data).")
        if self.manifest.get("format") != FORMAT:
            raise BackupError(f"Định dạng sao lưu {self.manifest.get('format')} không được hỗ trợ.")
        if hashlib.sha256(self.data).hexdigest() != self.manifest["data_sha256"]:
            raise BackupError("Dữ liệu trong bản sao lưu bị hỏng (sai mã kiểm tra).")
        for name, digest in self.manifest["media"].items():
            member = self.media.get(name)
            if member is None or _sha256(self.tar.extractfile(member)) != digest:
                raise BackupError(f"Tệp {name} trong bản sao lưu bị thiếu hoặc hỏng.")
        extra = set(self.media) - set(self.manifest["media"])
        if extra:
            raise BackupError(f"Tệp {sorted(extra)[0]} không có trong danh mục của bản sao lưu.")

    def open_media(self, name):
        return self.tar.extractfile(self.media[name])


@contextlib.contextmanager
def open_archive(path, key=None):
    """Decrypt `path` into a private temporary file, check it whole, yield an `Archive`.

    Nothing of the archive is trusted before every chunk's tag and every checksum passed.
    """
    key = key or backup_key()
    with tempfile.TemporaryDirectory(prefix="dvsite-restore-") as folder:
        plain = Path(folder) / "archive.tar.gz"
        try:
            with open(path, "rb") as source, private_file(plain) as target:
                decrypt_stream(source, target, key)
        except FileNotFoundError as error:
            raise BackupError(f"Không tìm thấy bản sao lưu {path}.") from error
        except (BackupKeyError, BackupTampered) as error:
            raise BackupError(str(error)) from error
        try:
            with tarfile.open(plain, "r:gz") as tar:
                yield Archive(tar)
        except (tarfile.TarError, EOFError, json.JSONDecodeError, KeyError) as error:
            raise BackupError(f"Bản sao lưu bị hỏng: {error}") from error


def read_manifest(path, key=None):
    """The manifest of the archive at `path`, after every check passed."""
    with open_archive(path, key) as archive:
        return archive.manifest


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


def _load(archive):
    # The instance is empty (or the operator said --force): clear what migrations created, so
    # every row comes back with its own primary key.
    settle_constraints()
    call_command("flush", interactive=False, verbosity=0)
    defer_constraints()
    with tempfile.TemporaryDirectory(prefix="dvsite-restore-") as folder:
        fixture = Path(folder) / "data.json"
        with private_file(fixture) as handle:
            handle.write(archive.data)
        call_command("loaddata", str(fixture), verbosity=0)
    for name in archive.media:
        if default_storage.exists(name):
            default_storage.delete(name)
        saved = default_storage.save(name, File(archive.open_media(name), name=name))
        if saved != name:
            raise BackupError(f"Không ghi được tệp {name} (lưu thành {saved}).")


def restore(path, *, force=False, key=None):
    """Restore the archive into this instance; returns the manifest."""
    with open_archive(path, key) as archive:
        newer = unknown_migrations(archive.manifest)
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
        _load(archive)
        return archive.manifest
