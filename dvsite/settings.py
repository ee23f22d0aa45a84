"""Settings: safe for development by default, production from environment variables."""

import hashlib
import os
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", default=True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105 (DEBUG only)

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "taggit",
    "django_filters",
    "django_prose_editor",
    "simple_history",
    "csp",
    "dvsite.axes_app.AxesConfig",  # django-axes, named in Vietnamese
    "django_otp",
    "dvsite.third_party_apps.OtpTotpConfig",  # django-otp's devices and django-tasks-db's
    "dvsite.third_party_apps.OtpStaticConfig",  # results, named in Vietnamese
    "django_tasks",
    "dvsite.third_party_apps.TasksDbConfig",
    "core",
    "news",
    "events",
    "docs_registry",
    "dvsite",
]

MIDDLEWARE = [
    # First: a body above the upload limit is refused before anything reads it.
    "dvsite.middleware.RequestBodyLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Whole pages for anonymous visitors (dvsite/cache.py): before sessions, so a hit skips the rest.
    "dvsite.cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A second factor (TOTP or a backup code) for staff: dvsite/two_factor.py.
    "django_otp.middleware.OTPMiddleware",
    "dvsite.two_factor.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "dvsite.middleware.ContentSecurityPolicyMiddleware",
    "dvsite.middleware.PermissionsPolicyMiddleware",
    "dvsite.middleware.AdminNoIndexMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dvsite.urls"
WSGI_APPLICATION = "dvsite.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dvsite.site_info.site_info",
            ],
        },
    },
]

# Database: SQLite file in the project root unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# import_seeds refuses a file larger than this before reading it (a 20 MB paste ran for minutes
# and made a 15-million-character post).
IMPORT_MAX_FILE_BYTES = int(os.environ.get("DVSITE_IMPORT_MAX_FILE_BYTES", str(5 * 1024 * 1024)))

# Cache: local memory by default, Redis when REDIS_URL is set.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "dvsite",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "dvsite",
        }
    }

# Anonymous pages are cached this long at most (0 = off); see dvsite/cache.py for invalidation.
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "300"))
PAGE_CACHE_VIEW_FLUSH_SECONDS = 1.0
# A reader counts once per post in this many seconds (core/view_counts.py).
VIEW_COUNT_WINDOW_SECONDS = int(os.environ.get("DJANGO_VIEW_COUNT_WINDOW_SECONDS", "3600"))

# Parts every page shares (sidebars, the home page's lists) are cached per content generation
# this long at most (0 = off), also while whole pages are not cached; core/fragments.py.
FRAGMENT_CACHE_SECONDS = int(os.environ.get("DJANGO_FRAGMENT_CACHE_SECONDS", "300"))
# Typo suggestions ("Có phải bạn muốn tìm") read the public titles again at most this often.
SEARCH_SUGGEST_SECONDS = int(os.environ.get("DJANGO_SEARCH_SUGGEST_SECONDS", "300"))
# With the local-memory cache, every process of the machine watches this file for invalidations.
PAGE_CACHE_STAMP_FILE = Path(
    os.environ.get(
        "DJANGO_PAGE_CACHE_STAMP_FILE",
        Path(tempfile.gettempdir())
        / f"dvsite-page-cache-{hashlib.sha1(str(BASE_DIR).encode()).hexdigest()[:10]}",  # noqa: S324 (a name, not security)
    )
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["dvsite.formats"]
# Vietnamese for admin strings Django and third-party apps leave in English (locale/vi; the .mo
# is compiled at install time by `make messages`, never committed).
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Files of items the public may not see live under media/private/, which nginx refuses; the
# download views check visibility, then hand the file to nginx's internal location named here
# (deploy/nginx/dvsite.conf: /_protected/) or, when empty, stream it themselves.
PRIVATE_MEDIA_ACCEL_PREFIX = os.environ.get("DJANGO_PRIVATE_MEDIA_ACCEL_PREFIX", "")

# Background work (image renditions, PDF text) through Django's tasks API (the django-tasks
# backport): in production the database backend and `manage.py db_worker` (deploy/systemd/
# dvsite-worker.service); in development and tests the work runs at once, in the request.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "DJANGO_TASKS_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend"
            if DEBUG
            else "django_tasks_db.DatabaseBackend",
        )
    }
}
# Text extraction from an uploaded PDF runs in a child process with these limits.
PDF_EXTRACT_SECONDS = int(os.environ.get("DJANGO_PDF_EXTRACT_SECONDS", "10"))
PDF_EXTRACT_MEMORY_MB = int(os.environ.get("DJANGO_PDF_EXTRACT_MEMORY_MB", "256"))

# Uploads: refuse large request bodies before they reach a form.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
# A whole request body above this is answered 413 unread (nginx: client_max_body_size 25m).
REQUEST_BODY_MAX_BYTES = int(os.environ.get("DJANGO_REQUEST_BODY_MAX_MB", "25")) * 1024 * 1024

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "no-reply@localhost")

# Who the site belongs to. Since 2025 many provinces merged the commission with the
# propaganda commission, so every one of these is a setting, never a template literal.
SITE_INFO = {
    "name": os.environ.get("DVSITE_NAME", "Ban Dân vận Tỉnh ủy Hà Nam"),
    "short_name": os.environ.get("DVSITE_SHORT_NAME", "Ban Dân vận Tỉnh ủy"),
    "parent": os.environ.get("DVSITE_PARENT", "Đảng Cộng sản Việt Nam – Tỉnh ủy Hà Nam"),
    "english_name": os.environ.get(
        "DVSITE_ENGLISH_NAME",
        "Mass Mobilization Commission of the Ha Nam Provincial Party Committee",
    ),
    "address": os.environ.get("DVSITE_ADDRESS", "Số 1 đường Trần Phú, phường Phủ Lý, tỉnh Hà Nam"),
    "phone": os.environ.get("DVSITE_PHONE", "0226 3852 000"),
    "email": os.environ.get("DVSITE_EMAIL", "bandanvan@hanam.dcs.vn"),
    "base_url": os.environ.get("DVSITE_BASE_URL", "http://127.0.0.1:8000").rstrip("/"),
    # The lines every Vietnamese e-portal's footer carries; a line is left out while empty.
    "licence": os.environ.get(
        "DVSITE_LICENCE",
        "Giấy phép số …/GP-TTĐT do Sở Thông tin và Truyền thông tỉnh Hà Nam cấp",
    ),
    "responsible": os.environ.get("DVSITE_RESPONSIBLE", "Trưởng Ban Dân vận Tỉnh ủy"),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# --- Security -------------------------------------------------------------------------------
# `manage.py check --deploy` with production settings reports nothing (dvsite/tests/test_security.py).
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

# Content-Security-Policy (django-csp 4): our own files only, no inline scripts anywhere.
# The admin adds the hash of the rich-text editor's import map (see dvsite/middleware.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "upgrade-insecure-requests": not DEBUG,
    },
}
# Media or static files on another host (S3, a CDN) must be allowed to load.
CSP_EXTRA_SOURCES = env_list("DJANGO_CSP_EXTRA_SOURCES")
for _directive in ("img-src", "media-src", "font-src", "style-src", "script-src"):
    CONTENT_SECURITY_POLICY["DIRECTIVES"][_directive] += CSP_EXTRA_SOURCES

# Login throttling (django-axes): 5 failures for one user name from one address lock that pair
# out for 15 minutes; a success in between resets the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Publishers and administrators must pass a second factor (an authenticator app or a backup
# code) before the admin opens; editors may enrol. On by default in production.
STAFF_SECOND_FACTOR_REQUIRED = env_bool("DJANGO_STAFF_2FA_REQUIRED", default=not DEBUG)
OTP_TOTP_ISSUER = os.environ.get("DJANGO_OTP_ISSUER", "Ban Dân vận – quản trị")
AXES_ENABLED = env_bool("DJANGO_AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DJANGO_AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "dvsite.middleware.lockout_response"
AXES_CLIENT_IP_CALLABLE = "dvsite.middleware.client_ip"
# How many reverse proxies (nginx, a load balancer) stand in front of gunicorn and append to
# X-Forwarded-For; 0 trusts REMOTE_ADDR alone. Production must say it explicitly (a deploy
# check errors otherwise, dvsite/checks.py): behind nginx with 0 every visitor is nginx's
# address, and one stranger could lock every editor out.
TRUSTED_PROXY_COUNT_SET = "DJANGO_TRUSTED_PROXY_COUNT" in os.environ
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT") or "0")
# X-Forwarded-For is believed only from these addresses (the nginx in front of gunicorn): a
# request reaching gunicorn directly cannot choose its address by sending the header.
TRUSTED_PROXY_IPS = env_list("DJANGO_TRUSTED_PROXY_IPS", "127.0.0.1,::1")
# --- End of security ------------------------------------------------------------------------

# --- Growing past one machine (docs/deploy.md) ---------------------------------------------
# A read replica for the public site: reads of anonymous GET requests go to it.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["dvsite.db_routers.ReplicaRouter"]
    MIDDLEWARE.insert(0, "dvsite.db_routers.PrimaryPinningMiddleware")

# Sessions in Redis with the database behind it, so any application server can serve any user.
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Uploads on S3-compatible object storage (django-storages), shared by every application server.
S3_BUCKET = os.environ.get("DJANGO_S3_BUCKET", "")
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "dvsite.storage.MediaS3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("DJANGO_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("DJANGO_S3_REGION") or None,
            "access_key": os.environ.get("DJANGO_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("DJANGO_S3_SECRET_ACCESS_KEY") or None,
            "custom_domain": os.environ.get("DJANGO_S3_CUSTOM_DOMAIN") or None,
            "location": os.environ.get("DJANGO_S3_LOCATION", "media"),
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": False,
            # The same rules nginx applies to local media (see deploy/nginx/dvsite.conf).
            "object_parameters": {"CacheControl": "public, max-age=86400"},
        },
    }
# Static files from a CDN: collectstatic still writes STATIC_ROOT, the CDN pulls from nginx.
STATIC_URL = os.environ.get("DJANGO_STATIC_URL", STATIC_URL)

# The admin lives at a configurable path, so it is not where every bot looks first.
ADMIN_URL = os.environ.get("DJANGO_ADMIN_URL", "quan-tri/").strip("/") + "/"

# "Xem nhiều nhất" ranks posts by their readers in this many days (then by all-time views).
NEWS_MOST_READ_DAYS = int(os.environ.get("DJANGO_MOST_READ_DAYS", "30"))

# The longest post body the admin accepts, in characters of HTML (a long article is ~50,000).
NEWS_POST_BODY_MAX_CHARS = int(os.environ.get("DJANGO_POST_BODY_MAX_CHARS", "300000"))

# Tags: "Dân vận khéo" and "dân vận khéo" are one topic.
TAGGIT_CASE_INSENSITIVE = True
# A space never splits a tag ("Dân vận khéo" is one topic); a comma does.
TAGGIT_TAGS_FROM_STRING = "core.tags.parse_tags"
TAGGIT_STRING_FROM_TAGS = "core.tags.edit_string_for_tags"
