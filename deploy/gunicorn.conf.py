"""gunicorn settings for dvsite (`gunicorn -c deploy/gunicorn.conf.py dvsite.wsgi:application`).

Every value can be overridden from the environment (see deploy/dvsite.env.example).
"""

import gc
import multiprocessing
import os

wsgi_app = "dvsite.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# One worker per core, threads for the waits (a slow client, a database round-trip). Measured
# with `make loadtest` on 2 shared cores (README "Benchmark"): 2 workers of 8 threads answered
# 69-80 req/s with p95 1.3-1.5 s where 5 workers of 4 answered 41-57 req/s with p95 3-4 s, in
# 40% of the memory; more processes also split the local-memory page cache.
workers = int(os.environ.get("GUNICORN_WORKERS", max(2, multiprocessing.cpu_count())))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "8"))

# Load the app once in the master, then fork the workers from it: they start in milliseconds and
# share the loaded code's memory pages. A code update then needs `systemctl restart dvsite`
# (a HUP re-forks workers from the old code). GUNICORN_PRELOAD=0 loads the app in every worker.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") == "1"


def when_ready(server):
    """After preloading, before the first fork: move every object the app made at start-up into
    the collector's permanent generation, so collections in the workers never touch (and so
    never copy) the pages they share with the master."""
    if preload_app:
        gc.collect()
        gc.freeze()


# Recycle workers now and then so a slow leak never takes a server down; jitter avoids all
# workers restarting at the same moment.
max_requests = 2000
max_requests_jitter = 200
timeout = 30
graceful_timeout = 30
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
