"""Finding a document the way editors type it: any loose number ("quyết định 23", "23/QĐ-TW",
"NQ25") or words of its trích yếu. For pickers (the post form's "cite a regulation").

A full number goes through `numbers.parse`; a loose one is a number with a type written as a
name or an abbreviation, matched against the stored canonical numbers; otherwise the folded
words search (`DocumentQuerySet.search`).
"""

import re

from django.db.models import Q

from core.text import fold

from . import numbers
from .models import Document

_TYPE_BY_FOLDED = {
    **{fold(name): abbr for name, abbr in numbers.TYPE_NAMES.items() if abbr},
    **numbers.TYPE_ABBRS,
}
_DIGITS = re.compile(r"\d+")
_LETTERS = re.compile(r"[a-z]+")


def loose_number(query):
    """("23", "QĐ") for "quyết định 23" or "qd23", ("25", "NQ") for "NQ25"; None otherwise."""
    folded = fold(query)
    digits = _DIGITS.findall(folded)
    if len(digits) != 1:
        return None
    tokens = _LETTERS.findall(_DIGITS.sub(" ", folded).replace("so ", " "))
    tokens = [t for t in tokens if t != "so"]  # "quyết định số 23"
    phrase = " ".join(tokens)
    if not phrase:
        return digits[0].lstrip("0") or "0", ""
    abbr = _TYPE_BY_FOLDED.get(phrase)
    if abbr is None:
        return None
    return digits[0].lstrip("0") or "0", abbr


def _number_q(num, abbr):
    starts = Q(number__startswith=f"{num}-") | Q(number__startswith=f"{num}/")
    if not abbr:
        return starts
    typed = (
        Q(doc_type__abbreviation=abbr)
        | Q(number__contains=f"-{abbr}/")
        | Q(number__contains=f"/{abbr}-")
        | Q(number__endswith=f"/{abbr}")
    )
    return starts & typed


def find(query, queryset=None, limit=10):
    """Documents matching `query`, newest first (revisions left out)."""
    documents = (queryset if queryset is not None else Document.objects.all()).filter(
        revision_of__isnull=True
    )
    query = (query or "").strip()[:200]
    if not query:
        return documents.none()
    parsed = numbers.parse(query)
    if parsed:
        num = _DIGITS.match(parsed.number)
        condition = Q(number=parsed.number)
        if num and parsed.type_abbr:
            condition |= _number_q(num.group().lstrip("0") or "0", parsed.type_abbr) & Q(
                number__contains=parsed.issuer_suffix
            )
        found = documents.filter(condition)
    elif loose := loose_number(query):
        found = documents.filter(_number_q(*loose))
    else:
        found = documents.search(query)
    return found.select_related("doc_type", "issuer").newest_first()[:limit]
