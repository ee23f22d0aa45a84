"""The cache a caching test runs over: the local-memory cache or Redis (skipped when down), and
the fixtures that switch page caching or fragment caching on over each (dvsite/tests/conftest.py)."""

import os
import socket

import pytest
from django.core.cache import cache

BACKENDS = ["locmem", "redis"]


def _redis_reachable():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


def _redis_database():
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    return 13 - int(worker) % 8 if worker.isdigit() else 13


def use_cache(backend, settings, tmp_path, key_prefix):
    """Switch the test to `backend`, with a page-cache stamp file private to the test."""
    settings.PAGE_CACHE_STAMP_FILE = tmp_path / "page-cache-stamp"
    if backend == "redis":
        if not _redis_reachable():
            pytest.skip("Redis is not reachable on 127.0.0.1:6379")
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                # One database per pytest-xdist worker: clearing the cache empties the database.
                "LOCATION": f"redis://127.0.0.1:6379/{_redis_database()}",
                "KEY_PREFIX": key_prefix,
            }
        }


def _caching(request, settings, tmp_path, page_seconds, fragment_seconds):
    use_cache(request.param, settings, tmp_path, f"dvsite-test-{request.module.__name__}")
    settings.PAGE_CACHE_SECONDS = page_seconds
    settings.FRAGMENT_CACHE_SECONDS = fragment_seconds
    cache.clear()
    yield request.param
    cache.clear()


@pytest.fixture(params=BACKENDS)
def page_caching(request, settings, tmp_path):
    """Page caching on, over the local-memory cache or Redis."""
    yield from _caching(request, settings, tmp_path, 300, settings.FRAGMENT_CACHE_SECONDS)


@pytest.fixture(params=BACKENDS)
def fragment_caching(request, settings, tmp_path):
    """Fragments cached, whole pages not: what a page costs after a publication."""
    yield from _caching(request, settings, tmp_path, 0, 300)


def get_page(client, url):
    """(HTML, "hit"/"miss") of a page an anonymous visitor asks for."""
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), response.get("X-Page-Cache")
