"""Inserting many rows fast: PostgreSQL's COPY, or `bulk_create` on any other database.

bulk_create compiles an INSERT per 1,000 rows through the ORM (a quarter of a millisecond per
row in Python, most of a million-post fill); COPY streams the values as they are. On PostgreSQL
the ids are reserved from the table's own sequence first, so callers still get `obj.pk`, as
bulk_create gives them.
"""

import contextlib
import enum

from django.db import connection
from django.db.models import FileField, JSONField

BATCH = 1000


def _value(field, obj):
    value = field.pre_save(obj, add=True)  # as bulk_create: auto_now_add and the like
    if isinstance(field, JSONField | FileField):
        return field.get_db_prep_save(value, connection)
    return value.value if isinstance(value, enum.Enum) else value


def _plain(attname):
    def value(obj):
        value = obj.__dict__[attname]
        return value.value if isinstance(value, enum.Enum) else value

    return value


def _getters(model):
    """A function per column giving an object's value as bulk_create would store it: the
    attribute as it is, except for fields that compute theirs on save (auto_now_add, files)
    or need preparing (JSON). Per-field `pre_save` calls were a third of a post's cost."""
    getters = []
    for field in model._meta.concrete_fields:
        computed = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        if computed or isinstance(field, JSONField | FileField):
            getters.append(lambda obj, field=field: _value(field, obj))
        else:
            getters.append(_plain(field.attname))
    return getters


def _reserve_ids(table, count):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _copy(table, columns, rows):
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    statement = f"COPY {quote(table)} ({names}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def insert_objects(model, objs):
    """Insert unsaved `objs` of `model`; returns them with their pks set."""
    if not objs:
        return objs
    if connection.vendor != "postgresql":
        return model._default_manager.bulk_create(objs, batch_size=BATCH)
    table = model._meta.db_table
    for obj, pk in zip(objs, _reserve_ids(table, len(objs)), strict=True):
        obj.pk = pk
    getters = _getters(model)
    _copy(
        table,
        [field.column for field in model._meta.concrete_fields],
        ([get(obj) for get in getters] for obj in objs),
    )
    return objs


def insert_links(model, columns, rows):
    """Insert link rows (tuples of `columns`, e.g. ("tag_id", "content_object_id")), ids from
    the table's default; duplicates must already be gone."""
    rows = list(rows)
    if not rows:
        return
    if connection.vendor == "postgresql":
        _copy(model._meta.db_table, columns, rows)
        return
    model._default_manager.bulk_create(
        [model(**dict(zip(columns, row, strict=True))) for row in rows], batch_size=BATCH
    )


def _plain_indexes(tables):
    """[(name, definition)] of the indexes of `tables` that back no constraint and are not
    unique: what a bulk load may drop and build again (keys and uniqueness stay checked)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.relname, pg_get_indexdef(i.indexrelid)
            FROM pg_index i
            JOIN pg_class c ON c.oid = i.indexrelid
            JOIN pg_class t ON t.oid = i.indrelid
            WHERE t.relname = ANY(%s) AND NOT i.indisunique AND NOT i.indisprimary
              AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
            ORDER BY c.relname
            """,
            [list(tables)],
        )
        return cursor.fetchall()


@contextlib.contextmanager
def bulk_load(models, defer_indexes=False):
    """A session fit for loading many rows on PostgreSQL (nothing elsewhere): commits do not
    wait for the disk (`synchronous_commit` off: a crash may lose the last rounds, never
    corrupt), and with `defer_indexes` the non-unique indexes of `models`' tables (full-text
    GIN indexes, recency and facet indexes) are dropped for the load and built again after it,
    in one pass each, which is several times cheaper than keeping them up to date row by row.
    They are built again even when the load fails."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")
    tables = [model._meta.db_table for model in models]
    dropped = _plain_indexes(tables) if defer_indexes else []
    try:
        with connection.cursor() as cursor:
            for name, _definition in dropped:
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '256MB'")
            for _name, definition in dropped:
                cursor.execute(definition)
            cursor.execute("RESET maintenance_work_mem")
            cursor.execute("RESET synchronous_commit")
