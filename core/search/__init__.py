"""Search over the folded words every Publishable keeps in `search_title`/`search_text`.

Each app declares what it offers in its own `search.py` (a `SOURCE = SearchSource(...)`); this module
finds them, matches every query word as a word prefix, ranks title matches first, then recency.
On PostgreSQL the match is a full-text query over the folded text (served by a GIN index); on
other databases it is the equivalent LIKE over the same words, so both give the same results.
"""

import dataclasses
import functools
import re
from collections.abc import Callable
from importlib import import_module

from django.apps import apps
from django.db import connection
from django.db.models import BooleanField, Case, Q, Value, When
from django.utils.module_loading import module_has_submodule

from core.publishing import words_match_q
from core.search import sqlite as search_sqlite
from core.text import fold, nfc

MAX_QUERY_LENGTH = 200
COUNT_LIMIT = 1000
MAX_WORDS = 12
_WORD = re.compile(r"[a-z0-9]+")


class QueryError(ValueError):
    """A query that cannot be searched, with the message to show (in Vietnamese)."""


@dataclasses.dataclass(frozen=True)
class SearchSource:
    kind: str  # "post", "event", "document"
    label: str  # "Tin tức"
    queryset: Callable  # () -> the public queryset (published(), minus internal rows …)
    date: Callable  # (obj) -> the date shown beside a result
    date_field: str  # the field recency is ordered by
    text: Callable  # (obj) -> plain text the snippet is cut from
    related: tuple = ()  # select_related() of the rows shown (`date` and `text` read them)


@functools.cache
def sources():
    """{kind: SearchSource} from the `SEARCH_SOURCE` of every installed app's `search` module."""
    found = {}
    for app in apps.get_app_configs():
        if module_has_submodule(app.module, "search"):
            source = getattr(import_module(f"{app.name}.search"), "SEARCH_SOURCE", None)
            if isinstance(source, SearchSource):
                found[source.kind] = source
    return found


def query_words(raw):
    """The folded words of a user's query, or QueryError with a message to show."""
    raw = nfc(raw or "").strip()
    if not raw:
        raise QueryError("Vui lòng nhập từ khóa để tìm kiếm.")
    if len(raw) > MAX_QUERY_LENGTH:
        raise QueryError(f"Từ khóa quá dài: vui lòng nhập tối đa {MAX_QUERY_LENGTH} ký tự.")
    found = _WORD.findall(fold(raw))
    if not found:
        raise QueryError("Từ khóa cần có ít nhất một chữ cái hoặc chữ số.")
    unique = list(dict.fromkeys(found))
    if len(unique) > MAX_WORDS:
        raise QueryError(f"Vui lòng nhập tối đa {MAX_WORDS} từ.")
    return unique


def _matches(words, field, model):
    """(condition, aliases): every word starts a word of `field` (folded words separated by
    single spaces), from the fastest index the database has: a stored tsvector on PostgreSQL
    (core/search/postgres.py), FTS5 on SQLite (core/search/sqlite.py), else a LIKE scan."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        from core.search import postgres as search_postgres

        query = SearchQuery(" & ".join(f"{w}:*" for w in words), config="simple", search_type="raw")
        vector = search_postgres.stored_vector(model, field)
        return Q(**{f"_fts_{field}": query}), {
            f"_fts_{field}": vector or SearchVector(field, config="simple")
        }
    if connection.vendor == "sqlite":
        indexed = search_sqlite.matches(model, words, field)
        if indexed is not None:
            return indexed, {}
    return words_match_q(words, field), {}


def text_matches(queryset, words):
    """`queryset` narrowed to rows whose folded text has every word as a word prefix."""
    text_q, aliases = _matches(words, "search_text", queryset.model)
    return queryset.alias(**aliases).filter(text_q)


def title_matches(queryset, words):
    """(`queryset` annotated with `title_match`, the condition that flag stands for).

    Results whose title has every word rank first."""
    title_q, aliases = _matches(words, "search_title", queryset.model)
    flag = Case(When(title_q, then=Value(True)), default=Value(False), output_field=BooleanField())
    return queryset.alias(**aliases).annotate(title_match=flag), title_q
