from django.apps import AppConfig


class DvsiteConfig(AppConfig):
    name = "dvsite"
    verbose_name = "Hệ thống"

    def ready(self):
        from core import fragments
        from dvsite import cache, checks, suggest  # noqa: F401 (checks registers the deploy checks)

        cache.connect_signals()
        suggest.connect_signals()
        fragments.configure(cache.fragment_generation)
