from django.apps import AppConfig


class DvsiteConfig(AppConfig):
    name = "dvsite"
    verbose_name = "Hệ thống"

    def ready(self):
        from dvsite import cache

        cache.connect_signals()
