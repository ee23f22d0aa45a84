"""The fast path of site search on PostgreSQL: stored tsvector columns beside the folded fields.

Matching `to_tsvector('simple', search_text)` computed row by row costs about 0.2 ms a post; when
the query words are common the planner filters thousands of rows that way instead of using the
GIN expression index, and a search takes seconds. A generated column keeps the vector stored
(`search_text_tsv`, `search_title_tsv`), so the same match is a cheap comparison on any plan,
and its GIN index serves selective queries. Added by each app's `0003_search_vectors` migration;
when a table does not have the columns yet, search computes the vector as before.
"""

import functools
import math
import time

from django.contrib.postgres.search import SearchVectorField
from django.db import connection
from django.db.models import BooleanField, Expression, Func, Q
from django.db.models.expressions import RawSQL

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


# -- Which plan: the GIN index, or the recency walk ------------------------------------------
#
# PostgreSQL estimates a query's matches by multiplying the shares of its words, as if they were
# independent: "quy chế dân chủ" is in 6,600 of 100,000 titles, estimated 100. With that estimate
# it gathers every match through the GIN index and sorts them, where walking the recency index
# (newest first, each row's stored vector tested) finds the ten shown after a few dozen rows.
# The site chooses instead: when every word of the query is common in the column (`COMMON_SHARE`
# of the rows or more, from the column's own statistics, `pg_stats.most_common_elems`), the
# match is written as a function call (`ts_match_vq`) that no index serves, so the only plans
# left walk the newest rows and stop at the LIMIT; otherwise the `@@` operator, which the GIN
# index serves. The two forms match the same rows (`ts_match_vq` is the function behind `@@`).

COMMON_SHARE = 0.02
WORST_SHARE = 0.0001
STATS_SECONDS = 600  # the statistics change only with ANALYZE (autovacuum): read them this often
_shares = {}  # (table, column) -> (read at, {element: share})


def element_shares(table, column):
    """{word: share of rows} of the words PostgreSQL's statistics list as the most common in a
    tsvector column ({} when never analysed: then no word is common)."""
    now = time.monotonic()
    cached = _shares.get((table, column))
    if cached is not None and now - cached[0] < STATS_SECONDS:
        return cached[1]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
            "WHERE schemaname = current_schema() AND tablename = %s AND attname = %s",
            [table, column],
        )
        row = cursor.fetchone()
    # most_common_elem_freqs ends with the minimum, maximum and null share: zip drops them.
    shares = dict(zip(row[0], row[1], strict=False)) if row and row[0] else {}
    _shares[(table, column)] = (now, shares)
    return shares


def term_share(shares, alternatives, prefix):
    """The share of rows with one of `alternatives` (the first as a word's start if `prefix`),
    as the statistics tell it; 0 for words they do not list (rarer than every listed word)."""
    total = 0.0
    for index, word in enumerate(alternatives):
        if prefix and index == 0:
            total += sum(share for element, share in shares.items() if element.startswith(word))
        else:
            total += shares.get(word, 0.0)
    return min(1.0, total)


def is_common(model, field, query_terms):
    """Whether every term of the query is in at least COMMON_SHARE of `field`'s stored vectors
    and, were the words independent, at least WORST_SHARE of the rows would have them all: then
    ten matches are within the newest few hundred rows (at worst 10 / WORST_SHARE), and the walk
    is the plan."""
    table = model._meta.db_table
    if stored_vector(model, field) is None:
        return False
    shares = element_shares(table, field + SUFFIX)
    each = [term_share(shares, *term) for term in query_terms]
    return min(each) >= COMMON_SHARE and math.prod(each) >= WORST_SHARE


def walked_match(vector, query):
    """`vector @@ query` that no index serves (see above)."""
    return Func(vector, query, function="ts_match_vq", output_field=BooleanField())


# -- One GIN bitmap, bounded walks: a first part, then a fallback only when it is short ----------
#
# With the GIN index (`@@`), the three walks of `dvsite.search.Results._first` (phrases, titles,
# "enough titles?") each built the same bitmap of title matches: 24–55 ms apiece at 1M posts
# for "tôn giáo Kim Bảng" ("bang:*" opens many words). The title matches are gathered once
# instead, in a MATERIALIZED CTE, ranked as the results are (phrase first, then newest), and the
# walk over the other text matches runs only when that CTE holds fewer than `stop` rows.
# With the recency walk, the phrase walk went on to the oldest row when the phrase is in no
# title (documents, "quy chế dân chủ": every one of 500,000 rows, 48,000 pages read): it now
# looks at the newest PHRASE_WALK_ROWS rows, and only when they hold fewer than `stop` phrases
# are the phrases taken from the title's GIN index (the title matches, 12,000 documents there).

FIRST = "search_first_part"
PHRASE_WALK_ROWS = 2000


def _sql(queryset):
    return queryset.query.get_compiler(using=queryset.db).as_sql()


def walk_until(rows, flag, stop):
    """(sql, params): the ids of the first `stop` of `rows` whose `flag` is true, reading no
    more than `rows` (a sliced, ordered `values("pk", flag)` queryset: "pk" is its column); as a subquery in FROM,
    read row by row (a `pk IN` of the sliced rows read every one of them first)."""
    sql, params = _sql(rows)
    flag = connection.ops.quote_name(flag)
    walked = f'SELECT walked."pk" FROM ({sql}) AS walked WHERE walked.{flag} LIMIT %s'  # noqa: S608
    return walked, (*params, stop)


def first_or_fallback(first, fallback, stop, *more):
    """Q for the ids of `first` (sliced to `stop`, or its (sql, params)) and, only when they are fewer than `stop`,
    of `fallback` (unsliced, ordered), and of each of `more` (sliced): `values("pk")`
    querysets, one statement, `first` computed once."""
    # Only a constant name and the compiled SQL of querysets go into the text; every value
    # (the query's words, the limit) stays a parameter.
    count = f"(SELECT COUNT(*) FROM {FIRST}) < %s"  # noqa: S608 (a constant name)
    gate = RawSQL(count, [stop], output_field=BooleanField())  # noqa: S611
    first = first if isinstance(first, tuple) else _sql(first)
    parts = [first, *(_sql(queryset) for queryset in (fallback.filter(gate)[:stop], *more))]
    (first_sql, params), *rest = parts
    sql = f"WITH {FIRST} AS MATERIALIZED ({first_sql}) SELECT * FROM {FIRST}"  # noqa: S608
    for part_sql, part_params in rest:
        sql += f" UNION ALL ({part_sql})"
        params = (*params, *part_params)
    return Q(pk__in=RawSQL(sql, params))  # noqa: S611
