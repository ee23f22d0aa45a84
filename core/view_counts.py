"""Counting readers honestly, and never writing to the database while answering a reader.

A visitor is a hashed (address, user agent) pair (`is_new_view`); the key lives in the cache for
`VIEW_COUNT_WINDOW_SECONDS` (an hour), so reloading, or 7,000 GETs from one script, count once.
A detail view calls `count_view_on_hit(request, obj)`; the site's page cache remembers that with
the cached page; the page itself and each hit then go through `count_view` — one rule.

A counted view is only added to a *tally* in the cache: with Redis one hash every process and
machine adds to (`HINCRBY`, atomic); with the local-memory cache this process's own counts (that
cache is per process too). Every `VIEW_COUNT_FLUSH_SECONDS` the tally is taken whole and written
in one batch (one UPDATE per item and one UPSERT of the posts' daily rows):
- shared tally and a task backend that can defer (production: Redis and django-tasks-db): the
  first view of a window enqueues `flush_view_counts` to run after the window (`run_after`; a
  cache marker makes it one task per window for the whole site), and `manage.py db_worker` runs it;
- otherwise a timer thread of this process flushes after the window, off the request path;
- 0 seconds (tests) writes at once.
What a dead process can lose is at most one window: a gunicorn worker killed with Redis loses
nothing (the counts are in Redis), with local memory its counts since its last flush; a worker
that dies while flushing loses the batch it took. A flush that fails gives its counts back.
"""

import atexit
import datetime
import hashlib
import logging
import os
import threading
import uuid

from django.apps import apps
from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from django.db.models import F
from django.utils import timezone
from django_tasks import default_task_backend, task

from core.client import client_ip, is_robot

logger = logging.getLogger(__name__)

DEFAULT_WINDOW_SECONDS = 3600
DEFAULT_FLUSH_SECONDS = 60
TALLY_KEY = "views:tally"
SCHEDULED_KEY = "views:flush-scheduled"


def flush_seconds():
    return getattr(settings, "VIEW_COUNT_FLUSH_SECONDS", DEFAULT_FLUSH_SECONDS)


class LocalTally:
    """This process's counts, {(model label, pk): views}."""

    shared = False

    def __init__(self):
        self.lock = threading.Lock()
        self.counts = {}

    def add(self, label, pk, n=1):
        with self.lock:
            self.counts[(label, pk)] = self.counts.get((label, pk), 0) + n

    def take(self):
        with self.lock:
            counts, self.counts = self.counts, {}
        return counts

    def give_back(self, counts):
        for (label, pk), n in counts.items():
            self.add(label, pk, n)


class RedisTally:
    """One Redis hash, field "<label>|<pk>", shared by every process and machine."""

    shared = True

    def __init__(self, backend):
        self.backend = backend
        self.key = backend.make_key(TALLY_KEY)

    def client(self):
        return self.backend._cache.get_client(self.key, write=True)

    def add(self, label, pk, n=1):
        self.client().hincrby(self.key, f"{label}|{pk}", n)

    def take(self):
        """Everything counted so far; later views start a new hash (RENAME is atomic)."""
        client = self.client()
        taking = f"{self.key}:taking:{uuid.uuid4().hex}"
        if not client.exists(self.key):
            return {}
        try:
            client.rename(self.key, taking)
        except Exception:  # noqa: BLE001 (taken by another flush in between: nothing to do)
            return {}
        raw = client.hgetall(taking)
        client.delete(taking)
        counts = {}
        for field, n in raw.items():
            label, pk = field.decode().rsplit("|", 1)
            counts[(label, int(pk) if pk.isdigit() else pk)] = int(n)
        return counts

    def give_back(self, counts):
        client = self.client()
        for (label, pk), n in counts.items():
            client.hincrby(self.key, f"{label}|{pk}", n)


def write_counts(counts):
    """Add {(label, pk): views} to the database: per model, its own `record_views` when it
    keeps more (posts keep readers per day), else one UPDATE per item."""
    by_model = {}
    for (label, pk), count in counts.items():
        by_model.setdefault(label, {})[pk] = count
    for label, model_counts in by_model.items():
        model = apps.get_model(label)
        if hasattr(model, "record_views"):
            model.record_views(model_counts)
            continue
        for pk, count in model_counts.items():
            model._default_manager.filter(pk=pk).update(view_count=F("view_count") + count)


class ViewCounter:
    def __init__(self):
        self.local = LocalTally()
        self.lock = threading.Lock()
        self.timer = None
        self.timer_pid = None

    def tally(self):
        backend = caches["default"]
        return RedisTally(backend) if isinstance(backend, RedisCache) else self.local

    def add(self, label, pk):
        tally = self.tally()
        tally.add(label, pk)
        seconds = flush_seconds()
        if seconds <= 0:
            self.flush()
        elif tally.shared and default_task_backend.supports_defer:
            schedule_flush_task(seconds)
        else:
            self.start_timer(seconds)

    def flush(self):
        """Write everything counted so far; returns the number of views written."""
        tally = self.tally()
        counts = tally.take()
        if not counts:
            return 0
        try:
            write_counts(counts)
        except Exception:
            tally.give_back(counts)
            raise
        return sum(counts.values())

    def start_timer(self, seconds):
        with self.lock:
            alive = self.timer is not None and self.timer.is_alive()
            if alive and self.timer_pid == os.getpid():
                return
            self.timer = threading.Timer(seconds, self.flush_in_background)
            self.timer.daemon = True
            self.timer_pid = os.getpid()
            self.timer.start()

    def flush_in_background(self):
        try:
            self.flush()
        except Exception:
            logger.exception("Không ghi được lượt xem; giữ lại để ghi lần sau")
        finally:
            connection.close()  # this thread's own connection
            with self.lock:
                self.timer = None
            if self.local.counts:  # views counted while this flush ran
                self.start_timer(flush_seconds())

    def flush_at_exit(self):
        if self.local.counts:
            try:
                self.flush()
            except Exception:
                logger.exception("Không ghi được lượt xem khi dừng tiến trình")


view_counter = ViewCounter()
atexit.register(view_counter.flush_at_exit)


def schedule_flush_task(seconds):
    """One deferred flush per window for the whole site: the cache marker outlives the task's
    window, so a task lost before it was stored is tried again after three windows at most."""
    if not cache.add(SCHEDULED_KEY, 1, int(seconds * 3) + 1):
        return
    run_after = timezone.now() + datetime.timedelta(seconds=seconds)
    try:
        flush_view_counts.using(run_after=run_after).enqueue()
    except Exception:
        cache.delete(SCHEDULED_KEY)
        logger.exception("Không xếp được việc ghi lượt xem")


@task()
def flush_view_counts():
    """The batch: write the tally (run by the task worker, `run_after` the window)."""
    cache.delete(SCHEDULED_KEY)  # views from now on schedule the next batch
    return view_counter.flush()


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
