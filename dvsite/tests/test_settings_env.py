import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _settings(**env):
    code = (
        "import json, django; from django.conf import settings; django.setup();"
        "print(json.dumps({'engine': settings.DATABASES['default']['ENGINE'],"
        " 'name': str(settings.DATABASES['default']['NAME']), 'debug': settings.DEBUG,"
        " 'cache': settings.CACHES['default']['BACKEND'], 'lang': settings.LANGUAGE_CODE,"
        " 'tz': settings.TIME_ZONE}))"
    )
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    clean.update(env, DJANGO_SETTINGS_MODULE="dvsite.settings")
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


def test_defaults_are_sqlite_in_the_project_root_vietnamese_and_debug():
    import json

    result = _settings()
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"] == str(ROOT / "db.sqlite3")
    assert values["debug"] is True
    assert values["lang"] == "vi"
    assert values["tz"] == "Asia/Ho_Chi_Minh"
    assert values["cache"].endswith("LocMemCache")


def test_database_and_redis_urls_are_read_from_the_environment():
    import json

    result = _settings(
        DATABASE_URL="postgres://u@127.0.0.1:5432/x", REDIS_URL="redis://127.0.0.1:6379/1"
    )
    values = json.loads(result.stdout)
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["cache"].endswith("RedisCache")


def test_production_refuses_to_start_without_a_secret_key():
    result = _settings(DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
