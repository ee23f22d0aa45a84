"""What CI can check of deploy/README.md, the runbook: systemd accepts the units, the backup
units keep archives private and their key apart, `check --deploy` passes with the runbook's
environment, and every command and file the runbook names exists."""

import configparser
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
RUNBOOK = DEPLOY / "README.md"
UNITS = sorted((DEPLOY / "systemd").glob("*.*"))


def _unit(name):
    unit = configparser.ConfigParser(strict=True, interpolation=None)
    unit.optionxform = str
    unit.read_string((DEPLOY / "systemd" / name).read_text())
    return unit


def test_systemd_analyze_verify_accepts_every_unit(tmp_path):
    """`systemd-analyze verify` (Debian's systemd) on copies whose /srv/dvsite/app is this
    checkout, so the programs they start exist; skipped where systemd is not installed."""
    analyze = shutil.which("systemd-analyze")
    if not analyze:
        pytest.skip("systemd-analyze is not installed (apt install systemd)")
    for path in UNITS:
        (tmp_path / path.name).write_text(path.read_text().replace("/srv/dvsite/app", str(ROOT)))
    result = subprocess.run(  # noqa: S603
        [analyze, "verify", "--man=no", *(str(tmp_path / path.name) for path in UNITS)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    # Unknown keys or sections are only warnings for systemd: refuse them too.
    complaints = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        if any(path.name in line for path in UNITS)
    ]
    assert result.returncode == 0 and complaints == [], result.stdout + result.stderr


def test_the_backup_units_keep_archives_private_and_the_key_apart():
    backup = _unit("dvsite-backup.service")
    service = backup["Service"]
    assert service["UMask"] == "0077"
    assert service["ExecStart"].endswith("manage.py backup_site")
    assert service["LoadCredential"] == "backup-key:/etc/dvsite/backup.key"
    assert service["Environment"] == "DJANGO_BACKUP_KEY_FILE=%d/backup-key"
    assert backup["Unit"]["OnSuccess"] == "dvsite-backup-verify.service"
    verify = _unit("dvsite-backup-verify.service")["Service"]
    assert verify["ExecStart"].endswith("manage.py backup_site --verify")
    assert verify["UMask"] == "0077" and verify["LoadCredential"] == service["LoadCredential"]
    assert "ReadWritePaths" not in verify  # it writes nothing of the site's
    assert _unit("dvsite-backup.timer")["Timer"]["Unit"] == "dvsite-backup.service"
    # The web server never gets the key.
    for name in ("dvsite.service", "dvsite-worker.service"):
        text = (DEPLOY / "systemd" / name).read_text()
        assert "backup.key" not in text and "BACKUP_KEY" not in text
    env = (DEPLOY / "dvsite.env.example").read_text()
    assert not re.search(r"^DJANGO_BACKUP_KEY", env, re.MULTILINE)


def _runbook_environment(**changes):
    """deploy/dvsite.env.example read as systemd reads an EnvironmentFile, with a real secret."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_", "DVSITE_"))
    }
    for line in (DEPLOY / "dvsite.env.example").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] == '"':
                value = value[1:-1]
            env[key.strip()] = value
    env.update(DJANGO_SECRET_KEY=secrets.token_urlsafe(64), **changes)
    return env


def test_check_deploy_passes_with_the_runbooks_environment(tmp_path):
    env = _runbook_environment(DJANGO_STATIC_ROOT=str(tmp_path / "static"))
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
    # The secret left as in the example is refused: the runbook says to replace it.
    env["DJANGO_SECRET_KEY"] = "change-me"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert result.returncode != 0


def test_the_env_example_reads_the_same_in_a_shell_and_in_systemd(tmp_path):
    """deploy/dvsite-manage sources the file with sh; systemd parses it: same values."""
    script = f"set -a; . {DEPLOY / 'dvsite.env.example'}; set +a; env -0"
    result = subprocess.run(  # noqa: S603
        ["/bin/sh", "-c", script], capture_output=True, check=True, timeout=30, env={}
    )
    shell = dict(item.split("=", 1) for item in result.stdout.decode().split("\0") if "=" in item)
    expected = _runbook_environment()
    for key in shell:
        if key in expected and key != "DJANGO_SECRET_KEY":
            assert shell[key] == expected[key], key
    assert shell["DVSITE_NAME"] == "Ban Tuyên giáo và Dân vận Tỉnh ủy Ninh Bình"


def test_the_manage_wrapper_is_valid_shell():
    subprocess.run(["/bin/sh", "-n", str(DEPLOY / "dvsite-manage")], check=True, timeout=30)  # noqa: S603
    assert os.access(DEPLOY / "dvsite-manage", os.X_OK)


def test_every_command_and_file_the_runbook_names_exists():
    text = RUNBOOK.read_text()
    commands = set(re.findall(r"(?:manage\.py|dvsite-manage) ([a-z_]+)", text))
    assert {"migrate", "backup_site", "restore_site", "createsuperuser"} <= commands
    known = set(get_commands())
    assert commands - known == set()
    for path in set(re.findall(r"\bdeploy/[\w./*-]+[\w*]", text)):
        assert list(ROOT.glob(path)), path  # "dvsite*.service" names at least one
    for heading in (
        "PostgreSQL", "Redis", "nginx", "gunicorn", "worker", "TLS", "Backups",
        "first administrator", "second factor", "Upgrades", "Restore",
    ):  # fmt: skip
        assert heading.lower() in text.lower(), heading


def test_the_bucket_policy_for_buckets_without_acls_denies_private_files_to_anonymous():
    policy = json.loads((DEPLOY / "s3" / "media-bucket-policy.json").read_text())
    allow, deny = policy["Statement"]
    assert allow["Effect"] == "Allow" and allow["Resource"].endswith("/media/*")
    assert deny["Effect"] == "Deny" and deny["Resource"].endswith("/media/private/*")
    assert deny["Condition"] == {"StringEquals": {"aws:PrincipalType": "Anonymous"}}


def _check_deploy(**changes):
    env = _runbook_environment(**changes)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip


def test_check_deploy_refuses_backups_inside_media_and_nginx_hand_over_with_s3(tmp_path):
    inside = _check_deploy(
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        DJANGO_BACKUP_URL=str(tmp_path / "media" / "sao-luu"),
    )
    assert inside.returncode != 0 and "ops.E001" in inside.stderr
    on_s3 = _check_deploy(
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        DJANGO_S3_BUCKET="dvsite-media",
        DJANGO_PRIVATE_MEDIA_ACCEL_PREFIX="/_protected/",
    )
    assert on_s3.returncode != 0 and "ops.W001" in on_s3.stderr


def test_the_manage_wrapper_runs_as_the_site_user_with_the_services_environment(tmp_path):
    """deploy/dvsite-manage as root: manage.py runs as another user (`nobody` here, `dvsite` on a
    server) with the env file's values and, for backup commands, the key file's key."""
    setpriv, nobody = shutil.which("setpriv"), shutil.which("id")
    if os.geteuid() != 0 or not setpriv or not nobody:
        pytest.skip("needs root and setpriv")
    readable = subprocess.run(  # noqa: S603
        [setpriv, "--reuid=nobody", "--regid=65534", "--clear-groups", "test", "-r",
         str(ROOT / "manage.py")],
        check=False, timeout=30,
    )  # fmt: skip
    if readable.returncode != 0:
        pytest.skip("this checkout is not readable by nobody")
    env_file = tmp_path / "dvsite.env"
    env_file.write_text(
        (DEPLOY / "dvsite.env.example").read_text().replace("DJANGO_SECRET_KEY=change-me", "")
        + f"\nDJANGO_SECRET_KEY={secrets.token_urlsafe(64)}\n"
    )
    key_file = tmp_path / "backup.key"
    key_file.write_text("a2V5LWZvci10aGUtd3JhcHBlci10ZXN0LTMyLWJ5dGU=\n")
    code = "import os; print(os.getuid(), os.environ['DVSITE_NAME'], os.environ.get('DJANGO_BACKUP_KEY'))"
    result = subprocess.run(  # noqa: S603
        [str(DEPLOY / "dvsite-manage"), "shell", "--no-imports", "-c", code],
        env={
            "PATH": os.environ["PATH"],
            "DVSITE_APP": str(ROOT),
            "DVSITE_ENV_FILE": str(env_file),
            "DVSITE_BACKUP_KEY_FILE": str(key_file),
            "DVSITE_USER": "nobody",
        },
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout.strip().splitlines()[-1]
        == "65534 Ban Tuyên giáo và Dân vận Tỉnh ủy Ninh Bình None"
    )
