"""Deployment checks of our own settings, run by `manage.py check --deploy` (systemd runs it
before gunicorn starts, so a failing check keeps production from starting)."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def trusted_proxy_count_is_explicit(app_configs, **kwargs):
    if settings.DEBUG or getattr(settings, "TRUSTED_PROXY_COUNT_SET", True):
        return []
    return [
        checks.Error(
            "DJANGO_TRUSTED_PROXY_COUNT is not set.",
            hint="Set it to the number of reverse proxies in front of gunicorn (1 behind nginx, "
            "0 when nothing is in front): login throttling needs the visitor's address.",
            id="dvsite.E001",
        )
    ]
