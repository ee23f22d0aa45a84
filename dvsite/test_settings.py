"""Test settings: fast hashing, local-memory cache, plain static storage, mail kept in memory."""

import os

from dvsite.settings import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SECURE_SSL_REDIRECT = False
ALLOWED_HOSTS = ["*"]
WHITENOISE_AUTOREFRESH = True
# Login throttling needs a request in authenticate(), which `client.login()` does not pass;
# the tests of django-axes itself switch it back on (dvsite/tests/test_security.py).
AXES_ENABLED = False
# Pages are not cached in tests unless a test switches it on (dvsite/tests/test_cache.py).
PAGE_CACHE_SECONDS = 0
# Nor are shared page parts (core/fragments.py): query counts do not depend on test order.
FRAGMENT_CACHE_SECONDS = 0
# Nor the footer's visit counter (dvsite/templatetags/visits.py), for the same reason.
VISIT_COUNTER_SECONDS = 0
# Counted views are written at once (core/view_counts.py), unless a test batches them.
VIEW_COUNT_FLUSH_SECONDS = 0
# Background tasks run at once, inside the call that enqueues them.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# The second factor is tested where it is switched on (accounts/tests/test_two_factor.py).
STAFF_SECOND_FACTOR_REQUIRED = False
# The tests' one cache holds the sessions too, also when REDIS_URL is set for a run.
SESSION_CACHE_ALIAS = "default"
# Backups are encrypted; tests use this fixed key unless the environment gives one (a child
# process of `backup_site --verify` is handed the key its parent used).
BACKUP_KEY = os.environ.get("DJANGO_BACKUP_KEY") or "dGVzdC1rZXktZHZzaXRlLWJhY2t1cHMtMzItYnl0ZSE="
