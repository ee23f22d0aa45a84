"""Site-wide search: every app's `SearchSource` queried at once, ranked, paginated, highlighted.

The sources and the matching backends live in `core.search`; this module runs a query over all
of them for the search page.
"""

import dataclasses
import datetime
import re

from django.db import connection
from django.db.models import BooleanField, Case, Exists, F, OuterRef, Value, When
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.publishing import pk_in_any
from core.search import (  # noqa: F401 (re-exported for the site's views)
    COUNT_LIMIT,
    MAX_QUERY_LENGTH,
    TEXT_WINDOW,
    QueryError,
    SearchSource,
    indexed_phrases,
    query_words,
    sources,
    terms,
    text_matches,
    title_matches,
    walks_titles,
)
from core.search import sqlite as search_sqlite
from core.text import FOLDED_CHARS, nfc


def _newest_first(model, field):
    """Newest first, rows without a date last. Public rows always have a `publish_at`, so that
    one keeps the plain DESC: the order of the publishing index on PostgreSQL, where DESC alone
    puts NULLs first and NULLS LAST cannot walk it."""
    nullable = field != "publish_at" and model._meta.get_field(field).null
    return (F(field).desc(nulls_last=True) if nullable else F(field).desc(), "-pk")


@dataclasses.dataclass
class Hit:
    source: SearchSource
    object: object
    title_match: bool
    phrase_match: bool = False

    @property
    def date(self):
        return self.source.date(self.object)

    def sort_key(self):
        """The words as typed in the title first, then titles with every word, then the newest;
        the same order each queryset uses."""
        recency = getattr(self.object, self.source.date_field)
        rank = (not self.phrase_match, not self.title_match)
        return (*rank, -_timestamp(recency), -self.object.pk)


def _flag(condition):
    return Case(
        When(condition, then=Value(True)), default=Value(False), output_field=BooleanField()
    )


def _timestamp(value):
    if value is None:
        return float("-inf")
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime.combine(value, datetime.time(), tzinfo=datetime.UTC)
    return value.timestamp()


class Results:
    """Search results across kinds, sliced lazily for the paginator."""

    def __init__(self, words, kinds, raw="", unit_ids=None):
        """`unit_ids`: only content of these units (kinds that belong to no unit drop out)."""
        self.words = words
        self.kinds = kinds
        self._querysets = {}
        self._title_q = {}
        self._newest = {}
        self._titled = {}
        self._unnamed = {}  # the public rows of kinds matched by their words, for counts
        for kind, source in sources().items():
            if kind not in kinds:
                continue
            base = source.queryset()
            if unit_ids is not None:
                if not hasattr(base.model, "unit_q"):
                    continue
                base = base.filter(base.model.unit_q(unit_ids))
            named = source.lookup(base, raw) if source.lookup and raw else None
            self._unnamed[kind] = base if named is None else None
            found = named if named is not None else text_matches(base, words)
            matching, *self._title_q[kind] = self._shown(kind, found)
            # Where the title walks look: a title with every word is a text with every word
            # (each source's text starts with its title), so they need not read the text's
            # vector, which PostgreSQL keeps out of line (TOAST): reading it for every title
            # match was 4/5 of a common word's search at 100,000 posts.
            self._titled[kind] = matching if named is not None else self._shown(kind, base)[0]
            self._newest[kind] = _newest_first(matching.model, source.date_field)
            self._querysets[kind] = matching.order_by(
                "-phrase_match", "-title_match", *self._newest[kind]
            )
        self._counts = None

    def _shown(self, kind, queryset):
        """(`queryset` with what a result shows, the title condition, the phrase condition):
        related rows and the rank flags, not the folded columns (only for matching, and long)."""
        related = queryset.select_related(*sources()[kind].related)
        return title_matches(related.defer("search_text", "search_title"), self.words)

    def counts(self):
        """Matches per kind, counted up to COUNT_LIMIT + 1 (a word in half the posts should
        not cost a count of every one of them; the page says "hơn 1.000")."""
        if self._counts is None:
            self._counts = {kind: self._count(kind, qs) for kind, qs in self._querysets.items()}
        return self._counts

    def _count(self, kind, queryset):
        base = self._unnamed[kind]
        if base is not None and connection.vendor == "sqlite":
            found = search_sqlite.bounded_count(
                base, terms(self.words), "search_text", COUNT_LIMIT + 1
            )
            if found is not None:
                return found
        return queryset.order_by().values("pk")[: COUNT_LIMIT + 1].count()

    def count(self):
        return sum(self.counts().values())

    def __len__(self):
        return self.count()

    def __getitem__(self, item):
        if not isinstance(item, slice):
            raise TypeError("Results supports slicing only")
        start, stop = item.start or 0, item.stop
        if stop is None:
            stop = self.count()
        hits = []
        for kind, qs in self._querysets.items():
            if self.counts()[kind]:
                source = sources()[kind]
                hits += [
                    Hit(source, obj, obj.title_match, obj.phrase_match)
                    for obj in self._first(kind, qs, stop)
                ]
        hits.sort(key=Hit.sort_key)
        return hits[start:stop]

    def _first(self, kind, queryset, stop):
        """The first `stop` rows of `queryset` in its order (title matches, then newest).

        Sorting every match with all its columns (bodies included) was most of the cost when a
        word is common ("dân vận" is in most posts). Where the database can, the rows come from
        three walks of the recency index, over phrase matches in titles, title matches and
        the rest, each stopping after `stop` rows; elsewhere (SQLite) the ids are sorted first, then their
        rows read.
        """
        (title_q, phrase_q), newest = self._title_q[kind], self._newest[kind]
        if not connection.features.supports_slicing_ordering_in_compound:
            return self._first_sqlite(kind, queryset, stop)
        # Ids only (no joined rows: PostgreSQL joined every title match to its category or
        # issuer before keeping ten), then the rows of those ids.
        ids, titled = queryset.values("pk"), self._titled[kind].values("pk")
        postgresql = connection.vendor == "postgresql"
        if postgresql:
            from core.search import postgres as search_postgres  # noqa: PLC0415 (psycopg)
        if postgresql and not walks_titles(queryset.model, self.words):
            # Rare title words: the GIN bitmap of title matches built once (see there).
            # One word has no phrase (`phrase_match` is then the constant False).
            phrase_first = ("-phrase_match",) if len(self.words) > 1 else ()
            ranked = titled.filter(title_q).order_by(*phrase_first, *newest)[:stop]
            others = ids.exclude(title_q).order_by(*newest)
            rows = queryset.model._default_manager.filter(
                search_postgres.first_or_fallback(ranked, others, stop)
            )
            return list(self._shown(kind, rows)[0].order_by(*queryset.query.order_by)[:stop])
        # Every title match, phrases included: "title but not phrase" walked the whole index
        # when every title match was also a phrase match.
        titles = titled.filter(title_q).order_by(*newest)[:stop]
        # The rest only while fewer than `stop` titles match: each kind lists its title matches
        # first, so otherwise none of the rest is shown. An uncorrelated EXISTS is one test
        # before the walk, which would read the whole recency index (and every text's vector)
        # when nearly every match is a title match (documents: 560 ms at 100,000 posts).
        enough_titles = Exists(titled.filter(title_q)[stop - 1 : stop])
        others = ids.exclude(title_q).filter(~enough_titles).order_by(*newest)[:stop]
        if postgresql and len(self.words) > 1:
            # The phrase walk bounded: the newest rows, then the title's index (see there).
            newest_rows = self._titled[kind].values("pk", "phrase_match").order_by(*newest)
            walked = search_postgres.walk_until(
                newest_rows[: search_postgres.PHRASE_WALK_ROWS], "phrase_match", stop
            )
            indexed = indexed_phrases(self._titled[kind], self.words).values("pk")
            condition = search_postgres.first_or_fallback(
                walked, indexed.order_by(*newest), stop, titles, others
            )
        else:
            phrases = titled.filter(phrase_q).order_by(*newest)[:stop]
            condition = pk_in_any(phrases, titles, others)
        rows = queryset.model._default_manager.filter(condition)
        return list(self._shown(kind, rows)[0].order_by(*queryset.query.order_by)[:stop])

    def _first_sqlite(self, kind, queryset, stop):
        """`_first` on SQLite, without ranking every match: the first `stop` rows are among the
        first `stop` title matches (phrase, then newest) and the newest `stop` matches (when
        fewer titles match, the rest of the page is the newest others), so those two short
        lists are ranked, in one query. Ranking every match read each one's title and sorted
        them all: "dân vận khéo" is in nearly every one of 20,000 models.
        """
        (title_q, phrase_q), newest = self._title_q[kind], self._newest[kind]
        model = queryset.model
        # Driven from the title index: the outer rows are the title matches (a rowid lookup
        # each) and the public rule a correlated test by id. With the rule on the outer rows
        # SQLite walked every public row of the recency index, reading titles for the phrase.
        public = Exists(self._titled[kind].filter(pk=OuterRef("pk")))
        titles = (
            model._default_manager.filter(title_q)
            .filter(public)
            .order_by(_flag(phrase_q).desc(), *newest)
            .values("pk")[:stop]
        )
        # The public recency index, walked until `stop` matches.
        matches = queryset.order_by(*newest).values("pk")[:stop]
        rows = model._default_manager.filter(search_sqlite.pk_in_any(titles, matches))
        return list(self._shown(kind, rows)[0].order_by(*queryset.query.order_by)[:stop])


def search(raw_query, kinds=None, unit_ids=None):
    """Return (words, Results). Raises QueryError for queries that cannot be searched."""
    words = query_words(raw_query)
    return words, Results(words, set(kinds or sources()), raw_query, unit_ids)


# Highlighting reads at most this much of a text: the snippet of a 15-million-character post
# costs what a long article costs. A match further in is still a match; the snippet then shows
# the text's opening.
HIGHLIGHT_WINDOW = TEXT_WINDOW


def _folded_with_positions(text):
    """`text` folded, and for each folded char the index of the char of `text` it came from."""
    folded = text.translate(FOLDED_CHARS)
    if all(len(FOLDED_CHARS[ord(char)]) == 1 for char in set(text)):
        return folded, range(len(text))  # one char for one: the usual case, at C speed
    positions = []
    for index, char in enumerate(text):
        positions += [index] * len(FOLDED_CHARS[ord(char)])
    return folded, positions


def _pattern(words):
    """The regex of what the query matched, on folded text: the words whole, the last one as a
    word's start, either i/y spelling (core.search.terms: the rule the database applied)."""
    options = []
    for index, (alternatives, prefix) in enumerate(terms(words)):
        for position, word in enumerate(alternatives):
            tail = "[a-z0-9]*" if prefix and position == 0 else ""
            options.append((f"(?P<w{index}_{position}>{re.escape(word)}{tail})", index))
    body = "|".join(option for option, _ in options)
    return re.compile(rf"(?<![a-z0-9])(?:{body})(?![a-z0-9])")


def _spans(text, words):
    """[(start, end, word index)] in `text` of what matched, in order."""
    folded, positions = _folded_with_positions(text)
    spans = []
    for match in _pattern(words).finditer(folded):
        index = int(match.lastgroup[1:].split("_")[0])
        spans.append((positions[match.start()], positions[match.end() - 1] + 1, index))
    return spans


def _best_start(spans, width):
    """Where the passage with the most different query words begins: of the first 200 matches,
    the one starting the run that holds the most words, the tightest such run on a tie."""
    best, best_score = spans[0][0], (0, 0)
    for i, (start, _, _) in enumerate(spans[:200]):
        seen, last = set(), start
        for span_start, span_end, index in spans[i : i + 50]:
            if span_start >= start + width * 2 // 3:
                break
            if index not in seen:
                seen.add(index)
                last = span_end
        score = (len(seen), start - last)
        if score > best_score:
            best, best_score = start, score
    return best


def highlight(text, words, width=240):
    """An escaped snippet of `text` at the passage that matched, matched words in <mark>."""
    cut_off = len(text or "") > HIGHLIGHT_WINDOW
    text = " ".join(nfc((text or "")[:HIGHLIGHT_WINDOW]).split())
    if not text:
        return ""
    spans = _spans(text, words) if words else []
    first = _best_start(spans, width) if spans else 0
    start = max(0, first - width // 3)
    if start:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    out, cursor = [], start
    for span_start, span_end, _ in spans:
        if span_start < cursor or span_end > end:
            continue
        out.append(escape(text[cursor:span_start]))
        out.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    out.append(escape(text[cursor:end]))
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) or cut_off else ""
    return mark_safe(prefix + "".join(out) + suffix)  # noqa: S308 — every piece is escaped above
