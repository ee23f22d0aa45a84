from django.apps import AppConfig


class DvsiteConfig(AppConfig):
    name = "dvsite"
    verbose_name = "Hệ thống"

    def ready(self):
        from core import fragments
        from dvsite import admin_idle, cache, checks  # noqa: F401 (they register signals and checks)

        cache.connect_signals()
        fragments.configure(cache.fragment_generation)
