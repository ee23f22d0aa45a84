"""django-axes (login throttling) under a Vietnamese name in the admin: its AppConfig has none.

Its own module, so accounts/apps.py keeps one AppConfig (Django picks it as the default)."""

from axes.apps import AppConfig as AxesAppConfig


class AxesConfig(AxesAppConfig):
    verbose_name = "Chống dò mật khẩu"
