"""Counting readers: a view of a public item is counted on the page and on every cache hit.

A detail view calls `count_view_on_hit(request, obj)`; the site's page cache remembers that
with the cached page and, on each hit, adds to an in-process counter written with one UPDATE
per row at most every `PAGE_CACHE_VIEW_FLUSH_SECONDS`.
"""

import atexit
import threading
import time

from django.apps import apps
from django.conf import settings
from django.db.models import F


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
        for (label, pk), count in pending.items():
            model = apps.get_model(label)
            model._default_manager.filter(pk=pk).update(view_count=F("view_count") + count)


view_counter = ViewCounter()
atexit.register(lambda: view_counter.pending and view_counter.flush())


def count_view_on_hit(request, obj):
    """Ask the page cache to count a view of `obj` (a model with `view_count`) on every hit."""
    request.counted_view = (obj._meta.label, obj.pk)
