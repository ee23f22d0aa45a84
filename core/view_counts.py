"""Counting readers honestly: one view per visitor per item per hour, robots not at all.

A visitor is a hashed (address, user agent) pair (`is_new_view`); the key lives in the cache
for `VIEW_COUNT_WINDOW_SECONDS` (an hour), so reloading, or 7,000 GETs from one script, count
once. A detail view calls `count_view_on_hit(request, obj)`; the site's page cache remembers
that with the cached page; the page itself and each hit then go through `count_view` — one rule —
before adding to an in-process counter written with one UPDATE per row at most every
`PAGE_CACHE_VIEW_FLUSH_SECONDS`.
"""

import atexit
import hashlib
import threading
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models import F

from core.client import client_ip, is_robot

DEFAULT_WINDOW_SECONDS = 3600


class ViewCounter:
    """Counts per (model label, pk) kept in memory and written in one UPDATE per row."""

    def __init__(self):
        self.lock = threading.Lock()
        self.pending = {}
        self.flushed_at = time.monotonic()

    def add(self, label, pk):
        with self.lock:
            self.pending[(label, pk)] = self.pending.get((label, pk), 0) + 1
            due = time.monotonic() - self.flushed_at >= getattr(
                settings, "PAGE_CACHE_VIEW_FLUSH_SECONDS", 1.0
            )
        if due:
            self.flush()

    def flush(self):
        with self.lock:
            pending, self.pending = self.pending, {}
            self.flushed_at = time.monotonic()
        by_model = {}
        for (label, pk), count in pending.items():
            by_model.setdefault(label, {})[pk] = count
        for label, counts in by_model.items():
            model = apps.get_model(label)
            if hasattr(model, "record_views"):  # e.g. posts keep readers per day too
                model.record_views(counts)
                continue
            for pk, count in counts.items():
                model._default_manager.filter(pk=pk).update(view_count=F("view_count") + count)


view_counter = ViewCounter()
atexit.register(lambda: view_counter.pending and view_counter.flush())


def is_new_view(request, label, pk):
    """True the first time in the window that this visitor opens this item; robots never."""
    if is_robot(request):
        return False
    visitor = "\x1f".join(
        (settings.SECRET_KEY, client_ip(request) or "", request.META.get("HTTP_USER_AGENT", ""))
    )
    digest = hashlib.sha256(f"{visitor}\x1f{label}\x1f{pk}".encode()).hexdigest()
    window = getattr(settings, "VIEW_COUNT_WINDOW_SECONDS", DEFAULT_WINDOW_SECONDS)
    # add() is atomic on every cache backend: of two simultaneous requests only one wins.
    return cache.add(f"views:{digest}", 1, window)


def count_view(request, label, pk):
    """One view of the item by this request's visitor, counted when `is_new_view` says so: the
    rule for a rendered page and for a cache hit of it alike."""
    if is_new_view(request, label, pk):
        view_counter.add(label, pk)


def count_view_on_hit(request, obj):
    """Ask the page cache to count a view of `obj` (a model with `view_count`) on every hit."""
    request.counted_view = (obj._meta.label, obj.pk)
