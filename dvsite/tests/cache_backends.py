"""The cache a caching test runs over: the local-memory cache or Redis (skipped when down)."""

import socket

import pytest

BACKENDS = ["locmem", "redis"]


def _redis_reachable():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


def use_cache(backend, settings, tmp_path, key_prefix):
    """Switch the test to `backend`, with a page-cache stamp file private to the test."""
    settings.PAGE_CACHE_STAMP_FILE = tmp_path / "page-cache-stamp"
    if backend == "redis":
        if not _redis_reachable():
            pytest.skip("Redis is not reachable on 127.0.0.1:6379")
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": "redis://127.0.0.1:6379/13",
                "KEY_PREFIX": key_prefix,
            }
        }
