"""Data survives `migrate` from the schema before the layers refactoring."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("events", "0007_revision_history")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_event_themes_keep_what_was_stored_as_topics():
    old_apps = _migrate(BEFORE)
    Event = old_apps.get_model("events", "Event")
    Event.objects.create(
        title="Hội nghị tập huấn",
        slug="hoi-nghi-tap-huan",
        start_date="2024-03-05",
        end_date="2024-03-05",
        topics="Quy chế dân chủ ở cơ sở\nDân vận khéo",
    )
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    new_apps = _migrate(leaves)
    event = new_apps.get_model("events", "Event").objects.get(slug="hoi-nghi-tap-huan")
    assert event.themes == "Quy chế dân chủ ở cơ sở\nDân vận khéo"
