from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Tài khoản quản trị"

    def ready(self):
        # Their signal receivers: the idle timeout starts its window at sign-in; account events
        # go to the security log; idle accounts' daily check is queued after `migrate`.
        from accounts import admin_idle, idle, security_log  # noqa: F401, PLC0415
