"""Finding 3: with Redis, sessions shared the page cache, so evicting or flushing pages dropped
them too. They have their own cache alias, a Redis database of their own."""

import pytest

from core.redis_urls import next_database
from dvsite.tests.test_deploy_files import _settings

CODE = (
    "from django.conf import settings as s\n"
    "print(json.dumps([s.SESSION_ENGINE, s.SESSION_CACHE_ALIAS, s.CACHES['default']['LOCATION'],"
    " s.CACHES['sessions']['LOCATION'], s.CACHES['sessions']['BACKEND']]))"
)


def test_with_redis_sessions_use_their_own_alias_on_the_next_database():
    engine, alias, pages, sessions, backend = _settings(
        CODE, REDIS_URL="redis://cache.lan:6379/1", REDIS_SESSIONS_URL=""
    )
    assert engine == "django.contrib.sessions.backends.cached_db"
    assert alias == "sessions"
    assert (pages, sessions) == ("redis://cache.lan:6379/1", "redis://cache.lan:6379/2")
    assert backend.endswith("RedisCache")


def test_the_sessions_redis_can_be_named():
    *_, sessions, _ = _settings(
        CODE, REDIS_URL="redis://cache.lan:6379/1", REDIS_SESSIONS_URL="redis://sessions.lan:6380/0"
    )
    assert sessions == "redis://sessions.lan:6380/0"


def test_without_redis_sessions_stay_in_the_database():
    values = _settings(
        "from django.conf import settings as s\n"
        "print(json.dumps([s.SESSION_ENGINE, list(s.CACHES)]))"
    )
    assert values == ["django.contrib.sessions.backends.db", ["default"]]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("redis://h:6379/1", "redis://h:6379/2"),
        ("redis://h:6379", "redis://h:6379/1"),
        ("rediss://:secret@h:6380/0", "rediss://:secret@h:6380/1"),
        ("unix:///run/redis.sock?db=3", "unix:///run/redis.sock?db=4"),
    ],
)
def test_the_next_database(url, expected):
    assert next_database(url) == expected
