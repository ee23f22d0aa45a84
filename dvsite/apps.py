from django.apps import AppConfig


class DvsiteConfig(AppConfig):
    name = "dvsite"
    verbose_name = "Hệ thống"

    def ready(self):
        from django.db.models.signals import post_migrate

        from dvsite import cache, search_sqlite  # noqa: PLC0415 (signals need the app registry)

        cache.connect_signals()
        post_migrate.connect(search_sqlite.ensure_fulltext, sender=self)
