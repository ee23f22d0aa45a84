"""The one reader of the environment for the settings (django-environ), and DEBUG.

Every variable the settings read goes through `env`, which records its name and default in
`env.read`: dvsite/tests/test_settings_env.py checks those names against README.md's
"Configuration" table, and `scripts/settings_table.py` lists them.

django-environ's own parsing is kept where it is the project's (int, str, DATABASE_URL) and
replaced where it differs from what dvsite always accepted:

- a boolean is true for "1", "true", "yes" or "on" (any case, spaces around ignored) and false
  for anything else, "" included (django-environ also takes "ok", "y" and any non-zero number);
- a list is comma-separated, each item stripped, empty items dropped ("a, b," is ["a", "b"]);
- a value starting with "$" is that value (django-environ reads "$NAME" as "the value of NAME";
  a secret key made by Django's get_random_secret_key() may start with "$").
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

TRUE_STRINGS = frozenset({"1", "true", "yes", "on"})


def parse_bool(value):
    return str(value).strip().lower() in TRUE_STRINGS


def parse_list(value):
    return [item.strip() for item in str(value).split(",") if item.strip()]


class Env(environ.Env):
    """django-environ's reader, recording every name read (with its default) in `read`."""

    def __init__(self):
        super().__init__()
        self.read = {}

    def get_value(self, var, cast=None, default=environ.Env.NOTSET, parse_default=False):
        self.read.setdefault(var, default)
        value = self.ENVIRON.get(var)
        if isinstance(value, str) and value.startswith("$"):
            return self.parse_value(value, cast)
        return super().get_value(var, cast=cast, default=default, parse_default=parse_default)

    def __contains__(self, var):
        self.read.setdefault(var, self.NOTSET)
        return super().__contains__(var)

    def bool(self, var, default=environ.Env.NOTSET):
        return self.get_value(var, cast=parse_bool, default=default)

    def list(self, var, default=environ.Env.NOTSET):
        return self.get_value(var, cast=parse_list, default=default)

    def database(self, var, default, conn_max_age):
        """A DATABASES entry from the URL in `var` (`default` while it is unset or empty)."""
        self.read.setdefault(var, default)
        config = self.db_url_config(self.str(var, default="") or default)
        config["CONN_MAX_AGE"] = conn_max_age
        config["CONN_HEALTH_CHECKS"] = True
        config["DISABLE_SERVER_SIDE_CURSORS"] = False
        return config


env = Env()

# Development unless told otherwise: every default below is safe on a developer's machine.
DEBUG = env.bool("DJANGO_DEBUG", default=True)
