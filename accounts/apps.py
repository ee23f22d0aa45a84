from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Tài khoản quản trị"

    def ready(self):
        # Their signal receivers: the idle timeout starts its window at sign-in; account events
        # go to the security log; role and unit changes go on record (core.audit); idle
        # accounts' daily check is queued after `migrate`.
        from accounts import admin_idle, audit_roles, idle, security_log  # noqa: F401, PLC0415

        audit_roles.connect()
