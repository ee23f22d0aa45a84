"""Which units an article names: "xã Mộc Bắc", "huyện Duy Tiên (cũ)", "tỉnh Hà Nam", "Hội Nông
dân tỉnh Ninh Bình" — current and former names, accent- and case-insensitively for the kind
word, and only as written: a place needs its kind word and a capital letter ("xã hội" names no
commune), a name several units share is proposed for none of them (the editor chooses), and a
longer name wins over a shorter one inside it ("thị xã Duy Tiên" is not "xã Duy Tiên").

A pure function on text and a vocabulary, so it is tested without a database; the importer
proposes what it finds for the editor's review, as it proposes topics.
"""

import re
from dataclasses import dataclass

from core.text import fold_chars, nfc

from .units import FORMER, PLACE_KINDS, Unit


@dataclass(frozen=True)
class UnitName:
    unit_id: int
    phrase: str  # as people write it: "huyện Lý Nhân", "Hội Nông dân tỉnh Ninh Bình"
    kind_length: int  # characters of the kind word at its start (0: no kind word)


def unit_vocabulary(units=None):
    """Every name of every unit, as `UnitName`s (`units`: a queryset, all units by default)."""
    units = Unit.objects.all() if units is None else units
    names = []
    for unit in units.only("pk", "kind", "name", "former_names"):
        kind_length = len(unit.kind) if unit.kind in PLACE_KINDS else 0
        names.append(UnitName(unit.pk, unit.full_name, kind_length))
        for former in unit.former_name_list():
            former = former.removesuffix(FORMER).strip()
            length = _kind_length(former)
            names.append(UnitName(unit.pk, former, length))
    return names


def _kind_length(phrase):
    folded = fold_chars(phrase)
    for kind in sorted(PLACE_KINDS, key=len, reverse=True):
        word = fold_chars(str(kind))
        if folded.startswith(word + " "):
            return len(word)
    return 0


def _pattern(phrase):
    words = fold_chars(nfc(phrase)).split()
    return re.compile(r"(?<![\w])" + r"\s+".join(map(re.escape, words)) + r"(?![\w])")


@dataclass
class UnitMatches:
    unit_ids: list  # units named, in the order the article first names them
    ambiguous: list  # phrases found that name several units: for the editor to choose


def match_units(text, vocabulary):
    """The units `text` names (see the module docstring)."""
    text = nfc(text or "")
    folded = fold_chars(text)
    found = []  # (start, end, name)
    for name in vocabulary:
        for match in _pattern(name.phrase).finditer(folded):
            start = match.start() + name.kind_length
            if name.kind_length:
                start = _next_word(folded, start)
                if start >= len(text) or not text[start].isupper():
                    continue  # "xã hội", "tỉnh ủy": a common word, not a name
            found.append((match.start(), match.end(), name))
    by_span = {}
    # Longest first: a name inside a longer one found at the same place is not a mention.
    for start, end, name in sorted(found, key=lambda item: (item[0] - item[1], item[0])):
        inside = any(s < end and start < e and (s, e) != (start, end) for s, e in by_span)
        if not inside:
            by_span.setdefault((start, end), []).append(name)
    ids, ambiguous = [], []
    for (start, end), names in sorted(by_span.items()):
        units = list(dict.fromkeys(n.unit_id for n in names))
        if len(units) > 1:
            phrase = text[start:end]
            if phrase not in ambiguous:
                ambiguous.append(phrase)
        elif units[0] not in ids:
            ids.append(units[0])
    return UnitMatches(ids, ambiguous)


def _next_word(folded, index):
    while index < len(folded) and folded[index].isspace():
        index += 1
    return index
