"""Search over the folded words every Publishable keeps in `search_title`/`search_text`.

Each app declares what it offers in its own `search.py` (a `SOURCE = SearchSource(...)`); this module
finds them and matches the query's words: every word whole, except the last one, which may be the
start of a word (search as you type: "dan van khe" finds "dân vận khéo", "dan" never finds
"Đảng"). The old and new i/y spellings ("qui"/"quy", "lí"/"lý", "kĩ"/"kỹ") are the same word
(`spellings`). Title matches rank first, then recency. On PostgreSQL the match is a full-text
query over the folded text (a stored tsvector with a GIN index), on SQLite an FTS5 query, on
other databases the equivalent LIKE over the same words, so all give the same results.
"""

import re

from django.db import connection
from django.db.models import BooleanField, Case, Q, Value, When
from django.utils.html import strip_tags

from core.search import sqlite as search_sqlite
from core.search.sources import SearchSource, sources  # noqa: F401 (the apps import them from here)
from core.text import fold, nfc

MAX_QUERY_LENGTH = 200
# Snippets are cut from at most this much of a text: a 15-million-character post costs what a
# long article costs (security review, finding 4).
TEXT_WINDOW = 20_000
COUNT_LIMIT = 1000
MAX_WORDS = 12
_WORD = re.compile(r"[a-z0-9]+")


class QueryError(ValueError):
    """A query that cannot be searched, with the message to show (in Vietnamese)."""


def leading_text(html):
    """The plain text of the first TEXT_WINDOW characters of `html`, for a result's snippet."""
    return strip_tags((html or "")[:TEXT_WINDOW])


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


# A syllable ending in i or y after these initials is spelt both ways (old and new rules):
# "qui/quy", "lí/lý", "kĩ/kỹ", "mĩ/mỹ", "sĩ/sỹ", "hi/hy", "ti/ty". Not after a vowel ("tai" ≠ "tay").
_IY_SPELLINGS = re.compile(r"^(qu|h|k|l|m|s|t)([iy])$")


def spellings(word):
    """The folded spellings that are the same word: ("quy", "qui") for "quy", else (word,)."""
    match = _IY_SPELLINGS.match(word)
    if not match:
        return (word,)
    return (word, match[1] + ("y" if match[2] == "i" else "i"))


def terms(words):
    """[(spellings, is_prefix)] for the query words: only the last may be a word's start.

    The other spelling of a last word is matched whole ("ki" finds "kiến" and "kỳ", not "kỳ
    niệm"… as a prefix of something else)."""
    last = len(words) - 1
    return [(spellings(word), index == last) for index, word in enumerate(words)]


def _tsquery(words):
    parts = []
    for alternatives, prefix in terms(words):
        first, *others = alternatives
        options = [f"{first}:*" if prefix else first, *others]
        parts.append(f"({' | '.join(options)})")
    return " & ".join(parts)


def _like_q(words, field):
    """The portable match: whole words are " w " inside or " w" at the end of the field."""
    condition = Q()
    for alternatives, prefix in terms(words):
        either = Q()
        for index, word in enumerate(alternatives):
            if prefix and index == 0:
                either |= Q(**{f"{field}__contains": f" {word}"})
            else:
                either |= Q(**{f"{field}__contains": f" {word} "})
                either |= Q(**{f"{field}__endswith": f" {word}"})
        condition &= either
    return condition


def _matches(words, field, model, walk=False):
    """(condition, aliases): the query words in `field` (folded words, each after a space), from
    the fastest index the database has: a stored tsvector on PostgreSQL
    (core/search/postgres.py), FTS5 on SQLite (core/search/sqlite.py), else a LIKE scan.

    `walk`: on PostgreSQL, when the words are common in `field`, a condition no index serves,
    so that a query ordered by recency walks the recency index (`postgres.is_common`)."""
    if connection.vendor == "postgresql":
        # django.contrib.postgres needs psycopg, installed only where PostgreSQL is used.
        from django.contrib.postgres.search import SearchQuery, SearchVector  # noqa: PLC0415

        from core.search import postgres as search_postgres  # noqa: PLC0415

        query = SearchQuery(_tsquery(words), config="simple", search_type="raw")
        vector = search_postgres.stored_vector(model, field)
        if walk and vector is not None and walks_titles(model, words, field):
            return Q(search_postgres.walked_match(vector, query)), {}
        return Q(**{f"_fts_{field}": query}), {
            f"_fts_{field}": vector or SearchVector(field, config="simple")
        }
    if connection.vendor == "sqlite":
        indexed = search_sqlite.matches(model, terms(words), field)
        if indexed is not None:
            return indexed, {}
    return _like_q(words, field), {}


def walks_titles(model, words, field="search_title"):
    """Whether the title match of `words` is the recency walk (PostgreSQL, words common in
    every title: `postgres.is_common`) rather than an index lookup."""
    if connection.vendor != "postgresql":
        return False
    from core.search import postgres as search_postgres  # noqa: PLC0415 (psycopg: see _matches)

    return search_postgres.is_common(model, field, terms(words))


def _phrase_q(words, field):
    """The words next to each other in `field`, in order, the last as a word's start ("dan van
    kh" in "… dân vận khéo …"); with one word, none (the title match says it all). A LIKE on
    every database: titles are short, and neither index keeps word positions (the stored
    tsvectors are stripped, FTS5 is detail=column)."""
    if len(words) < 2:
        return Q(pk__in=[])
    return Q(**{f"{field}__contains": " " + " ".join(words)})


def indexed_phrases(queryset, words):
    """`queryset` narrowed to titles with the words as typed (`_phrase_q`), found through the
    title's index (GIN on PostgreSQL) whatever `walks_titles` says: the fallback of a phrase walk
    that found too few."""
    title_q, aliases = _matches(words, "search_title", queryset.model)
    return queryset.alias(**aliases).filter(title_q & _phrase_q(words, "search_title"))


def text_matches(queryset, words):
    """`queryset` narrowed to rows whose folded text has the query's words (see `terms`)."""
    text_q, aliases = _matches(words, "search_text", queryset.model)
    return queryset.alias(**aliases).filter(text_q)


def _flag(condition):
    return Case(
        When(condition, then=Value(True)), default=Value(False), output_field=BooleanField()
    )


def title_matches(queryset, words):
    """(`queryset` annotated with `title_match` and `phrase_match`, the conditions of both).

    Results whose title has the words as typed, next to each other, rank first (`phrase_match`,
    always also a title match), then those whose title has every word (`title_match`)."""
    # Titles are short and stored inline: walking the newest rows and testing each title is
    # cheap, and the plan for common words. Texts (counted, and long) keep the GIN index.
    title_q, aliases = _matches(words, "search_title", queryset.model, walk=True)
    phrase_q = _phrase_q(words, "search_title")
    annotated = queryset.alias(**aliases).annotate(
        # The phrase is looked for only in titles that have every word: the title's text is
        # read for those rows alone, the others are ranked from the index.
        title_match=_flag(title_q),
        phrase_match=_flag(title_q & phrase_q),
    )
    return annotated, title_q, title_q & phrase_q
