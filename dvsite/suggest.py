"""Typo suggestions for site search ("Có phải bạn muốn tìm: …") from the site's own words.

The vocabulary is every word of the public titles (posts, events, documents), folded, with how often
each word and each pair of neighbouring words occur, and the accented form most often written. It is
built on first use and kept for `SEARCH_SUGGEST_SECONDS` (`vocabulary`). A query with no results is
read again word by word: each word may become a known word at a small edit distance (rapidfuzz), and
the choice that makes the most common neighbouring pairs wins ("dan van keo" -> "dân vận khéo"); a
run of letters without spaces is split into known words ("danvankheo" -> "dân vận khéo"). The same
code runs on SQLite and PostgreSQL.
"""

import math
import re
import uuid
from collections import Counter

from django.conf import settings
from django.core.cache import cache
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from core.search import sources
from core.text import fold, nfc

CACHE_KEY = "search:vocabulary"  # (token, Vocabulary)
TOKEN_KEY = "search:vocabulary:token"  # noqa: S105 (a cache key)
_memo = (None, None)  # (token, Vocabulary) of this process
MAX_SPLIT = 40  # letters of one word that may be split into several
# The vocabulary reads the newest this many public titles of each kind: reading every title took
# 33 s at a million posts (longer than gunicorn lets a request run), and the newest titles hold
# the words people look for; a small site's titles are all read.
VOCABULARY_TITLES = 10_000
_TOKEN = re.compile(r"\w+")


class Vocabulary:
    def __init__(self, titles):
        self.unigrams, self.bigrams, written, pairs = Counter(), Counter(), Counter(), Counter()
        folded_of = {}  # each distinct written word is folded once
        for title in titles:
            tokens = [t for t in _TOKEN.findall(nfc(title).lower()) if not t.isdigit()]
            written.update(tokens)
            folded = []
            for token in tokens:
                plain = folded_of.get(token)
                if plain is None:
                    plain = folded_of[token] = fold(token)
                folded.append(plain)
            self.unigrams.update(folded)
            self.bigrams.update(zip(folded, folded[1:], strict=False))
            pairs.update(zip(folded, tokens[1:], strict=False))
        # The most written spelling of each word, and after each word ("đổi số", "cơ sở").
        self.display, self.after = {}, {}
        for token, _count in written.most_common():
            self.display.setdefault(folded_of[token], token)
        for (previous, token), _count in pairs.most_common():
            self.after.setdefault((previous, folded_of[token]), token)
        self.words = list(self.unigrams)

    def score(self, previous, word):
        return math.log1p(self.unigrams[word]) + 4 * math.log1p(self.bigrams[(previous, word)])

    def neighbours(self, word):
        """[(known word, edits)]: the word itself when known, and close known words."""
        limit = 1 if len(word) <= 4 else 2
        found = process.extract(
            word, self.words, scorer=Levenshtein.distance, score_cutoff=limit, limit=12
        )
        options = {known: edits for known, edits, _ in found}
        options.setdefault(word, 0)
        return list(options.items())

    def split(self, word):
        """`word` as several known words ("danvankheo" -> [dan, van, kheo]), or None."""
        if len(word) > MAX_SPLIT or word in self.unigrams:
            return None
        best = {0: (0.0, [])}
        for end in range(1, len(word) + 1):
            for start in range(max(0, end - 8), end):
                piece = word[start:end]
                if start in best and piece in self.unigrams and (len(piece) > 1 or start == end):
                    score, pieces = best[start]
                    total = score + self.score(pieces[-1] if pieces else "", piece) - 2
                    if end not in best or total > best[end][0]:
                        best[end] = (total, [*pieces, piece])
        return best[len(word)][1] if len(word) in best and len(best[len(word)][1]) > 1 else None

    def correct(self, words):
        """The likeliest known words for `words` (Viterbi over neighbours), or None if unchanged."""
        expanded = []
        for word in words:
            expanded += self.split(word) or [word]
        paths = {"": (0.0, [])}
        for word in expanded:
            step = {}
            for candidate, edits in self.neighbours(word):
                known = candidate in self.unigrams
                for previous, (score, path) in paths.items():
                    total = (
                        score + self.score(previous, candidate) - 3 * edits - (0 if known else 8)
                    )
                    if candidate not in step or total > step[candidate][0]:
                        step[candidate] = (total, [*path, candidate])
            paths = step
        best = max(paths.values(), key=lambda item: item[0])[1]
        if best == list(words) or any(word not in self.unigrams for word in best):
            return None
        return best

    def spell(self, words):
        """The folded words as the site writes them, each after the one before it."""
        previous, out = "", []
        for word in words:
            out.append(self.after.get((previous, word)) or self.display.get(word, word))
            previous = word
        return " ".join(out)


def _newest_titles(public):
    """The titles of the newest VOCABULARY_TITLES rows of `public` (by id: the order in which
    they were written), picked by id in a subquery, which any database can LIMIT."""
    newest = public.order_by("-pk").values("pk")[:VOCABULARY_TITLES]
    return (
        public.model._default_manager.filter(pk__in=newest)
        .order_by()
        .values_list("title", flat=True)
    )


def vocabulary():
    """The vocabulary of the newest public titles (`VOCABULARY_TITLES` of each kind), built
    again at most every `SEARCH_SUGGEST_SECONDS`.

    Not after every change of content: building it reads thousands of titles (200 ms at 15,000
    titles), and a site publishing every few minutes would pay that on most typo searches. A new
    title's words are suggested within that time; a withdrawn item's words may stay in the
    vocabulary as long, but a suggestion is shown only when it finds public content
    (dvsite/views.py). Kept in the cache (shared by workers with Redis) and, under its token, in
    this process, so a typo search does not unpickle a large vocabulary each time."""
    global _memo
    token = cache.get(TOKEN_KEY)
    if token is not None and _memo[0] == token:
        return _memo[1]
    entry = cache.get(CACHE_KEY) if token is not None else None
    if entry is None or entry[0] != token:
        first, *others = (_newest_titles(source.queryset()) for source in sources().values())
        token = uuid.uuid4().hex[:12]
        entry = (token, Vocabulary(first.union(*others, all=True).iterator()))  # one query
        seconds = max(1, int(getattr(settings, "SEARCH_SUGGEST_SECONDS", 300)))
        cache.set_many({CACHE_KEY: entry, TOKEN_KEY: token}, seconds)
    _memo = entry
    return entry[1]


def suggest(words):
    """(query text to show, folded words) of a better query, or None."""
    known = vocabulary()
    better = known.correct(words)
    if not better:
        return None
    return known.spell(better), better
