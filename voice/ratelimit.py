"""Rate limits of the public forms, in the cache (never the database): fixed windows.

`allow(scope, key, limit, seconds)` counts one attempt in the current window of `seconds` and
says whether it is within `limit`. The count is `cache.add` then `cache.incr`, atomic in Redis
and in the local-memory cache, so concurrent requests cannot all pass; keys hold a hash of the
address or contact, never the value itself.
"""

import hashlib
import time

from django.core.cache import cache

PREFIX = "voice:rl"


def _key(scope, key, seconds, now):
    digest = hashlib.sha256(str(key).encode()).hexdigest()[:24]
    window = int(now // seconds)
    return f"{PREFIX}:{scope}:{digest}:{window}"


def allow(scope, key, limit, seconds, now=None):
    """Count one attempt; True while this window has seen at most `limit` of them."""
    if limit <= 0:
        return True
    now = time.time() if now is None else now
    name = _key(scope, key, seconds, now)
    if cache.add(name, 1, timeout=seconds + 1):
        return True
    try:
        count = cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.add(name, 1, timeout=seconds + 1)
        return True
    return count <= limit


def remaining(scope, key, limit, seconds, now=None):
    """How many attempts are left in this window (without counting one)."""
    now = time.time() if now is None else now
    return max(limit - (cache.get(_key(scope, key, seconds, now)) or 0), 0)
