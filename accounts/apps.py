from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Tài khoản quản trị"

    def ready(self):
        # Imported after the models: the idle timeout starts its window at sign-in (a
        # user_logged_in receiver); role and unit changes go on record (core.audit).
        from accounts import admin_idle, audit_roles  # noqa: F401, PLC0415

        audit_roles.connect()
