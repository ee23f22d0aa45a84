from django.apps import AppConfig


class DvsiteConfig(AppConfig):
    name = "dvsite"
    verbose_name = "Hệ thống"

    def ready(self):
        from dvsite import cache, checks  # noqa: F401 (registers the deploy checks)

        cache.connect_signals()
