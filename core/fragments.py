"""Data many pages show that does not depend on the page: cached once per content generation.

The sidebars ("Xem nhiều nhất") and the home page's lists are the same on every page until
content changes. `cached(name, compute)` keeps what `compute()` returns (plain values or model
instances, already fetched: never a lazy queryset) in the cache under the current *generation*,
so the first pages rendered after a publication share one computation instead of repeating it.

The generation comes from the site layer (`configure()`, called by dvsite at start-up with the
page cache's generation). A part names the kinds of content it shows (app labels: "news",
"events" …; default all): a save or delete of content of one of those kinds ends it, as do the
next scheduled publication of those kinds and midnight, so publishing a post does not recompute
the newest documents. A part that depends on no content (`kinds=()`: a ranking by readers) is
kept for the cache time only. Without a configured source, or while it says "off" (tests, unless
they switch it on), `cached` simply computes.
"""

from django.core.cache import cache

KEY_PREFIX = "fragments"
_generation = None


def configure(generation):
    """`generation(kinds)` -> (token, seconds it stays valid), or None when fragments are not
    cached; `kinds` None means every kind of content."""
    global _generation  # noqa: PLW0603 (one source per process, set once at start-up)
    _generation = generation


def cached(name, compute, kinds=None):
    """What `compute()` returns, computed at most once per generation of the `kinds` of content
    it shows (per process with the local-memory cache, once for all processes with Redis)."""
    current = _generation(kinds) if _generation else None
    if current is None:
        return compute()
    token, seconds = current
    key = f"{KEY_PREFIX}:{token}:{name}"
    entry = cache.get(key)
    if entry is None:
        entry = (compute(),)  # in a tuple, so None and [] are cached like any value
        if seconds > 0:
            cache.set(key, entry, seconds)
    return entry[0]
