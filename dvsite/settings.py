"""Settings: safe for development by default, production from environment variables.

This module holds what every engineer edits (INSTALLED_APPS, MIDDLEWARE, templates, language);
the rest comes from dvsite/config/, one module per concern, each reading the environment
through the one `env` of dvsite/config/env.py (django-environ):

- services.py: databases, cache, files (local or S3), background tasks, mail, logs;
- security.py: the secret key, hosts, HTTPS, headers, the CSP, login throttling, 2FA, proxies;
- site.py: who the site belongs to, and the knobs of its pages and content;
- backups.py: where backups go, their key and retention.

The names of the environment variables follow one rule (README.md, "Configuration", lists
every one; dvsite/tests/test_settings_env.py fails when the table and the settings differ):

- standard service URLs are unprefixed, as every tool spells them: DATABASE_URL,
  DATABASE_REPLICA_URL, REDIS_URL;
- DVSITE_… is who the site belongs to and how to reach them (SITE_INFO: names, address,
  phone, e-mail, base URL, the footer's licence and responsible person);
- DJANGO_… is everything else: how Django, its apps and the site's own code run (debug, secret
  key, hosts, storage, caches, limits, security, content knobs).

Variables read by tests or tools, never by the settings (DVSITE_TWO_SERVERS, GUNICORN_… of
deploy/gunicorn.conf.py, DJANGO_SETTINGS_MODULE), are outside the table.
"""

from dvsite.config.backups import *  # noqa: F403
from dvsite.config.env import BASE_DIR, DEBUG, env  # noqa: F401 (settings, and env for tools)
from dvsite.config.security import *  # noqa: F403
from dvsite.config.services import *  # noqa: F403
from dvsite.config.services import DATABASE_REPLICA_URL
from dvsite.config.site import *  # noqa: F403

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
    "accounts.axes_app.AxesConfig",  # django-axes, named in Vietnamese
    "django_otp",
    "accounts.third_party_apps.OtpTotpConfig",  # django-otp's devices and django-tasks-db's
    "accounts.third_party_apps.OtpStaticConfig",  # results, named in Vietnamese
    "django_tasks",
    "accounts.third_party_apps.TasksDbConfig",
    "core",
    "taxonomy",
    "news",
    "events",
    "docs_registry",
    "pages",
    "schedule",
    "practices",
    "voice",
    "accounts",
    "ops",
    "seo",
    "dvsite",
    "tools",  # make_synthetic_content, for bench/ and loadtest/ (no models, cheap)
]

MIDDLEWARE = [
    # Outermost: requests and latency per view for /metrics (dvsite/metrics.py).
    "dvsite.metrics.MetricsMiddleware",
    # First: a body above the upload limit is refused before anything reads it.
    "dvsite.middleware.RequestBodyLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # HTML compressed where no nginx stands in front (static files are WhiteNoise's, above, which
    # serves them pre-compressed); outside the page cache, which keeps pages uncompressed.
    "django.middleware.gzip.GZipMiddleware",
    # Whole pages for anonymous visitors (dvsite/cache.py): before sessions, so a hit skips the rest.
    "dvsite.cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A 403 in the admin goes to the security log (accounts/security_log.py).
    "accounts.security_log.RefusedAdminRequestMiddleware",
    # A second factor (TOTP or a backup code) for staff: accounts/two_factor.py.
    "django_otp.middleware.OTPMiddleware",
    "accounts.two_factor.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # The admin signs staff out after ADMIN_IDLE_MINUTES without a request (accounts/admin_idle.py).
    "accounts.admin_idle.AdminIdleMiddleware",
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
                "dvsite.reading_aids.context",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Validates nothing: writes "password changed" to the security log.
    {"NAME": "accounts.security_log.PasswordChangeRecorder"},
]

LANGUAGE_CODE = "vi"
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["dvsite.formats"]
# Vietnamese for admin strings Django and third-party apps leave in English (locale/vi; the .mo
# is compiled at install time by `make messages`, never committed).
LOCALE_PATHS = [BASE_DIR / "locale"]


# A read replica (DATABASE_REPLICA_URL, dvsite/config/services.py): a request that must see its
# own writes is pinned to the primary before anything reads.
if DATABASE_REPLICA_URL:
    MIDDLEWARE.insert(0, "core.db_routers.PrimaryPinningMiddleware")
