import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

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


def _values(*names, **env):
    """The named settings (repr-able ones as JSON) of a fresh process with this environment."""
    import json

    code = (
        "import json; from django.conf import settings;"
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}, default=str))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(OURS)}
    clean.update(env, DJANGO_SETTINGS_MODULE="dvsite.settings")
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


OURS = ("DJANGO_", "DVSITE_", "DATABASE_URL", "DATABASE_REPLICA_URL", "REDIS_URL")


def _reader(**environ):
    """The settings' reader over this environment instead of the process's."""
    from dvsite.config.env import Env

    reader = Env()
    reader.ENVIRON = environ
    return reader


@pytest.mark.parametrize("value", ["1", "true", "True", " YES ", "on", "On"])
def test_a_boolean_is_true_for_1_true_yes_on_in_any_case(value):
    assert _reader(X=value).bool("X", default=False) is True


@pytest.mark.parametrize("value", ["0", "", "false", "off", "no", "ok", "y", "2", "-1", "enabled"])
def test_a_boolean_is_false_for_anything_else_as_it_always_was(value):
    # django-environ alone would take "ok", "y" and any non-zero number for true.
    assert _reader(X=value).bool("X", default=True) is False


def test_an_unset_boolean_or_list_is_its_default():
    reader = _reader()
    assert reader.bool("X", default=True) is True
    assert reader.list("Y", default=["a"]) == ["a"]


def test_a_list_is_comma_separated_with_items_stripped_and_empty_ones_dropped():
    reader = _reader(HOSTS=" a.vn, b.vn ,,", EMPTY="")
    assert reader.list("HOSTS", default=[]) == ["a.vn", "b.vn"]
    assert reader.list("EMPTY", default=["x"]) == []


def test_a_value_starting_with_a_dollar_is_that_value_not_another_variable():
    reader = _reader(DJANGO_SECRET_KEY="$x9", x9="other")
    assert reader.str("DJANGO_SECRET_KEY", default="") == "$x9"


def test_an_empty_database_url_means_the_sqlite_default():
    config = _reader(DATABASE_URL="").database("DATABASE_URL", "sqlite:////tmp/d.db", 60)
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == "/tmp/d.db"


def test_a_database_url_keeps_its_options_and_the_connection_settings():
    url = "postgres://u:p%40ss@db1:5433/dvsite?sslmode=require"
    config = _reader(DATABASE_URL=url).database("DATABASE_URL", "", conn_max_age=5)
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["USER"], config["PASSWORD"], config["HOST"], config["PORT"]) == (
        "u",
        "p@ss",
        "db1",
        5433,
    )
    assert config["NAME"] == "dvsite"
    assert config["OPTIONS"] == {"sslmode": "require"}
    assert config["CONN_MAX_AGE"] == 5
    assert config["CONN_HEALTH_CHECKS"] is True


def test_production_refuses_an_empty_secret_key_too():
    result = _settings(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_typed_values_are_read_from_the_environment():
    values = _values(
        "ALLOWED_HOSTS",
        "PAGE_CACHE_SECONDS",
        "AXES_COOLOFF_TIME",
        "STAFF_SECOND_FACTOR_REQUIRED",
        "TRUSTED_PROXY_COUNT",
        "TRUSTED_PROXY_COUNT_SET",
        "REQUEST_BODY_MAX_BYTES",
        "ADMIN_URL",
        "SITE_INFO",
        DJANGO_ALLOWED_HOSTS="a.vn, b.vn",
        DJANGO_PAGE_CACHE_SECONDS="0",
        DJANGO_AXES_COOLOFF_MINUTES="30",
        DJANGO_STAFF_2FA_REQUIRED="yes",
        DJANGO_TRUSTED_PROXY_COUNT="",
        DJANGO_REQUEST_BODY_MAX_MB="2",
        DJANGO_ADMIN_URL="/noi-bo",
        DVSITE_BASE_URL="https://danvan.example.vn/",
    )
    assert values["ALLOWED_HOSTS"] == ["a.vn", "b.vn"]
    assert values["PAGE_CACHE_SECONDS"] == 0
    assert values["AXES_COOLOFF_TIME"] == "0:30:00"
    assert values["STAFF_SECOND_FACTOR_REQUIRED"] is True
    # Set but empty: said explicitly, and 0.
    assert (values["TRUSTED_PROXY_COUNT"], values["TRUSTED_PROXY_COUNT_SET"]) == (0, True)
    assert values["REQUEST_BODY_MAX_BYTES"] == 2 * 1024 * 1024
    assert values["ADMIN_URL"] == "noi-bo/"
    assert values["SITE_INFO"]["base_url"] == "https://danvan.example.vn"


def test_production_defaults_differ_from_development_where_they_should():
    dev = _values(
        "ALLOWED_HOSTS", "STAFF_SECOND_FACTOR_REQUIRED", "TASKS", "TRUSTED_PROXY_COUNT_SET"
    )
    assert dev["ALLOWED_HOSTS"] == ["localhost", "127.0.0.1", "[::1]"]
    assert dev["STAFF_SECOND_FACTOR_REQUIRED"] is False
    assert dev["TASKS"]["default"]["BACKEND"].endswith("ImmediateBackend")
    assert dev["TRUSTED_PROXY_COUNT_SET"] is False
    prod = _values(
        "ALLOWED_HOSTS",
        "STAFF_SECOND_FACTOR_REQUIRED",
        "TASKS",
        "SECURE_HSTS_SECONDS",
        "SECURE_SSL_REDIRECT",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="k" * 64,
    )
    assert prod["ALLOWED_HOSTS"] == []
    assert prod["STAFF_SECOND_FACTOR_REQUIRED"] is True
    assert prod["TASKS"]["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert (prod["SECURE_HSTS_SECONDS"], prod["SECURE_SSL_REDIRECT"]) == (31536000, True)


def test_a_replica_adds_its_router_and_pins_requests_first():
    values = _values(
        "DATABASES",
        "DATABASE_ROUTERS",
        "MIDDLEWARE",
        DATABASE_URL="postgres://u@db1/x",
        DATABASE_REPLICA_URL="postgres://u@db2/x",
        DJANGO_CONN_MAX_AGE="7",
    )
    assert values["DATABASES"]["replica"]["HOST"] == "db2"
    assert values["DATABASES"]["replica"]["CONN_MAX_AGE"] == 7
    assert values["DATABASES"]["replica"]["TEST"] == {"MIRROR": "default"}
    assert values["DATABASE_ROUTERS"] == ["core.db_routers.ReplicaRouter"]
    assert values["MIDDLEWARE"][0] == "core.db_routers.PrimaryPinningMiddleware"


def test_the_import_limit_has_the_django_prefix_and_still_reads_its_former_name():
    assert _values("IMPORT_MAX_FILE_BYTES")["IMPORT_MAX_FILE_BYTES"] == 5 * 1024 * 1024
    old = _values("IMPORT_MAX_FILE_BYTES", DVSITE_IMPORT_MAX_FILE_BYTES="100")
    assert old["IMPORT_MAX_FILE_BYTES"] == 100
    both = _values(
        "IMPORT_MAX_FILE_BYTES",
        DJANGO_IMPORT_MAX_FILE_BYTES="200",
        DVSITE_IMPORT_MAX_FILE_BYTES="1",
    )
    assert both["IMPORT_MAX_FILE_BYTES"] == 200


# --- README.md's "Configuration" table against what the settings read -------------------------

NAME = re.compile(r"`([A-Z][A-Z0-9_]*)`")
VARIABLE = re.compile(r"^((?:DJANGO|DVSITE)_[A-Z0-9_]+|[A-Z_]+_URL)$")


def _readme_table_names():
    """The backticked names in the first column of README.md's "Configuration" table."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    assert rows, "README.md's Configuration table has no rows"
    return {name for row in rows for name in NAME.findall(row.split(" | ")[0])}


def _names_read_by_the_settings():
    """Every name `env` recorded, in development and in production with every part switched on
    (scripts/settings_table.py does the imports)."""
    import json

    result = subprocess.run(
        [sys.executable, "scripts/settings_table.py", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout))


def _names_in_the_settings_source():
    """Variable names written as whole string literals in the settings' modules, read or not on
    the paths the two imports take."""
    import ast

    modules = [ROOT / "dvsite" / "settings.py", *(ROOT / "dvsite" / "config").glob("*.py")]
    names = set()
    for module in modules:
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                names.update(VARIABLE.findall(node.value))
    return names


def test_every_variable_the_settings_read_is_in_the_readme_table():
    read = _names_read_by_the_settings() | _names_in_the_settings_source()
    missing = read - _readme_table_names()
    assert not missing, f"read by the settings, not in README.md's table: {sorted(missing)}"


def test_every_variable_in_the_readme_table_is_read_by_the_settings():
    unread = _readme_table_names() - _names_read_by_the_settings()
    assert not unread, f"in README.md's table, read by nothing: {sorted(unread)}"


def test_the_readme_check_sees_the_variables_only_read_on_some_paths():
    read = _names_read_by_the_settings()
    assert {"DJANGO_HSTS_SECONDS", "DJANGO_S3_LOCATION", "DATABASE_REPLICA_URL"} <= read
    assert {"DVSITE_NAME", "DJANGO_POST_BODY_MAX_CHARS", "DATABASE_URL"} <= read


def test_every_variable_follows_the_prefix_rule():
    services = {"DATABASE_URL", "DATABASE_REPLICA_URL", "REDIS_URL", "REDIS_SESSIONS_URL"}
    site_info = {n for n in _names_read_by_the_settings() if n.startswith("DVSITE_")}
    # The one exception: the former name of DJANGO_IMPORT_MAX_FILE_BYTES, still read.
    assert site_info - {"DVSITE_IMPORT_MAX_FILE_BYTES"} == {
        f"DVSITE_{key.upper()}" for key in _values("SITE_INFO")["SITE_INFO"]
    }
    others = _names_read_by_the_settings() - services - site_info
    assert all(name.startswith("DJANGO_") for name in others), sorted(others)
