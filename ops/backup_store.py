"""Where backups are kept (DJANGO_BACKUP_URL), which are kept, and which one a restore takes.

A target is a Django storage: a folder (files 0600 in folders 0700) or an S3-compatible bucket
through django-storages (private objects, never a public URL). Archives are named after the
instant they were made, in UTC, so the names sort by time and say it:
`dvsite-20261206T023000Z.dvbak`.
"""

import datetime
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage
from django.utils import timezone

from core.date_grammar import parse_datetime
from ops.backup import BackupError, private_file

SUFFIX = ".dvbak"
NAME = re.compile(r"^dvsite-(\d{8}T\d{6}Z)\.dvbak$")
STAMP = "%Y%m%dT%H%M%SZ"


def target_storage(url=None):
    """The storage DJANGO_BACKUP_URL (or `url`) names."""
    url = url if url is not None else settings.BACKUP_URL
    parts = urlsplit(url)
    if parts.scheme == "s3":
        if not parts.netloc:
            raise BackupError(f"DJANGO_BACKUP_URL thiếu tên bucket: {url}")
        from storages.backends.s3 import S3Storage  # noqa: PLC0415 (boto3 loads slowly; S3 only)

        return S3Storage(
            bucket_name=parts.netloc,
            location=parts.path.strip("/"),
            default_acl=None,  # the bucket's own: private
            querystring_auth=True,
            file_overwrite=False,
            **settings.BACKUP_S3,
        )
    if parts.scheme in ("", "file"):
        return FileSystemStorage(
            location=parts.path if parts.scheme else url,
            file_permissions_mode=0o600,
            directory_permissions_mode=0o700,
        )
    raise BackupError(f"DJANGO_BACKUP_URL không được hỗ trợ: {url} (dùng một thư mục hoặc s3://).")


def archive_name(when=None):
    when = (when or timezone.now()).astimezone(datetime.UTC)
    return f"dvsite-{when.strftime(STAMP)}{SUFFIX}"


def archive_time(name):
    """The instant an archive was made, from its name; None for any other file."""
    match = NAME.match(name)
    if not match:
        return None
    return datetime.datetime.strptime(match.group(1), STAMP).replace(tzinfo=datetime.UTC)


def list_backups(storage):
    """[(instant, name)] of the archives in the target, newest first."""
    try:
        _, files = storage.listdir("")
    except FileNotFoundError:
        return []
    found = [(archive_time(name), name) for name in files]
    return sorted(((when, name) for when, name in found if when), reverse=True)


def upload(storage, local_path, name):
    with open(local_path, "rb") as handle:
        saved = storage.save(name, File(handle, name=name))
    if saved != name:
        raise BackupError(f"Bản sao lưu {name} đã có ở nơi lưu (lưu thành {saved}).")
    return saved


def download(storage, name, local_path):
    """Copy the archive `name` to the new private file `local_path`."""
    if not storage.exists(name):
        raise BackupError(f"Không có bản sao lưu {name} ở {settings.BACKUP_URL}.")
    with storage.open(name, "rb") as source, private_file(local_path) as target:
        while piece := source.read(1024 * 1024):
            target.write(piece)


def parse_moment(text):
    """The instant `text` names, or the end of the day it names: "2026-12-05", "05/12/2026",
    "05/12/2026 14:30", "2026-12-05T14:30" (local time unless it says otherwise)."""
    text = text.strip()
    try:
        moment = datetime.datetime.fromisoformat(text)
        day, at = moment.date(), (moment.timetz() if len(text) > 10 else None)
    except ValueError:
        moment = None
        day, at = parse_datetime(text)
    if day is None:
        raise BackupError(
            f"Không hiểu ngày “{text}”: viết 05/12/2026, 05/12/2026 14:30 hoặc 2026-12-05."
        )
    if moment is not None and moment.tzinfo is not None and at is not None:
        return moment
    end = datetime.datetime.combine(day, at or datetime.time.max)
    return timezone.make_aware(end)


def choose(backups, at=None):
    """The name of the newest archive (made at or before `at`, when given)."""
    for when, name in backups:
        if at is None or when <= at:
            return name
    if at is None:
        raise BackupError(f"Chưa có bản sao lưu nào ở {settings.BACKUP_URL}.")
    raise BackupError(
        f"Không có bản sao lưu nào từ {timezone.localtime(at):%d/%m/%Y %H:%M} trở về trước."
    )


def to_keep(times, *, daily, weekly, monthly):
    """The instants to keep: the newest of each of the last `daily` days (local time) that have
    an archive, likewise `weekly` ISO weeks and `monthly` months; always the newest of all."""
    newest_first = sorted(times, reverse=True)
    keep = set(newest_first[:1])
    periods = (
        (daily, lambda day: day),
        (weekly, lambda day: day.isocalendar()[:2]),
        (monthly, lambda day: (day.year, day.month)),
    )
    for count, period_of in periods:
        seen = []
        for when in newest_first:
            period = period_of(timezone.localtime(when).date())
            if period in seen:
                continue
            if len(seen) >= count:
                break
            seen.append(period)
            keep.add(when)
    return keep


def prune(storage):
    """Delete the archives the retention settings do not keep; returns their names."""
    backups = list_backups(storage)
    keep = to_keep(
        [when for when, _ in backups],
        daily=settings.BACKUP_KEEP_DAILY,
        weekly=settings.BACKUP_KEEP_WEEKLY,
        monthly=settings.BACKUP_KEEP_MONTHLY,
    )
    deleted = []
    for when, name in backups:
        if when not in keep:
            storage.delete(name)
            deleted.append(name)
    return deleted
