from django.db import migrations

from core.migration_ops import stored_search_vectors


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0005_performance_indexes"),
    ]

    operations = [
        # Stored tsvector columns with GIN indexes for site search (PostgreSQL only).
        stored_search_vectors("news", "post"),
    ]
