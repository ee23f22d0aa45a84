from django.db import migrations

from core.migration_ops import stored_search_vectors


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_fulltext_indexes"),
    ]

    operations = [
        # Stored tsvector columns with GIN indexes for site search (PostgreSQL only).
        stored_search_vectors("events", "event"),
    ]
