from django.apps import AppConfig

from core import fragments


class DvsiteConfig(AppConfig):
    name = "dvsite"
    verbose_name = "Hệ thống"

    def ready(self):
        # dvsite.cache imports the content models, which load only once the registry is ready;
        # dvsite.checks registers the deploy checks as it is imported.
        from dvsite import cache, checks  # noqa: F401, PLC0415

        cache.connect_signals()
        fragments.configure(cache.fragment_generation)
