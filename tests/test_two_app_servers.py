"""Two application servers behind one load balancer share PostgreSQL and Redis.

Two gunicorn instances on different free loopback ports, production settings, one PostgreSQL
database and one Redis database: a login on one is valid on the other; a post published through
one appears on the other at once (its cached list page included); killing one in the middle of
a load leaves the other answering every request.

Runs when PostgreSQL and Redis answer on 127.0.0.1 and either the suite runs on PostgreSQL (CI's
second pass) or DVSITE_TWO_SERVERS=1 (`make two-servers`); skipped otherwise.
"""

import http.client
import os
import re
import secrets
import signal
import subprocess
import sys
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tools.gunicorn_runner import HOST, free_port, start_gunicorn, stop

ROOT = Path(__file__).resolve().parents[1]
PG = "postgres://postgres@127.0.0.1:5432"
REDIS_DB = 12
PASSWORD = "mật-khẩu-hai-máy-chủ"


def _reachable():
    try:
        import psycopg
        import redis

        psycopg.connect(f"{PG}/postgres", connect_timeout=2).close()
        redis.Redis(host=HOST, port=6379, socket_connect_timeout=2).ping()
    except Exception:  # noqa: BLE001 (anything means "not here")
        return False
    return True


def _wanted():
    on_postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
    return on_postgres or os.environ.get("DVSITE_TWO_SERVERS") == "1"


pytestmark = pytest.mark.skipif(
    not (_wanted() and _reachable()),
    reason="needs PostgreSQL and Redis on 127.0.0.1 (and a PostgreSQL run or DVSITE_TWO_SERVERS=1)",
)


class Browser:
    """Keeps cookies (sent over plain HTTP even when marked Secure, as a TLS proxy would)."""

    def __init__(self):
        self.cookies = {}

    def request(self, port, path, data=None):
        connection = http.client.HTTPConnection(HOST, port, timeout=20)
        headers = {"User-Agent": "Mozilla/5.0 (two-servers test)"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request("POST" if data is not None else "GET", path, body, headers)
            response = connection.getresponse()
            content = response.read().decode()
        finally:
            connection.close()
        for value in response.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(value)
            self.cookies.update({name: morsel.value for name, morsel in jar.items()})
        return response, content

    def form(self, port, path, fields):
        """GET the form at `path` for its CSRF token, then POST `fields` to it."""
        _, page = self.request(port, path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return self.request(port, path, {**fields, "csrfmiddlewaretoken": token})


def _manage(env, *args):
    result = subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


SETUP = """
from django.contrib.auth import get_user_model
from news.models import Category
get_user_model().objects.create_superuser("quantri", "quantri@example.invalid", {password!r})
print(Category.objects.create(name="Tin tức – Sự kiện").pk)
"""


@pytest.fixture
def two_servers(tmp_path):
    import psycopg
    import redis

    name = f"dvsite_two_servers_{os.getpid()}"
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    redis.Redis(host=HOST, port=6379, db=REDIS_DB).flushdb()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="dvsite.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_TRUSTED_PROXY_COUNT="0",
        DJANGO_STAFF_2FA_REQUIRED="0",  # the second factor has its own tests
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        DJANGO_PAGE_CACHE_SECONDS="300",
        DJANGO_LOG_LEVEL="ERROR",
        DATABASE_URL=f"{PG}/{name}",
        REDIS_URL=f"redis://{HOST}:6379/{REDIS_DB}",
    )
    _manage(env, "migrate", "--noinput", "-v0")
    _manage(env, "collectstatic", "--noinput", "-v0")
    category = int(_manage(env, "shell", "-c", SETUP.format(password=PASSWORD)).split()[-1])
    servers, logs = [], []
    try:
        for letter in "ab":
            log = (tmp_path / f"gunicorn-{letter}.log").open("w")
            logs.append(log)
            port = free_port()
            options = ["--workers", "2", "--threads", "2", "--timeout", "30"]
            server = start_gunicorn(options, port=port, cwd=ROOT, log=log, env=env)
            servers.append((server, port))
        yield servers, category, tmp_path
    finally:
        for server, _ in servers:
            stop(server)
        for log in logs:
            log.close()
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _load(port, stop_at, results):
    reader = Browser()
    while time.monotonic() < stop_at:
        for path in ("/", "/tin-tuc/"):
            try:
                response, _ = reader.request(port, path)
                results.append(response.status)
            except OSError as error:
                results.append(error)


def test_two_servers_share_logins_and_content_and_one_survives_the_other(two_servers):
    (
        (server_a, a),
        (server_b, b),
    ) = two_servers[0]
    category, folder = two_servers[1], two_servers[2]

    # A login on one server is a login on the other.
    editor = Browser()
    response, _ = editor.form(a, "/quan-tri/login/?next=/quan-tri/", {
        "username": "quantri", "password": PASSWORD, "next": "/quan-tri/",
    })  # fmt: skip
    assert response.status == 302, "login refused"
    response, page = editor.request(b, "/quan-tri/")
    assert response.status == 200 and "quantri" in page

    # A post published through A appears on B at once, though B had cached the list.
    reader = Browser()
    title = "Hội nghị hai máy chủ cùng một cơ sở dữ liệu"
    reader.request(b, "/tin-tuc/")
    response, page = reader.request(b, "/tin-tuc/")
    assert response.headers["X-Page-Cache"] == "hit" and title not in page
    response, _ = editor.form(a, "/quan-tri/news/post/add/", {
        "title": title, "slug": "", "summary": "Sapo.", "body": "<p>Nội dung</p>",
        "image_alt": "", "image_caption": "", "byline": "", "source_name": "",
        "source_url": "", "category": category, "tags": "Dân vận khéo",
        "publish_at_0": "", "publish_at_1": "", "_workflow_publish": "Xuất bản",
    })  # fmt: skip
    assert response.status == 302, "publishing failed"
    response, page = reader.request(b, "/tin-tuc/")
    assert response.status == 200 and title in page

    # Killing A in the middle of a load: B answers every request.
    results_a, results_b = [], []
    stop_at = time.monotonic() + 4
    threads = [
        threading.Thread(target=_load, args=(port, stop_at, results))
        for port, results in ((a, results_a), (b, results_b), (b, results_b))
    ]
    for thread in threads:
        thread.start()
    time.sleep(1.5)
    os.killpg(server_a.pid, signal.SIGKILL)
    for thread in threads:
        thread.join(timeout=30)
    assert len(results_b) > 20
    assert [r for r in results_b if r != 200] == []
    assert any(isinstance(r, OSError) for r in results_a)  # A really went away mid-load
    log_b = (folder / "gunicorn-b.log").read_text()
    assert "Traceback" not in log_b and "[ERROR]" not in log_b
