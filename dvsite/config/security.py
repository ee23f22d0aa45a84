"""Secrets, hosts, HTTPS, headers, the Content-Security-Policy, login throttling and 2FA.

`manage.py check --deploy` with production settings reports nothing
(dvsite/tests/test_security.py).
"""

from datetime import timedelta

from django.core.exceptions import ImproperlyConfigured

from dvsite.config.env import DEBUG, env

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105 (DEBUG only)

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31536000)
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
CSP_EXTRA_SOURCES = env.list("DJANGO_CSP_EXTRA_SOURCES", default=[])
for _directive in ("img-src", "media-src", "font-src", "style-src", "script-src"):
    CONTENT_SECURITY_POLICY["DIRECTIVES"][_directive] += CSP_EXTRA_SOURCES

# Login throttling (django-axes): 5 failures from one address lock the address, 20 for one
# name from any addresses lock the account, for 15 minutes; a success in between resets the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Publishers and administrators must pass a second factor (an authenticator app or a backup
# code) before the admin opens; editors may enrol. On by default in production.
STAFF_SECOND_FACTOR_REQUIRED = env.bool("DJANGO_STAFF_2FA_REQUIRED", default=not DEBUG)
# Minutes without a request after which the admin's session ends (0 = never).
ADMIN_IDLE_MINUTES = env.int("DJANGO_ADMIN_IDLE_MINUTES", default=60 if DEBUG else 5)
OTP_TOTP_ISSUER = env.str("DJANGO_OTP_ISSUER", default="Ban Dân vận – quản trị")
AXES_ENABLED = env.bool("DJANGO_AXES_ENABLED", default=True)
# Two locks (accounts/lockout.py): an address failing this many times, whatever names it types;
# an account failing AXES_ACCOUNT_FAILURE_LIMIT times from any addresses together.
AXES_ADDRESS_FAILURE_LIMIT = env.int("DJANGO_AXES_FAILURE_LIMIT", default=5)
AXES_ACCOUNT_FAILURE_LIMIT = env.int("DJANGO_AXES_ACCOUNT_FAILURE_LIMIT", default=20)
AXES_FAILURE_LIMIT = "accounts.lockout.failure_limit"
AXES_COOLOFF_TIME = timedelta(minutes=env.int("DJANGO_AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
# Every failure stays in axes' failure log (and the security log) after the counters reset.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_ACCESS_FAILURE_LOG_PER_USER_LIMIT = 10000
# Staff accounts without a sign-in for this many days are disabled (accounts/idle.py).
ACCOUNT_IDLE_DAYS = env.int("DJANGO_ACCOUNT_IDLE_DAYS", default=45)
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_USERNAME_CALLABLE = "accounts.lockout.typed_username"
AXES_CLIENT_IP_CALLABLE = "dvsite.middleware.client_ip"
# How many reverse proxies (nginx, a load balancer) stand in front of gunicorn and append to
# X-Forwarded-For; 0 trusts REMOTE_ADDR alone. Production must say it explicitly (a deploy
# check errors otherwise, dvsite/checks.py): behind nginx with 0 every visitor is nginx's
# address, and one stranger could lock every editor out. Set but empty counts as said (0).
TRUSTED_PROXY_COUNT_SET = "DJANGO_TRUSTED_PROXY_COUNT" in env
TRUSTED_PROXY_COUNT = env(
    "DJANGO_TRUSTED_PROXY_COUNT", cast=lambda value: int(value or "0"), default=0
)
# X-Forwarded-For is believed only from these addresses (the nginx in front of gunicorn): a
# request reaching gunicorn directly cannot choose its address by sending the header.
TRUSTED_PROXY_IPS = env.list("DJANGO_TRUSTED_PROXY_IPS", default=["127.0.0.1", "::1"])

# Who may read /metrics (dvsite/metrics.py): addresses or networks; anyone else gets 404.
METRICS_ALLOWED_IPS = env.list("DJANGO_METRICS_ALLOWED_IPS", default=["127.0.0.1", "::1"])

# The admin lives at a configurable path, so it is not where every bot looks first.
ADMIN_URL = env.str("DJANGO_ADMIN_URL", default="quan-tri/").strip("/") + "/"

# The audit log ("Nhật ký hoạt động", core.audit): a task prunes entries older than this many
# days once a day; never fewer than 365, the twelve months the record must be kept.
AUDIT_RETENTION_DAYS = max(365, env.int("DJANGO_AUDIT_RETENTION_DAYS", default=400))
