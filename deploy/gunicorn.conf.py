"""gunicorn settings for dvsite (`gunicorn -c deploy/gunicorn.conf.py dvsite.wsgi:application`).

Every value can be overridden from the environment (see deploy/dvsite.env.example).
"""

import gc
import multiprocessing
import os
import tempfile

wsgi_app = "dvsite.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# One worker per core, two threads each: one request computes while the other waits on the
# database. Measured with `make loadtest` (SQLite, 50 readers, an editor publishing every second,
# 2 cores, 2026-12-01): 2 workers x 2 threads answered 380 req/s with p95 198 ms; 2 x 4 323-332
# req/s, p95 361-377 ms; 2 x 8 270 req/s, p95 454 ms; 2 x 16 280 req/s, p95 496 ms; 4 x 4 338
# req/s, p95 347 ms (in 40% more memory). More threads per process only queue behind the GIL:
# a page is CPU work, and nginx buffers slow clients.
workers = int(os.environ.get("GUNICORN_WORKERS", max(2, multiprocessing.cpu_count())))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "2"))

# Load the app once in the master, then fork the workers from it: they start in milliseconds and
# share the loaded code's memory pages. A code update then needs `systemctl restart dvsite`
# (a HUP re-forks workers from the old code). GUNICORN_PRELOAD=0 loads the app in every worker.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") == "1"


# /metrics sums every worker (dvsite/metrics.py): each process writes its counters to files in
# this folder, a fresh one per start unless the environment names one.
if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="dvsite-metrics-")


def child_exit(server, worker):
    """A worker that ended (recycled, killed) leaves its counters summed, its live gauges not."""
    from prometheus_client import multiprocess  # noqa: PLC0415 (only when gunicorn runs)

    multiprocess.mark_process_dead(worker.pid)


def when_ready(server):
    """After preloading, before the first fork: move every object the app made at start-up into
    the collector's permanent generation, so collections in the workers never touch (and so
    never copy) the pages they share with the master."""
    if preload_app:
        gc.collect()
        gc.freeze()


def pre_fork(server, worker):
    """No database connection crosses a fork: connections are kept (CONN_MAX_AGE, SQLite too),
    and a worker reusing one its master opened would share its SQLite handle or PostgreSQL
    socket with the master and its siblings. Loading the app opens none; this keeps it so."""
    if preload_app:
        from django.db import connections  # noqa: PLC0415 (only when gunicorn runs)

        connections.close_all()


# Recycle workers now and then so a slow leak never takes a server down; jitter avoids all
# workers restarting at the same moment. Not too often: a new worker starts with an empty
# local-memory cache (at 2,000 requests each worker restarted every 18 s of the load test, and
# throughput fell from 270 to 208 req/s).
max_requests = 20000
max_requests_jitter = 2000
timeout = 30
graceful_timeout = 30
# Keep-alive connections from nginx (its upstream keeps them 4 s, `keepalive_timeout` in
# deploy/nginx/dvsite.conf) must outlive nginx's own idea of them: when gunicorn closed an idle
# connection first, nginx could send the next request on it and get "Connection reset by peer"
# (a 502; seen once in 9,000 requests of the load test behind nginx).
keepalive = 5

# nginx on the same machine sets X-Forwarded-For / X-Forwarded-Proto; trust only it.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")

# Refuse absurd request lines and headers before Django sees them.
limit_request_line = 8190
limit_request_fields = 100

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "dvsite"
