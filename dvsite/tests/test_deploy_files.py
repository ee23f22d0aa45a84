"""The example deployment files parse, and the settings they rely on do what docs/deploy.md says."""

import configparser
import json
import os
import py_compile
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory

from core import db_routers
from ops.media import object_parameters

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
NGINX = DEPLOY / "nginx" / "dvsite.conf"


def _read_env_names(path):
    pattern = re.compile(r"""environ\.get\(\s*["']([A-Z0-9_]+)["']""")
    return set(pattern.findall(path.read_text()))


def _names_the_settings_read():
    """What dvsite/config/env.py's `env` recorded, in development and in production with every
    optional part on (scripts/settings_table.py)."""
    result = subprocess.run(
        [sys.executable, "scripts/settings_table.py", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(result.stdout))


def test_python_files_compile():
    for path in DEPLOY.rglob("*.py"):
        py_compile.compile(str(path), doraise=True)


def test_gunicorn_config_binds_to_loopback_and_names_the_app():
    values = {}
    exec(compile((DEPLOY / "gunicorn.conf.py").read_text(), "gunicorn.conf.py", "exec"), values)  # noqa: S102
    assert values["wsgi_app"] == "dvsite.wsgi:application"
    assert values["bind"] == "127.0.0.1:8000"
    assert values["workers"] >= 2
    assert values["forwarded_allow_ips"] == "127.0.0.1"


@pytest.mark.parametrize("path", sorted((DEPLOY / "systemd").glob("*.*")), ids=lambda p: p.name)
def test_systemd_units_parse(path):
    unit = configparser.ConfigParser(strict=True, interpolation=None)
    unit.optionxform = str  # systemd keys are case-sensitive
    unit.read_string(path.read_text())
    assert "Unit" in unit and "Description" in unit["Unit"]
    if path.suffix == ".service":
        service = unit["Service"]
        assert service["User"] == "dvsite"
        assert service["EnvironmentFile"] == "/etc/dvsite/dvsite.env"
        assert service["ExecStart"].startswith("/srv/dvsite/app/.venv/bin/")
    if path.suffix == ".timer":
        assert "OnCalendar" in unit["Timer"]


def test_the_app_service_runs_gunicorn_with_our_config_and_checks_deploy_first():
    unit = configparser.ConfigParser(interpolation=None)
    unit.read_string((DEPLOY / "systemd" / "dvsite.service").read_text())
    assert "gunicorn -c deploy/gunicorn.conf.py" in unit["Service"]["ExecStart"]
    assert "check --deploy" in unit["Service"]["ExecStartPre"]
    backup = configparser.ConfigParser(interpolation=None)
    backup.read_string((DEPLOY / "systemd" / "dvsite-backup.service").read_text())
    assert "manage.py backup_site" in backup["Service"]["ExecStart"]
    assert "manage.py cleanup_media --delete" in backup["Service"]["ExecStartPost"]
    assert "/srv/dvsite/media" in backup["Service"]["ReadWritePaths"]


def test_the_worker_service_runs_the_task_worker_for_the_production_backend():
    unit = configparser.ConfigParser(interpolation=None)
    unit.read_string((DEPLOY / "systemd" / "dvsite-worker.service").read_text())
    assert "manage.py db_worker" in unit["Service"]["ExecStart"]
    assert unit["Service"]["Restart"] == "always"
    production = _settings(
        "from django.conf import settings; print(json.dumps(settings.TASKS))",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="x" * 60,
        DJANGO_ALLOWED_HOSTS="danvan.example.vn",
    )
    assert production["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


def test_every_key_of_the_env_example_is_read_by_settings_or_gunicorn():
    read = _names_the_settings_read() | _read_env_names(DEPLOY / "gunicorn.conf.py")
    read.add("DJANGO_SETTINGS_MODULE")
    keys = set()
    for line in (DEPLOY / "dvsite.env.example").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, sep, _ = line.partition("=")
            assert sep, line
            keys.add(key.strip())
    assert keys, "empty env example"
    assert keys - read == set()
    # And the settings production refuses to start without are all there.
    assert {"DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL", "DJANGO_DEBUG"} <= keys


def _nginx_text():
    # Drop comments, and quoted strings, whose braces are regular expressions, not blocks.
    text = re.sub(r"#[^\n]*", "", NGINX.read_text())
    return re.sub(r'"[^"]*"', '""', text)


def test_nginx_braces_balance():
    depth = 0
    for char in _nginx_text():
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0
    assert depth == 0


def test_nginx_has_the_directives_we_rely_on():
    text = NGINX.read_text()
    for needle in (
        "listen 443 ssl http2",
        "ssl_certificate ",
        "ssl_certificate_key ",
        "return 301 https://",
        "location /static/",
        "immutable",
        "location /media/",
        'add_header X-Content-Type-Options "nosniff" always',
        "add_header Content-Disposition $dvsite_media_disposition always",
        '"attachment"',
        "default_type application/octet-stream",
        "proxy_pass http://dvsite_app",
        "proxy_set_header X-Forwarded-Proto $scheme",
        "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for",
        "client_max_body_size 25m",
        "proxy_cache_bypass $cookie_sessionid",
    ):
        assert needle in text, needle
    # SVG and HTML uploads are refused in the media location.
    assert re.search(r"location ~\* \\\.\(svg\|svgz\|html\?[^)]*\)\$ \{\s*return 404;", text)


def _nginx_block(text, opening):
    """The body of the block that starts with `opening` (up to its matching brace)."""
    start = text.index(opening) + len(opening)
    depth, end = 1, start
    while depth:
        depth += {"{": 1, "}": -1}.get(text[end], 0)
        end += 1
    return text[start : end - 1]


def test_nginx_never_serves_the_private_folder_and_hands_files_over_internally():
    # Finding 1: /media/ served every upload, those of internal documents included.
    text = NGINX.read_text()
    denied = _nginx_block(text, "location ^~ /media/private/ {")
    assert "deny all;" in denied and "return 404;" in denied
    internal = _nginx_block(text, "location ^~ /_protected/ {")
    assert "internal;" in internal
    media_alias = re.search(r"location /media/ \{\s*alias (\S+);", text).group(1)
    assert f"alias {media_alias};" in internal
    env = (ROOT / "deploy" / "dvsite.env.example").read_text()
    assert "DJANGO_PRIVATE_MEDIA_ACCEL_PREFIX=/_protected/" in env


def _nginx_blocks(text, opening):
    """The bodies of every block that starts with `opening`."""
    bodies = []
    for match in re.finditer(re.escape(opening), text):
        depth, end = 1, match.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(text[end], 0)
            end += 1
        bodies.append(text[match.end() : end - 1])
    return bodies


def test_nginx_caches_per_host_and_closes_unknown_hosts():
    """Finding 4: the micro-cache's key had no host, and any Host header reached the site."""
    text = re.sub(r"#[^\n]*", "", NGINX.read_text())
    servers = _nginx_blocks(text, "server {")
    caching = [
        body
        for server in servers
        for body in re.split(r"\blocation\b", server)
        if re.search(r"proxy_cache \w+;", body)
    ]
    assert caching, "no location uses the micro-cache"
    for body in caching:  # every location that caches keys by scheme, host and URI
        # Keyed by the reader's text size and contrast too (dvsite/reading_aids.py).
        assert 'proxy_cache_key "$scheme$host$request_uri$cookie_hien_thi";' in body
    defaults = [body for body in servers if "default_server" in body]
    ports = {port for body in defaults for port in re.findall(r"listen (?:\[::\]:)?(\d+)", body)}
    assert ports == {"80", "443"}
    for body in defaults:
        assert "server_name _;" in body and "return 444;" in body
        assert "proxy_pass" not in body
    assert any("ssl_reject_handshake on;" in body for body in defaults)


def test_nginx_limits_the_rate_of_login_search_and_exports():
    text = NGINX.read_text()
    zones = dict(
        re.findall(r"limit_req_zone \$binary_remote_addr zone=(\w+):\w+ rate=(\w+/\w);", text)
    )
    assert set(zones) == {"dvsite_login", "dvsite_search", "dvsite_export", "dvsite_voice"}
    for opening, zone in (
        ("location = /quan-tri/login/ {", "dvsite_login"),
        ("location ^~ /quan-tri/xac-thuc/ {", "dvsite_login"),
        ("location = /tim-kiem/ {", "dvsite_search"),
        ("location ~ ^/van-ban/tai-ve\\.(csv|xlsx)$ {", "dvsite_export"),
        ("location = /hoi-dap/gui/ {", "dvsite_voice"),
        ("location = /hoi-dap/tra-cuu/ {", "dvsite_voice"),
    ):
        block = _nginx_block(text, opening)
        assert f"limit_req zone={zone} " in block, opening
        assert re.search(r"client_max_body_size \d+k;", block), opening
        assert "proxy_pass http://dvsite_app;" in block, opening
    assert "limit_req_status 429;" in text
    # The proxy headers are inherited by every location (none sets its own but /healthz).
    server = _nginx_block(text, "server_name danvan.example.vn;\n\n")
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in server


def test_nginx_accepts_the_site_file():
    """`nginx -t` on the real file, with a throw-away certificate (nginx-light in CI)."""
    nginx = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    openssl = shutil.which("openssl")
    if not nginx or not openssl:
        pytest.skip("nginx or openssl is not installed (.ci/run installs nginx-light)")
    tmp = Path(os.environ.get("TMPDIR", "/tmp")) / f"dvsite-nginx-{os.getpid()}"
    tmp.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run(  # noqa: S603
            [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
             "-subj", "/CN=danvan.example.vn",
             "-keyout", str(tmp / "key.pem"), "-out", str(tmp / "cert.pem")],
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip
        site = NGINX.read_text()
        site = site.replace(
            "/etc/letsencrypt/live/danvan.example.vn/fullchain.pem", str(tmp / "cert.pem")
        )
        site = site.replace(
            "/etc/letsencrypt/live/danvan.example.vn/privkey.pem", str(tmp / "key.pem")
        )
        site = site.replace("/var/cache/nginx/dvsite", str(tmp / "cache"))
        (tmp / "site.conf").write_text(site)
        (tmp / "nginx.conf").write_text(
            f"pid {tmp / 'nginx.pid'};\nerror_log {tmp / 'error.log'};\n"
            "events {}\n"
            f"http {{\n include /etc/nginx/mime.types;\n access_log off;\n"
            f" client_body_temp_path {tmp / 'body'};\n proxy_temp_path {tmp / 'proxy'};\n"
            f" include {tmp / 'site.conf'};\n}}\n"
        )
        result = subprocess.run(  # noqa: S603
            [nginx, "-t", "-c", str(tmp / "nginx.conf"), "-p", str(tmp)],
            capture_output=True, text=True, check=False, timeout=60,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert "syntax is ok" in result.stderr
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# --- Settings for more than one machine --------------------------------------------------


def _settings(code, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_URL"))
    }
    clean.update(env, DJANGO_SETTINGS_MODULE="dvsite.settings")
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import django, json; django.setup()\n" + code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_one_machine_defaults_have_no_replica_no_s3_and_database_sessions():
    values = _settings(
        "from django.conf import settings as s\n"
        "print(json.dumps([list(s.DATABASES), s.DATABASE_ROUTERS, s.SESSION_ENGINE,"
        " s.STORAGES['default']['BACKEND']]))"
    )
    assert values == [
        ["default"],
        [],
        "django.contrib.sessions.backends.db",
        "django.core.files.storage.FileSystemStorage",
    ]


def test_redis_replica_and_s3_are_switched_on_by_the_environment():
    values = _settings(
        "from django.conf import settings as s\n"
        "from django.core.files.storage import storages\nd = storages['default']\n"
        "print(json.dumps([s.DATABASES['replica']['HOST'], s.DATABASE_ROUTERS,"
        " s.MIDDLEWARE[0], s.SESSION_ENGINE, type(d).__name__, d.bucket_name,"
        " d.url('van-ban/quyet-dinh.pdf'), s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']]))",
        DATABASE_URL="postgres://dvsite@10.0.0.1:5432/dvsite",
        DATABASE_REPLICA_URL="postgres://dvsite@10.0.0.2:5432/dvsite",
        REDIS_URL="redis://127.0.0.1:6379/1",
        DJANGO_S3_BUCKET="dvsite-media",
        DJANGO_S3_ENDPOINT_URL="https://s3.example.vn",
        DJANGO_S3_CUSTOM_DOMAIN="media.danvan.example.vn",
        DJANGO_CSP_EXTRA_SOURCES="https://media.danvan.example.vn",
    )
    host, routers, first_middleware, sessions, storage, bucket, url, img_src = values
    assert host == "10.0.0.2"
    assert routers == ["core.db_routers.ReplicaRouter"]
    assert first_middleware == "core.db_routers.PrimaryPinningMiddleware"
    assert sessions == "django.contrib.sessions.backends.cached_db"
    assert (storage, bucket) == ("MediaS3Storage", "dvsite-media")
    assert url == "https://media.danvan.example.vn/media/van-ban/quyet-dinh.pdf"
    assert img_src == ["'self'", "https://media.danvan.example.vn"]


def test_uploads_on_s3_are_stored_as_downloads_and_never_as_html_or_svg():
    assert object_parameters("van-ban/qd.PDF", {})["ContentDisposition"] == "attachment"
    assert "ContentDisposition" not in object_parameters("news/anh.jpg", {"CacheControl": "x"})
    svg = object_parameters("news/logo.svg", {})
    assert svg == {"ContentType": "application/octet-stream", "ContentDisposition": "attachment"}


def test_the_public_site_reads_from_the_replica_editors_and_writes_use_the_primary(settings):
    router = db_routers.ReplicaRouter()
    seen = {}

    def view(request):
        seen[request.method, request.path] = router.db_for_read(None)
        return None

    middleware = db_routers.PrimaryPinningMiddleware(view)
    factory = RequestFactory()
    middleware(factory.get("/tin-tuc/"))
    middleware(factory.post("/tin-tuc/"))
    middleware(factory.get(f"/{settings.ADMIN_URL}news/post/"))
    logged_in = factory.get("/su-kien/")
    logged_in.COOKIES[settings.SESSION_COOKIE_NAME] = "abc"
    middleware(logged_in)
    assert seen == {
        ("GET", "/tin-tuc/"): "replica",
        ("POST", "/tin-tuc/"): "default",
        ("GET", f"/{settings.ADMIN_URL}news/post/"): "default",
        ("GET", "/su-kien/"): "default",
    }
    # Outside a request (commands, shells) and for every write: the primary.
    assert router.db_for_read(None) == "default"
    assert router.db_for_write(None) == "default"
    assert router.allow_migrate("replica", "news") is False
