"""`/metrics` for Prometheus (prometheus_client): requests and latency per view, the page cache's
hits and misses, the task queue's length and failures.

Only addresses in `METRICS_ALLOWED_IPS` (default: the loopback) are answered; anyone else gets a
plain 404, as if nothing were there, and no answer is ever cached. Under gunicorn every worker
counts for itself; with `PROMETHEUS_MULTIPROC_DIR` set (deploy/gunicorn.conf.py sets it) the
answer sums all workers. The middleware adds two counter increments and one histogram
observation per request (measured in dvsite/tests/test_metrics.py: a few microseconds).

The page cache's hit ratio, in PromQL:
`sum(rate(dvsite_page_cache_requests_total{result="hit"}[5m]))
 / sum(rate(dvsite_page_cache_requests_total[5m]))`.
"""

import ipaddress
import os
import time

from django.conf import settings
from django.db.models import Count
from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponseNotFound
from django.utils.cache import add_never_cache_headers
from django_tasks_db.models import DBTaskResult
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

from core.client import client_ip

REQUESTS = Counter(
    "dvsite_http_requests_total",
    "Requests answered, by view, method and status class.",
    ["view", "method", "status"],
)
LATENCY = Histogram(
    "dvsite_http_request_duration_seconds",
    "Time from the first middleware to the response, by view.",
    ["view"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
PAGE_CACHE = Counter(
    "dvsite_page_cache_requests_total",
    "Anonymous pages looked up in the page cache, by result (hit, miss).",
    ["result"],
)

# Decided once, as prometheus_client decides how its values are stored when it is imported.
MULTIPROCESS = bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def view_label(request, response):
    """The URL pattern's name: bounded, unlike paths. A page served from the page cache never
    reached the URL resolver."""
    if response.get("X-Page-Cache") == "hit":
        return "page_cache"
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return match.view_name or match._func_path
    if request.path_info.startswith(settings.STATIC_URL):
        return "static"
    return "unresolved"


class MetricsMiddleware:
    """First in MIDDLEWARE, so the latency is the whole stack's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        elapsed = time.perf_counter() - started
        view = view_label(request, response)
        method = request.method if request.method in METHODS else "other"
        REQUESTS.labels(view, method, f"{response.status_code // 100}xx").inc()
        LATENCY.labels(view).observe(elapsed)
        cached = response.get("X-Page-Cache")
        if cached in ("hit", "miss"):
            PAGE_CACHE.labels(cached).inc()
        return response


class TaskQueueCollector:
    """The database task queue at scrape time: tasks waiting and tasks that failed (kept in
    the table until pruned), one grouped query."""

    def collect(self):
        counts = dict(DBTaskResult.objects.values_list("status").annotate(n=Count("id")).order_by())
        queued = GaugeMetricFamily(
            "dvsite_tasks_queued", "Background tasks waiting for the worker (due or deferred)."
        )
        queued.add_metric([], counts.get("READY", 0))
        yield queued
        failed = CounterMetricFamily(
            "dvsite_tasks_failed", "Background tasks that ended in an error (kept in the table)."
        )
        failed.add_metric([], counts.get("FAILED", 0))
        yield failed


def is_allowed(address):
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return False
    for allowed in settings.METRICS_ALLOWED_IPS:
        try:
            if ip in ipaddress.ip_network(allowed, strict=False):
                return True
        except ValueError:
            continue
    return False


def _exposition():
    if MULTIPROCESS:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    tasks = CollectorRegistry()
    tasks.register(TaskQueueCollector())
    return generate_latest(registry) + generate_latest(tasks)


def metrics(request):
    """The metrics, for the allowed addresses; a bare 404 for anyone else (whatever the method,
    so nothing tells them it exists). Never cached."""
    if not is_allowed(client_ip(request)):
        response = HttpResponseNotFound("Không tìm thấy.", content_type="text/plain; charset=utf-8")
    elif request.method not in ("GET", "HEAD"):
        response = HttpResponseNotAllowed(["GET", "HEAD"])
    else:
        response = HttpResponse(_exposition(), content_type=CONTENT_TYPE_LATEST)
    add_never_cache_headers(response)
    return response
