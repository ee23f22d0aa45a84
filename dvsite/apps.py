from django.apps import AppConfig


class DvsiteConfig(AppConfig):
    name = "dvsite"
    verbose_name = "Hệ thống"

    def ready(self):
        from core import fragments
        from dvsite import cache

        cache.connect_signals()
        fragments.configure(cache.fragment_generation)
