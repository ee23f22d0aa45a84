from django.apps import AppConfig


class DvsiteConfig(AppConfig):
    name = "dvsite"
    verbose_name = "Hệ thống"

    def ready(self):
        from dvsite import cache, suggest

        cache.connect_signals()
        suggest.connect_signals()
