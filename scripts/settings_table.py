"""List every environment variable the settings read, with its default in development and in
production, from what dvsite/config/env.py's `env` recorded (not from README.md).

    .venv/bin/python scripts/settings_table.py          # a Markdown table
    .venv/bin/python scripts/settings_table.py --json   # {name: {"development": …, "production": …}}

The settings are imported twice in fresh processes, with none of the project's variables set
(development) and with production switched on together with every optional part (a replica,
Redis, S3), so the variables read only on those paths are listed too. dvsite/tests/
test_settings_env.py checks these names against README.md's "Configuration" table.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OURS = ("DJANGO_", "DVSITE_", "DATABASE_URL", "DATABASE_REPLICA_URL", "REDIS_URL")

ENVIRONMENTS = {
    "development": {},
    "production": {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "x" * 64,
        "DJANGO_TRUSTED_PROXY_COUNT": "1",
        "DATABASE_URL": "postgres://dvsite@127.0.0.1:5432/dvsite",
        "DATABASE_REPLICA_URL": "postgres://dvsite@127.0.0.1:5433/dvsite",
        "REDIS_URL": "redis://127.0.0.1:6379/1",
        "DJANGO_S3_BUCKET": "dvsite-media",
    },
}

# Runs in the child: import the settings, print what `env` read and the defaults it was given.
CHILD = """
import json
from dvsite.settings import env

def shown(value):
    if value is env.NOTSET:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, list):
        return ",".join(value)
    return str(value)

print(json.dumps({name: shown(default) for name, default in env.read.items()}))
"""


def read(environment):
    """{name: default shown as text, None when there is none} of one import of the settings."""
    clean = {key: value for key, value in os.environ.items() if not key.startswith(OURS)}
    clean.update(environment, DJANGO_SETTINGS_MODULE="dvsite.settings")
    result = subprocess.run(  # noqa: S603 (this interpreter, our own code)
        [sys.executable, "-c", CHILD],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def variables():
    """{name: {environment: default}} in the order the settings read them."""
    table = {}
    for label, environment in ENVIRONMENTS.items():
        for name, default in read(environment).items():
            table.setdefault(name, {})[label] = default
    return table


def cell(row, label):
    if label not in row:
        return "not read"
    return "unset" if row[label] is None else f"`{row[label]}`" if row[label] else "empty"


def main(argv):
    table = variables()
    if "--json" in argv:
        print(json.dumps(table, ensure_ascii=False, indent=1))
        return
    print("| variable | default in development | default in production (everything on) |")
    print("|---|---|---|")
    for name, row in table.items():
        print(f"| `{name}` | {cell(row, 'development')} | {cell(row, 'production')} |")


if __name__ == "__main__":
    main(sys.argv[1:])
