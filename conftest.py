"""Fixtures shared by every app's tests: users in the editorial groups, an isolated media folder."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache

from core import roles


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _user(django_user_model, username, group_name=None, **extra):
    user = django_user_model.objects.create_user(
        username=username, password="mật-khẩu-thử-nghiệm", email=f"{username}@example.org", **extra
    )
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db, django_user_model):
    """A Biên tập viên: writes drafts, submits them, cannot publish."""
    return _user(django_user_model, "bientap", roles.EDITORS, is_staff=True)


@pytest.fixture
def publisher(db, django_user_model):
    """A Duyệt tin member: may publish, schedule and unpublish."""
    return _user(django_user_model, "duyettin", roles.PUBLISHERS, is_staff=True)


@pytest.fixture
def superuser(db, django_user_model):
    return _user(django_user_model, "quantri", is_staff=True, is_superuser=True)


def pytest_configure(config):
    """Compile the admin's Vietnamese messages (locale/vi) when the .mo is missing or older than
    the .po, as `make messages` does, so a plain `pytest` tests what `make run` serves."""
    po = Path(__file__).parent / "locale" / "vi" / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    msgfmt = shutil.which("msgfmt")
    stale = po.exists() and (not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime)
    if msgfmt and stale:
        subprocess.run([msgfmt, "--check", "-o", str(mo), str(po)], check=True)  # noqa: S603
