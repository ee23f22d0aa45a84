"""gunicorn settings for dvsite (`gunicorn -c deploy/gunicorn.conf.py dvsite.wsgi:application`).

Every value can be overridden from the environment (see deploy/dvsite.env.example).
"""

import multiprocessing
import os

wsgi_app = "dvsite.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Threads keep memory low while a slow client or a database round-trip blocks one of them.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))

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
