"""The fast path of site search on PostgreSQL: stored tsvector columns beside the folded fields.

Matching `to_tsvector('simple', search_text)` computed row by row costs about 0.2 ms a post; when
the query words are common the planner filters thousands of rows that way instead of using the
GIN expression index, and a search takes seconds. A generated column keeps the vector stored
(`search_text_tsv`, `search_title_tsv`), so the same match is a cheap comparison on any plan,
and its GIN index serves selective queries. Added by each app's `0003_search_vectors` migration;
when a table does not have the columns yet, search computes the vector as before.
"""

import functools

from django.contrib.postgres.search import SearchVectorField
from django.db import connection
from django.db.models import Expression

SUFFIX = "_tsv"


class StoredVector(Expression):
    """The stored tsvector column `column` of the query's own table."""

    output_field = SearchVectorField()

    def __init__(self, column):
        super().__init__()
        self.column = column

    def as_sql(self, compiler, connection):
        alias = compiler.query.get_initial_alias()
        quoted = connection.ops.quote_name(self.column)
        return f"{compiler.quote_name_unless_alias(alias)}.{quoted}", []


@functools.cache
def _columns(table):
    with connection.cursor() as cursor:
        return {
            column.name for column in connection.introspection.get_table_description(cursor, table)
        }


def stored_vector(model, field):
    """The stored vector of `field`, or None when the table has no such column."""
    if connection.vendor != "postgresql":
        return None
    column = field + SUFFIX
    if column not in _columns(model._meta.db_table):
        return None
    return StoredVector(column)
