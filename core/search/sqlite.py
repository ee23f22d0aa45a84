"""The fast path of site search on SQLite: an FTS5 index over the folded search fields.

`search_title`/`search_text` hold folded words separated by spaces (" dan van kheo"), and the
portable match is "every query word starts a word of the field" (`LIKE '% dan%'`), a full scan.
FTS5's unicode61 tokenizer splits that text into exactly those words, and a prefix query
(`"dan"*`) matches exactly the words that start with "dan": the same rows, from an index.

The index is an external-content FTS5 table kept up to date by triggers. It is (re)created after
every `migrate` (post_migrate), because SQLite migrations that rebuild a table drop its triggers;
when the triggers were missing the index is rebuilt from the table. Without FTS5 search falls
back to the LIKE match.
"""

# SQL text is built from table and field names of our own models only; the user's words reach
# SQLite as a bound parameter, and are [a-z0-9]+ (core.search.query_words) besides.
# ruff: noqa: S608, S611

import functools

from django.db import DatabaseError, connections
from django.db.models import Q
from django.db.models.expressions import RawSQL

from core.search.sources import sources

FIELDS = ("search_text", "search_title")


def _names(table):
    return f"{table}_fts", f"{table}_fts_ai", f"{table}_fts_ad", f"{table}_fts_au"


def searchable_models():
    return [source.queryset().model for source in sources().values()]


def ensure_fulltext(using="default", app_config=None, **kwargs):
    """Create the FTS5 table and triggers of the searchable models of `app_config` (of every
    app when None) when missing (SQLite only)."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    models = [
        model
        for model in searchable_models()
        if app_config is None or model._meta.app_config is app_config
    ]
    if not models:
        return
    with connection.cursor() as cursor:
        for model in models:
            table = model._meta.db_table
            fts, after_insert, after_delete, after_update = _names(table)
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN (%s, %s, %s)",
                [after_insert, after_delete, after_update],
            )
            if cursor.fetchone()[0] == 3:
                continue
            columns = ", ".join(FIELDS)
            new = ", ".join(f"new.{field}" for field in FIELDS)
            old = ", ".join(f"old.{field}" for field in FIELDS)
            try:
                cursor.execute(
                    f'CREATE VIRTUAL TABLE IF NOT EXISTS "{fts}" USING fts5({columns}, '
                    f"content='{table}', content_rowid='id', tokenize='unicode61', "
                    "detail='column')"
                )
            except DatabaseError:  # SQLite built without FTS5: search keeps its LIKE match
                return
            cursor.execute(
                f'CREATE TRIGGER IF NOT EXISTS "{after_insert}" AFTER INSERT ON "{table}" BEGIN '
                f'INSERT INTO "{fts}"(rowid, {columns}) VALUES (new.id, {new}); END'
            )
            cursor.execute(
                f'CREATE TRIGGER IF NOT EXISTS "{after_delete}" AFTER DELETE ON "{table}" BEGIN '
                f'INSERT INTO "{fts}"("{fts}", rowid, {columns}) VALUES (\'delete\', old.id, {old}); '
                "END"
            )
            cursor.execute(
                f'CREATE TRIGGER IF NOT EXISTS "{after_update}" AFTER UPDATE OF {columns} '
                f'ON "{table}" BEGIN '
                f'INSERT INTO "{fts}"("{fts}", rowid, {columns}) VALUES (\'delete\', old.id, {old}); '
                f'INSERT INTO "{fts}"(rowid, {columns}) VALUES (new.id, {new}); END'
            )
            cursor.execute(f'INSERT INTO "{fts}"("{fts}") VALUES (\'rebuild\')')
    available.cache_clear()


@functools.cache
def available(table, alias="default"):
    connection = connections[alias]
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
            [f"{table}_fts_a%"],
        )
        return cursor.fetchone()[0] == 3


def matches(model, terms, field):
    """Q for rows whose `field` has every term, or None (no index). `terms` is
    `core.search.terms(words)`: [(spellings, is_prefix)], the first spelling of a prefix term
    matched as a word's start ("kheo"*), every other spelling whole ("quy")."""
    table = model._meta.db_table
    if not available(table):
        return None
    fts = _names(table)[0]
    expression = _expression(terms, field)
    return Q(pk__in=RawSQL(f'SELECT rowid FROM "{fts}" WHERE "{fts}" MATCH %s', [expression]))


def _expression(terms, field):
    """The FTS5 query: every term in `field`, the first spelling of a prefix term as a word's
    start."""
    groups = []
    for alternatives, prefix in terms:
        first, *others = alternatives
        options = [f'"{first}"*' if prefix else f'"{first}"', *(f'"{w}"' for w in others)]
        groups.append("(" + " OR ".join(options) + ")")
    return f"{field} : (" + " AND ".join(groups) + ")"


def pk_in_any(*id_querysets):
    """Q for rows whose pk is among any of the (sliced, ordered) `values("pk")` querysets, as
    one IN over a UNION ALL of them, each part a subquery so it keeps its ORDER BY and LIMIT.

    `core.publishing.pk_in_any` gives SQLite an OR of INs, which it answers with a multi-index
    OR that builds each list twice (once to find the rows, once to test them): the search
    page's walks cost twice what they cost alone."""
    parts, params = [], []
    for ids in id_querysets:
        sql, part_params = ids.query.get_compiler(using=ids.db).as_sql()
        parts.append(f"SELECT * FROM ({sql})")
        params.extend(part_params)
    return Q(pk__in=RawSQL(" UNION ALL ".join(parts), params))


def bounded_count(queryset, terms, field, limit):
    """How many rows of `queryset` have every term in `field`, counted up to `limit`; None
    without an index.

    Read from the index in its own order, each match tested against the queryset's rules by
    its id, stopping at `limit`: a word in nearly every row costs `limit` lookups. With the
    match as an IN under the rules, SQLite built the list of every match first (20,000 ids for
    "dân vận khéo" in the models) and then walked the public rows."""
    model = queryset.model
    table = model._meta.db_table
    if not available(table, queryset.db):
        return None
    fts = _names(table)[0]
    probe = queryset.order_by().filter(pk=RawSQL(f'"{fts}".rowid', ())).values("pk")
    sql, params = probe.query.get_compiler(using=queryset.db).as_sql()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(
            f'SELECT count(*) FROM (SELECT rowid FROM "{fts}" WHERE "{fts}" MATCH %s '
            f"AND EXISTS ({sql}) LIMIT %s)",
            [_expression(terms, field), *params, limit],
        )
        return cursor.fetchone()[0]
