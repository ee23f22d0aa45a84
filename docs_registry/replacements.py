"""Replacements an article suggests: "điểm mới của Quyết định 23 so với Quyết định 290",
"Quy chế 05 thay thế Quy chế 12". Pure: no database.

Only documents of the same type and issuer are paired, and only within one sentence that
compares them ("so với") or says one replaces the other ("thay thế"). What is found is a
suggestion an editor confirms in the admin; it never changes a document's validity itself.
"""

import re

from core.text import fold

_CUES = re.compile(r"\b(so voi|thay the)\b")
_PASSIVE = re.compile(r"\bduoc thay the\b|\bbi thay the\b")
_SENTENCES = re.compile(r"(?<=[.;!?])\s+")


def _number_stem(number):
    match = re.match(r"\d+", number)
    return str(int(match.group())) if match else ""


def _patterns(document):
    """How an article may name `document` again: its full number, or "<type> <number>"."""
    written = [re.escape(fold(document.number))]
    if document.type_name and _number_stem(document.number):
        written.append(
            rf"{re.escape(fold(document.type_name))}\s+(?:so\s+)?0*{_number_stem(document.number)}"
            r"(?![\d/\-])"
        )
    return re.compile(r"\b(?:" + "|".join(written) + r")")


def _mentioned(sentence, cited):
    """The cited documents named in `sentence`, in order of first mention."""
    folded = fold(sentence)
    found = []
    for document in cited:
        match = _patterns(document).search(folded)
        if match:
            found.append((match.start(), document))
    return [d for _, d in sorted(found, key=lambda pair: pair[0])]


def _same_kind(one, other):
    return (
        one.number != other.number
        and one.type_abbr == other.type_abbr
        and one.issuer_suffix == other.issuer_suffix
    )


def _order(first, second, passive):
    """(newer, older): by year when both are known, else by the sentence's order."""
    if first.year and second.year and first.year != second.year:
        return (first, second) if first.year > second.year else (second, first)
    return (second, first) if passive else (first, second)


def find_replacements(text, cited, default_year=None):
    """[(newer, older, sentence)] among `cited` (`find_citations` results) that `text` pairs."""
    del default_year  # the years come with the cited documents
    suggestions, seen = [], set()
    for sentence in _SENTENCES.split(text or ""):
        folded = fold(sentence)
        if not _CUES.search(folded):
            continue
        mentioned = _mentioned(sentence, cited)
        for index, first in enumerate(mentioned):
            for second in mentioned[index + 1 :]:
                if not _same_kind(first, second):
                    continue
                newer, older = _order(first, second, bool(_PASSIVE.search(folded)))
                if (newer.number, older.number) in seen:
                    continue
                seen.add((newer.number, older.number))
                suggestions.append((newer, older, sentence.strip()[:1000]))
    return suggestions
