"""`backup_site --verify`: restore the newest archive into a scratch instance and compare.

A backup nobody has restored is a hope. The newest archive is fetched from the target, restored
by `restore_site --force` in a child process whose database is a scratch one
(DJANGO_BACKUP_VERIFY_DATABASE_URL, by default a new SQLite file) and whose media is a
temporary folder (never the site's database, bucket or cache), and the child reports the row
count of every model and the SHA-256 of every file it finds there, which must equal what the
archive's manifest says the site had.
"""

import base64
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings

from ops.backup import BackupError, backup_key, read_manifest
from ops.backup_store import choose, download, list_backups

# What the child must not share with the site: its database, replica, cache, bucket.
SITE_VARIABLES = ("DATABASE_URL", "DATABASE_REPLICA_URL", "REDIS_URL", "REDIS_SESSIONS_URL")


def scratch_environment(folder):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in SITE_VARIABLES and not k.startswith("DJANGO_S3_")
    }
    env.update(
        DATABASE_URL=settings.BACKUP_VERIFY_DATABASE_URL
        or f"sqlite:///{Path(folder) / 'scratch.sqlite3'}",
        DJANGO_MEDIA_ROOT=str(Path(folder) / "media"),
        DJANGO_PAGE_CACHE_STAMP_FILE=str(Path(folder) / "page-cache-stamp"),
        DJANGO_TASKS_BACKEND="django_tasks.backends.dummy.DummyBackend",
    )
    # The child decrypts with the key this process uses, however it was given.
    env["DJANGO_BACKUP_KEY"] = base64.urlsafe_b64encode(backup_key()).decode()
    env.pop("DJANGO_BACKUP_KEY_FILE", None)
    return env


def _manage(env, *args):
    return subprocess.run(  # noqa: S603 (this interpreter, our own manage.py)
        [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=3600,
    )


def differences(manifest, report):
    """Human-readable lines for every count or file that differs (empty when all agree)."""
    lines = []
    for label in sorted(set(manifest["counts"]) | set(report["counts"])):
        want, got = manifest["counts"].get(label), report["counts"].get(label)
        if want != got:
            lines.append(f"{label}: bản sao lưu có {want} bản ghi, khôi phục được {got}")
    for name in sorted(set(manifest["media"]) | set(report["media"])):
        want, got = manifest["media"].get(name), report["media"].get(name)
        if want != got:
            state = "thiếu" if got is None else "thừa" if want is None else "khác nội dung"
            lines.append(f"tệp {name}: {state}")
    return lines


def verify(storage, name=None):
    """Restore archive `name` (default: the newest) in a scratch instance; returns
    (name, manifest, report). Raises BackupError when the restore fails or anything differs."""
    name = name or choose(list_backups(storage))
    with tempfile.TemporaryDirectory(prefix="dvsite-verify-") as folder:
        local = Path(folder) / name
        download(storage, name, local)
        manifest = read_manifest(local)
        env = scratch_environment(folder)
        result = _manage(env, "restore_site", str(local), "--force", "--report-json")
        if result.returncode != 0:
            raise BackupError(f"Khôi phục thử {name} thất bại: {result.stderr.strip()[-2000:]}")
        report = json.loads(result.stdout.strip().splitlines()[-1])
        if settings.BACKUP_VERIFY_DATABASE_URL:
            # A scratch database that outlives this run keeps no copy of the site's data.
            _manage(env, "flush", "--noinput")
    lines = differences(manifest, report)
    if lines:
        raise BackupError(
            f"Bản sao lưu {name} khôi phục không khớp:\n" + "\n".join(f"- {line}" for line in lines)
        )
    return name, manifest, report
