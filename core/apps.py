from django.apps import AppConfig
from django.db.models.signals import post_migrate

from core.search import sqlite as search_sqlite


class CoreConfig(AppConfig):
    """The foundation every content app builds on; it imports no app of the project."""

    name = "core"
    verbose_name = "Nền tảng"

    def ready(self):
        from core import checks  # noqa: F401, PLC0415 (the recipe check reads the admin: after models)

        # Sent once per migrated app: each creates the FTS5 index of its own searchable models.
        post_migrate.connect(search_sqlite.ensure_fulltext, dispatch_uid="core.ensure_fulltext")
        # Periodic tasks (the audit log's pruning) start their chain after a migrate.
        from core import tasks  # noqa: PLC0415 (imports core.models: after the app registry)

        post_migrate.connect(tasks.schedule, sender=self, dispatch_uid="core.tasks.schedule")
