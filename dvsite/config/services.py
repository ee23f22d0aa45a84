"""What the site stores and talks to: databases, cache, files, background tasks, mail, logs."""

import hashlib
import tempfile
from pathlib import Path

from core.redis_urls import next_database
from dvsite.config.env import BASE_DIR, DEBUG, env

# Database: SQLite file in the project root unless DATABASE_URL says otherwise.
_conn_max_age = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES = {
    "default": env.database(
        "DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=_conn_max_age
    )
}
# SQLite keeps its connections too (CONN_MAX_AGE, one per thread): a new connection per request
# parsed the schema, ran the PRAGMAs, started with an empty page cache and checkpointed the WAL
# on close, ~10 ms of a post's 16 ms CPU in a gunicorn worker (README "Through gunicorn").
# SQLite reads the file through the OS's cache, mapped (mmap_size): through its own 2 MB page
# cache a search page re-read 20-30 MB with read() calls (the FTS index's long lists of common
# words), 10-15% of its CPU (README "Search").
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size=268435456;"
        ),
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Growing past one machine (docs/deploy.md) ---------------------------------------------
# A read replica for the public site: reads of anonymous GET requests go to it (the router and
# its middleware are switched on in dvsite/settings.py).
DATABASE_REPLICA_URL = env.str("DATABASE_REPLICA_URL", default="")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = env.database("DATABASE_REPLICA_URL", "", conn_max_age=_conn_max_age)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["core.db_routers.ReplicaRouter"]

# Cache: local memory by default, Redis when REDIS_URL is set; then sessions live in Redis with
# the database behind it, so any application server can serve any user.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "dvsite",
        },
        # Sessions in their own Redis database (REDIS_SESSIONS_URL, default: the next one), so
        # evicting or flushing pages never touches them; docs/deploy.md "Redis".
        "sessions": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env.str("REDIS_SESSIONS_URL", default="") or next_database(REDIS_URL),
            "KEY_PREFIX": "dvsite",
        },
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    SESSION_CACHE_ALIAS = "sessions"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "dvsite",
        }
    }

# With the local-memory cache, every process of the machine watches this file for invalidations.
PAGE_CACHE_STAMP_FILE = Path(
    env.str(
        "DJANGO_PAGE_CACHE_STAMP_FILE",
        default=str(
            Path(tempfile.gettempdir())
            / f"dvsite-page-cache-{hashlib.sha1(str(BASE_DIR).encode()).hexdigest()[:10]}"  # noqa: S324 (a name, not security)
        ),
    )
)

# Static files from a CDN: collectstatic still writes STATIC_ROOT, the CDN pulls from nginx.
STATIC_URL = env.str("DJANGO_STATIC_URL", default="/static/")
STATIC_ROOT = Path(env.str("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Uploads on S3-compatible object storage (django-storages), shared by every application server.
S3_BUCKET = env.str("DJANGO_S3_BUCKET", default="")
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "ops.storage.MediaS3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env.str("DJANGO_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("DJANGO_S3_REGION", default="") or None,
            "access_key": env.str("DJANGO_S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("DJANGO_S3_SECRET_ACCESS_KEY", default="") or None,
            "custom_domain": env.str("DJANGO_S3_CUSTOM_DOMAIN", default="") or None,
            "location": env.str("DJANGO_S3_LOCATION", default="media"),
            "default_acl": None,
            # Each object says who may read it (public-read, or private for private files);
            # 0 for a bucket with ACLs off, whose policy decides (ops/storage.py).
            "object_acl": env.bool("DJANGO_S3_OBJECT_ACL", default=True),
            "querystring_auth": False,
            # Signed URLs (private files only, ops/storage.py) in Signature Version 4: they
            # say how long they live (X-Amz-Expires), and every region accepts them.
            "signature_version": "s3v4",
            "file_overwrite": False,
            # The same rules nginx applies to local media (see deploy/nginx/dvsite.conf).
            "object_parameters": {"CacheControl": "public, max-age=86400"},
        },
    }

# Files of items the public may not see live under media/private/, which nginx refuses; the
# download views check visibility, then hand the file to nginx's internal location named here
# (deploy/nginx/dvsite.conf: /_protected/) or, when empty, stream it themselves.
PRIVATE_MEDIA_ACCEL_PREFIX = env.str("DJANGO_PRIVATE_MEDIA_ACCEL_PREFIX", default="")

# Uploads: refuse large request bodies before they reach a form.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
# A whole request body above this is answered 413 unread (nginx: client_max_body_size 25m).
REQUEST_BODY_MAX_BYTES = env.int("DJANGO_REQUEST_BODY_MAX_MB", default=25) * 1024 * 1024

# Background work (image renditions, PDF text) through Django's tasks API (the django-tasks
# backport): in production the database backend and `manage.py db_worker` (deploy/systemd/
# dvsite-worker.service); in development and tests the work runs at once, in the request.
TASKS = {
    "default": {
        "BACKEND": env.str(
            "DJANGO_TASKS_BACKEND",
            default="django_tasks.backends.immediate.ImmediateBackend"
            if DEBUG
            else "django_tasks_db.DatabaseBackend",
        )
    }
}
# Text extraction from an uploaded PDF runs in a child process with these limits.
PDF_EXTRACT_SECONDS = env.int("DJANGO_PDF_EXTRACT_SECONDS", default=10)
PDF_EXTRACT_MEMORY_MB = env.int("DJANGO_PDF_EXTRACT_MEMORY_MB", default=256)

EMAIL_BACKEND = env.str(
    "DJANGO_EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="no-reply@localhost")
# Seconds before a silent mail server gives up, so it cannot hold a request's thread.
EMAIL_TIMEOUT = env.int("DJANGO_EMAIL_TIMEOUT", default=10)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"line": {"format": "%(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="WARNING")},
    "loggers": {},
}

# The security log (core.audit.record writes one JSON line per event to `dvsite.security`):
# a file rotated at midnight keeping SECURITY_LOG_DAYS days (the level-2 rules ask >= 12 months),
# and/or syslog ("/dev/log", "host:514"). With neither, production writes the lines to standard
# error (the journal); development keeps them in the database only.
SECURITY_LOG_FILE = env.str("DJANGO_SECURITY_LOG_FILE", default="")
SECURITY_LOG_SYSLOG = env.str("DJANGO_SECURITY_LOG_SYSLOG", default="")
SECURITY_LOG_DAYS = max(env.int("DJANGO_SECURITY_LOG_DAYS", default=400), 366)


def _security_handlers():
    handlers = {}
    if SECURITY_LOG_FILE:
        handlers["security_file"] = {
            "class": "logging.handlers.TimedRotatingFileHandler",
            "filename": SECURITY_LOG_FILE,
            "when": "midnight",
            "backupCount": SECURITY_LOG_DAYS,
            "encoding": "utf-8",
            "delay": True,
            "formatter": "line",
        }
    if SECURITY_LOG_SYSLOG:
        host, _, port = SECURITY_LOG_SYSLOG.rpartition(":")
        address = [host, int(port)] if host and port.isdigit() else SECURITY_LOG_SYSLOG
        handlers["security_syslog"] = {
            "class": "logging.handlers.SysLogHandler",
            "address": address,
            "facility": "auth",
            "formatter": "line",
        }
    if not handlers and not DEBUG:
        handlers["security_console"] = {"class": "logging.StreamHandler", "formatter": "line"}
    return handlers


LOGGING["handlers"].update(_security_handlers())
LOGGING["loggers"]["dvsite.security"] = {
    "handlers": [name for name in LOGGING["handlers"] if name.startswith("security_")],
    "level": "INFO",
    "propagate": False,
}
