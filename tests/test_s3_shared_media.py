"""Uploads shared by every application server, through S3-compatible storage, for real.

From a fresh clone: a local S3 *emulator* (moto's server mode, which speaks the S3 protocol over
HTTP on 127.0.0.1; not a real object store) holds the media bucket and the backup bucket; two
gunicorn application servers and one task worker run with production settings against one
database. A picture uploaded through the admin of server A is resized by the worker and served
on server B's page from the bucket; the internal document's attachment stays private (private
ACL, signed short-lived URL, downloaded only through the site); cleanup_media works on the
bucket; backup_site writes an encrypted archive to the backup bucket and --verify restores it;
restore_site --latest brings every row and every file back into a new database and a new bucket.

The database is PostgreSQL when the suite runs on it (a database of this test's own), otherwise a
SQLite file; the cache is each process's own memory, kept in step by the stamp file.
"""

import hashlib
import html.parser
import http.client
import io
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import uuid
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image

from tools.gunicorn_runner import HOST, free_port, start_gunicorn, stop

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "mật-khẩu-kho-ảnh-chung"
MEDIA_BUCKET = "dvsite-media"
BACKUP_BUCKET = "dvsite-backups"
RESTORED_BUCKET = "dvsite-media-restored"
PG = "postgres://postgres@127.0.0.1:5432"

pytestmark = pytest.mark.timeout(600)


# --- the emulator -------------------------------------------------------------------------


def _wait_for_port(port, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"moto stopped (exit {process.returncode})")
        with socket.socket() as probe:
            if probe.connect_ex((HOST, port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError("moto did not answer")


@pytest.fixture
def emulator(tmp_path):
    port = free_port()
    log = (tmp_path / "moto.log").open("w")
    process = subprocess.Popen(  # noqa: S603 (this interpreter, moto's own module)
        [sys.executable, "-m", "moto.server", "-H", HOST, "-p", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        _wait_for_port(port, process)
        yield f"http://{HOST}:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


def _s3(endpoint):
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="dvsite-test",
        aws_secret_access_key="dvsite-test-secret",
    )


# --- the site -----------------------------------------------------------------------------


def _database(tmp_path, label):
    """A URL for a new database of this test (PostgreSQL when the suite runs on it)."""
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return f"sqlite:///{tmp_path / f'{label}.sqlite3'}", None
    import psycopg

    name = f"dvsite_s3_{label}_{os.getpid()}"
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    return f"{PG}/{name}", name


def _drop(name):
    if name:
        import psycopg

        with psycopg.connect(f"{PG}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _environment(tmp_path, endpoint, database_url, bucket, backup_key):
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="dvsite.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_TRUSTED_PROXY_COUNT="0",
        DJANGO_STAFF_2FA_REQUIRED="0",  # the second factor has its own tests
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        # Nothing may land here: every upload goes to the bucket.
        DJANGO_MEDIA_ROOT=str(tmp_path / "local-media"),
        DJANGO_PAGE_CACHE_STAMP_FILE=str(tmp_path / "stamp"),
        DJANGO_LOG_LEVEL="ERROR",
        DATABASE_URL=database_url,
        DJANGO_S3_BUCKET=bucket,
        DJANGO_S3_ENDPOINT_URL=endpoint,
        DJANGO_S3_REGION="us-east-1",
        DJANGO_S3_ACCESS_KEY_ID="dvsite-test",
        DJANGO_S3_SECRET_ACCESS_KEY="dvsite-test-secret",
        DJANGO_BACKUP_URL=f"s3://{BACKUP_BUCKET}/hang-dem",
        DJANGO_BACKUP_S3_ENDPOINT_URL=endpoint,
        DJANGO_BACKUP_S3_REGION="us-east-1",
        DJANGO_BACKUP_S3_ACCESS_KEY_ID="dvsite-backup",
        DJANGO_BACKUP_S3_SECRET_ACCESS_KEY="dvsite-backup-secret",
        DJANGO_BACKUP_KEY=backup_key,
    )
    return env


def _manage(env, *args, timeout=300):
    result = subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _shell(env, code):
    """The last line `code` prints, run by `manage.py shell` in `env`."""
    return _manage(env, "shell", "--no-imports", "-c", code).strip().splitlines()[-1]


SETUP = """
import datetime
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from docs_registry.models import Attachment, Document, DocumentType, Issuer
from news.models import Category
get_user_model().objects.create_superuser("quantri", "quantri@example.invalid", {password!r})
internal = Document.objects.create(
    number="05-QC/TU", title="Quy chế nội bộ", is_internal=True, status="published",
    doc_type=DocumentType.objects.create(name="Quy chế", abbreviation="QC"),
    issuer=Issuer.objects.create(name="Tỉnh ủy", suffix="TU"),
    issue_date=datetime.date(2026, 1, 5), publish_at=datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC),
)
attachment = Attachment(document=internal, title="Toàn văn")
attachment.file.save("quy-che-noi-bo.pdf", ContentFile({pdf!r}), save=True)
print(Category.objects.create(name="Tin tức – Sự kiện").pk, internal.slug, attachment.pk, attachment.file.name)
"""

INVENTORY = """
import json
from ops.backup import media_checksums, row_counts
print(json.dumps({"counts": row_counts(), "media": media_checksums()}))
"""

PDF = b"%PDF-1.4\n% quy che noi bo, khong cong khai\n%%EOF\n"


def _jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), (200, 30, 30)).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


# --- a small browser ----------------------------------------------------------------------


class FormFields(html.parser.HTMLParser):
    """The fields of the first form with a CSRF token, with their initial values."""

    def __init__(self):
        super().__init__()
        self.fields, self.select, self.done = {}, None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if self.done or not name:
            return
        if tag == "input" and attrs.get("type") not in ("submit", "file", "checkbox", "radio"):
            self.fields[name] = attrs.get("value") or ""
        elif tag == "input" and attrs.get("type") in ("checkbox", "radio") and "checked" in attrs:
            self.fields[name] = attrs.get("value") or "on"
        elif tag == "textarea":
            self.fields[name] = ""
        elif tag == "select":
            self.select = name
            self.fields.setdefault(name, "")
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields[self.select] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "form" and "csrfmiddlewaretoken" in self.fields:
            self.done = True


class Browser:
    def __init__(self):
        self.cookies = {}

    def request(self, port, path, body=None, content_type=None):
        connection = http.client.HTTPConnection(HOST, port, timeout=30)
        headers = {"User-Agent": "Mozilla/5.0 (s3 test)"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if content_type:
            headers["Content-Type"] = content_type
        try:
            connection.request("POST" if body is not None else "GET", path, body, headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        for value in response.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(value)
            self.cookies.update({name: morsel.value for name, morsel in jar.items()})
        return response, content

    def text(self, port, path):
        response, content = self.request(port, path)
        return response, content.decode()

    def submit(self, port, path, fields, files=None):
        """GET the form at `path`, fill in `fields` and `files`, POST it as multipart."""
        _, page = self.text(port, path)
        parser = FormFields()
        parser.feed(page)
        values = {**parser.fields, **fields}
        boundary = uuid.uuid4().hex
        body = io.BytesIO()
        for name, value in values.items():
            body.write(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            )
            body.write(f"{value}\r\n".encode())
        for name, (filename, data, mime) in (files or {}).items():
            body.write(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: {mime}\r\n\r\n'.encode()
            )
            body.write(data + b"\r\n")
        body.write(f"--{boundary}--\r\n".encode())
        return self.request(
            port, path, body.getvalue(), f"multipart/form-data; boundary={boundary}"
        )


def _get_url(url):
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


# --- the test -----------------------------------------------------------------------------


@pytest.fixture
def deployment(tmp_path, emulator):
    """The emulator's buckets (no bucket policy: each object's ACL decides), a migrated database, two app servers and a worker."""
    s3 = _s3(emulator)
    for bucket in (MEDIA_BUCKET, BACKUP_BUCKET, RESTORED_BUCKET):
        s3.create_bucket(Bucket=bucket)
    from ops.backup_crypto import generate_key

    database_url, database = _database(tmp_path, "site")
    restored_url, restored = _database(tmp_path, "restored")
    key = generate_key()
    env = _environment(tmp_path, emulator, database_url, MEDIA_BUCKET, key)
    _manage(env, "migrate", "--noinput", "-v0")
    _manage(env, "collectstatic", "--noinput", "-v0")
    category, document, attachment, private_name = _shell(
        env, SETUP.format(password=PASSWORD, pdf=PDF)
    ).split()
    processes, logs = [], []
    try:
        for letter in "ab":
            log = (tmp_path / f"gunicorn-{letter}.log").open("w")
            logs.append(log)
            port = free_port()
            options = ["--workers", "1", "--threads", "2", "--timeout", "60"]
            processes.append((start_gunicorn(options, port=port, cwd=ROOT, log=log, env=env), port))
        worker_log = (tmp_path / "worker.log").open("w")
        logs.append(worker_log)
        worker = subprocess.Popen(  # noqa: S603 (our own manage.py)
            [sys.executable, "manage.py", "db_worker", "--queue-name", "default",
             "--no-reload", "--interval", "0.5", "--no-startup-delay"],
            cwd=ROOT, env=env, stdout=worker_log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        processes.append((worker, None))
        yield {
            "s3": s3,
            "env": env,
            "restored_env": {
                **env,
                "DATABASE_URL": restored_url,
                "DJANGO_S3_BUCKET": RESTORED_BUCKET,
            },
            "a": processes[0][1],
            "b": processes[1][1],
            "category": category,
            "document": document,
            "attachment": attachment,
            "private_name": private_name,
            "folder": tmp_path,
        }
    finally:
        for process, _ in processes:
            stop(process)
        for log in logs:
            log.close()
        _drop(database)
        _drop(restored)


def _keys(s3, bucket, prefix=""):
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
    return sorted(item["Key"] for page in pages for item in page.get("Contents", []))


def _wait(condition, seconds=90, what="condition"):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def test_two_servers_share_media_on_s3_and_it_is_backed_up_and_restored(deployment):
    s3, env, a, b = deployment["s3"], deployment["env"], deployment["a"], deployment["b"]
    private_key = f"media/{deployment['private_name']}"

    # 1. A picture uploaded through server A's admin is stored in the bucket, not on disk.
    editor = Browser()
    _, page = editor.text(a, "/quan-tri/login/?next=/quan-tri/")
    response, _ = editor.submit(
        a, "/quan-tri/login/?next=/quan-tri/", {"username": "quantri", "password": PASSWORD}
    )
    assert response.status == 302, "login refused"
    title = "Ảnh hội nghị lưu chung trên kho đối tượng"
    response, content = editor.submit(
        a,
        "/quan-tri/news/post/add/",
        {
            "title": title, "summary": "Sapo.", "body": "<p>Nội dung</p>",
            "image_alt": "Toàn cảnh hội nghị", "category": deployment["category"],
            "tags": "Dân vận khéo", "_workflow_publish": "Xuất bản",
        },
        files={"image": ("hoi-nghi.jpg", _jpeg(), "image/jpeg")},
    )  # fmt: skip
    assert response.status == 302, content.decode()[:3000]
    originals = _keys(s3, MEDIA_BUCKET, "media/")
    assert any(re.search(r"hoi-nghi-[0-9a-f]{16}\.jpg$", key) for key in originals), originals
    assert not (deployment["folder"] / "local-media").exists() or not any(
        (deployment["folder"] / "local-media").rglob("*.*")
    )

    # 2. The worker makes the renditions, into the bucket.
    renditions = _wait(
        lambda: [k for k in _keys(s3, MEDIA_BUCKET, "media/") if k.endswith(".webp")],
        what="renditions from the worker",
    )
    assert renditions

    # 3. Server B serves the post, whose picture comes from the bucket: the rendition's bytes.
    reader = Browser()
    response, listing = reader.text(b, "/tin-tuc/")
    assert response.status == 200 and title in listing
    path = re.search(r'href="(/tin-tuc/[^"]+/)"[^>]*>\s*' + re.escape(title), listing)
    path = (
        path.group(1)
        if path
        else re.search(r'href="(/tin-tuc/anh-hoi-nghi[^"]*/)"', listing).group(1)
    )
    response, post_page = reader.text(b, path)
    assert response.status == 200
    bucket_urls = set(
        re.findall(
            rf"{re.escape(env['DJANGO_S3_ENDPOINT_URL'])}/{MEDIA_BUCKET}/media/[^\s\"',]+",
            post_page,
        )
    )
    shown = [url for url in bucket_urls if url.endswith(".webp")]
    assert shown, "B's page shows no rendition from the bucket"
    status, data = _get_url(shown[0])
    key = urlsplit(shown[0]).path.split(f"/{MEDIA_BUCKET}/", 1)[1]
    assert status == 200 and data == s3.get_object(Bucket=MEDIA_BUCKET, Key=key)["Body"].read()
    assert Image.open(io.BytesIO(data)).width < 1600

    # 4. The private attachment: private ACL, never linked, downloaded only through the site.
    assert private_key in _keys(s3, MEDIA_BUCKET, "media/private/")
    grants = s3.get_object_acl(Bucket=MEDIA_BUCKET, Key=private_key)["Grants"]
    assert not [g for g in grants if "Users" in g["Grantee"].get("URI", "")]  # All-, Authenticated-
    bucket_url = f"{env['DJANGO_S3_ENDPOINT_URL']}/{MEDIA_BUCKET}"
    assert _get_url(f"{bucket_url}/{private_key}")[0] == 403  # anonymous, straight to the bucket
    assert _get_url(f"{bucket_url}/{key}")[0] == 200
    download = f"/van-ban/{deployment['document']}/tep/{deployment['attachment']}/"
    for port in (a, b):
        response, _ = reader.request(port, download)
        assert response.status == 404  # an internal document: nobody outside
        for public in ("/", "/tin-tuc/", path, "/van-ban/"):
            _, text = reader.text(port, public)
            assert deployment["private_name"] not in text
    response, body = editor.request(b, download)  # staff, logged in on A, downloads on B
    assert response.status == 200 and body == PDF
    signed = _shell(
        env,
        f"from django.core.files.storage import default_storage; print(default_storage.url({deployment['private_name']!r}))",
    )
    assert "X-Amz-Signature=" in signed and "X-Amz-Expires=60" in signed
    assert _get_url(signed) == (200, PDF)  # the signed address works, for a minute
    public_url = _shell(
        env,
        f"from django.core.files.storage import default_storage; print(default_storage.url({key[len('media/') :]!r}))",
    )
    assert "X-Amz-Signature" not in public_url

    # 5. cleanup_media works on the bucket: an orphan goes, every referenced file stays.
    s3.put_object(Bucket=MEDIA_BUCKET, Key="media/news/2026/mo-coi.jpg", Body=b"orphan")
    before = set(_keys(s3, MEDIA_BUCKET))
    out = _manage(env, "cleanup_media", "--delete", "--min-age-hours", "0")
    assert "news/2026/mo-coi.jpg" in out
    assert set(_keys(s3, MEDIA_BUCKET)) == before - {"media/news/2026/mo-coi.jpg"}

    # 6. A backup to the backup bucket: encrypted, private, verified by a restore.
    inventory = json.loads(_shell(env, INVENTORY))
    assert private_key[len("media/") :] in inventory["media"]
    _manage(env, "backup_site")
    [archive] = _keys(s3, BACKUP_BUCKET, "hang-dem/")
    raw = s3.get_object(Bucket=BACKUP_BUCKET, Key=archive)["Body"].read()
    assert not raw.startswith(b"\x1f\x8b") and PDF not in raw
    grants = s3.get_object_acl(Bucket=BACKUP_BUCKET, Key=archive)["Grants"]
    assert all("AllUsers" not in g["Grantee"].get("URI", "") for g in grants)
    assert "khớp danh mục" in _manage(env, "backup_site", "--verify")

    # 7. Restore into a new database and a new bucket: every row and every file is there.
    restored_env = deployment["restored_env"]
    out = _manage(restored_env, "restore_site", "--latest")
    assert "Đã khôi phục" in out
    assert json.loads(_shell(restored_env, INVENTORY)) == inventory
    restored = set(_keys(s3, RESTORED_BUCKET))
    assert restored == {f"media/{name}" for name in inventory["media"]}
    original = s3.get_object(Bucket=MEDIA_BUCKET, Key=private_key)["Body"].read()
    assert s3.get_object(Bucket=RESTORED_BUCKET, Key=private_key)["Body"].read() == original
    assert hashlib.sha256(original).hexdigest() == inventory["media"][private_key[len("media/") :]]
    grants = s3.get_object_acl(Bucket=RESTORED_BUCKET, Key=private_key)["Grants"]
    assert all("AllUsers" not in g["Grantee"].get("URI", "") for g in grants)

    for name in ("gunicorn-a.log", "gunicorn-b.log", "worker.log"):
        log = (deployment["folder"] / name).read_text()
        assert "Traceback" not in log, f"{name}:\n{log[-3000:]}"
