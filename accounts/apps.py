from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Tài khoản quản trị"

    def ready(self):
        # The idle timeout starts its window at sign-in (a user_logged_in receiver).
        from accounts import admin_idle  # noqa: F401, PLC0415 (registers its signal)
