"""Documents cited in article text: "Quyết định số 503-QĐ/ĐUK ngày 30/12/2021 của Ban Thường
vụ Đảng ủy Khối", "Quyết định 23 (ngày 30/7/2021) của Bộ Chính trị", "Đề án 02, ngày 9/11/2021;
Quy chế 05, ngày 9/12/2021 của BTV Tỉnh ủy". Pure: no database.

All matching runs on a folded copy of the text of the same length (see `core.text.fold_chars`),
so accents, case and old/new tone placement never matter; what is returned is cut from the text.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass, replace

from core.date_grammar import make_date
from core.text import fold_chars, without_lookalikes

from . import numbers


@dataclass(frozen=True)
class CitedDocument:
    number: str  # canonical, e.g. "23-QĐ/TW", "59/2023/NĐ-CP"
    type_name: str  # "Quyết định"
    type_abbr: str  # "QĐ"
    issuer_suffix: str  # "TW"
    issuer_name: str  # "Bộ Chính trị"; "" when the text does not say
    issue_date: datetime.date | None
    year: int | None
    title: str = ""  # trích yếu when the text gives it


@dataclass(frozen=True)
class Issuer:
    name: str
    suffix: str
    aliases: tuple[str, ...] = ()


# Issuers as articles name them. The first alias that matches (longest first) wins.
ISSUERS = (
    Issuer("Bộ Chính trị", "TW"),
    Issuer("Ban Bí thư", "TW", ("Ban Bí thư Trung ương Đảng", "Ban Bí thư Trung ương")),
    Issuer(
        "Ban Chấp hành Trung ương",
        "TW",
        ("Ban Chấp hành Trung ương Đảng", "BCH Trung ương Đảng", "BCH Trung ương", "BCHTW"),
    ),
    Issuer(
        "Ban Thường vụ Đảng ủy Khối các cơ quan Trung ương",
        "ĐUK",
        ("Ban Thường vụ Đảng ủy Khối", "BTV Đảng ủy Khối"),
    ),
    Issuer("Đảng ủy Khối các cơ quan Trung ương", "ĐUK", ("Đảng ủy Khối",)),
    Issuer("Ban Thường vụ Tỉnh ủy", "TU", ("BTV Tỉnh ủy",)),
    Issuer("Thường trực Tỉnh ủy", "TU"),
    Issuer("Ban Chấp hành Đảng bộ tỉnh", "TU"),
    Issuer("Tỉnh ủy", "TU"),
    Issuer("Ban Thường vụ Thành ủy", "TU", ("BTV Thành ủy",)),
    Issuer("Thành ủy", "TU"),
    Issuer("Ban Thường vụ Huyện ủy", "HU", ("BTV Huyện ủy",)),
    Issuer("Huyện ủy", "HU"),
    Issuer("Ban Dân vận Tỉnh ủy", "BDVTU"),
    Issuer("Ban Dân vận Trung ương", "BDVTW"),
    Issuer("Thủ tướng Chính phủ", "TTg"),
    Issuer("Chính phủ", "CP"),
    Issuer("Ủy ban Thường vụ Quốc hội", "UBTVQH"),
    Issuer("Quốc hội", "QH"),
    Issuer("Ủy ban nhân dân tỉnh", "UBND", ("UBND tỉnh",)),
    Issuer("Hội đồng nhân dân tỉnh", "HĐND", ("HĐND tỉnh",)),
)
PARTY_SUFFIXES = {"TW", "ĐUK", "TU", "HU", "BDVTU", "BDVTW", "ĐU", "QU", "THU"}

# The issuer to file a document under when the text names none, by number suffix.
DEFAULT_ISSUER_FOR_SUFFIX = {
    "TW": "Ban Chấp hành Trung ương",
    "ĐUK": "Đảng ủy Khối các cơ quan Trung ương",
    "TU": "Tỉnh ủy",
    "HU": "Huyện ủy",
    "BDVTU": "Ban Dân vận Tỉnh ủy",
    "BDVTW": "Ban Dân vận Trung ương",
    "CP": "Chính phủ",
    "TTg": "Thủ tướng Chính phủ",
    "QH": "Quốc hội",
    "UBND": "Ủy ban nhân dân tỉnh",
    "HĐND": "Hội đồng nhân dân tỉnh",
}

_fold = fold_chars


def _alternation(phrases):
    folded = sorted({_fold(p) for p in phrases}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in folded)


_ISSUER_BY_FOLDED = {_fold(a): i for i in ISSUERS for a in (i.name, *i.aliases)}
_TYPE_BY_FOLDED = {_fold(n): n for n in numbers.TYPE_NAMES}
_TYPE_ALT = _alternation(numbers.TYPE_NAMES)
_ISSUER_ALT = _alternation(_ISSUER_BY_FOLDED)

_LOOSE_RE = re.compile(
    rf"\b(?P<type>{_TYPE_ALT})\s+(?:so\s*:?\s*)?(?P<num>\d{{1,4}})\b(?!\s*[/\-]\s*\w)(?![.,]\d)"
)
_TYPE_BEFORE_RE = re.compile(rf"\b(?P<type>{_TYPE_ALT})\.?\s+(?:so\s*:?\s*)?$")
# "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15": the law's name sits between type and number.
_NAMED_LAW_BEFORE_RE = re.compile(
    r"\b(?P<type>luat|phap\s+lenh)\s+(?P<name>[^.;\n()0-9]{3,120}?)\s+so\s*:?\s*$"
)
_DATE_RE = re.compile(
    r"\s*,?\s*\(?\s*(?:ban\s+hanh\s+)?ngay\s+(?P<d>\d{1,2})\s*(?:/|-|\.|\s+thang\s+)\s*(?P<m>\d{1,2})"
    r"(?:\s*(?:/|-|\.|\s+nam\s+)\s*(?P<y>\d{4}))?\s*\)?"
)
_ISSUER_RE = re.compile(
    rf"\s*,?\s*\(?\s*cua\s+(?:(?P<issuer>{_ISSUER_ALT})\b(?:\s+dang\b)?(?:\s+khoa\s+[ivxl]+\b)?)?\s*\)?"
)
_ABOUT_RE = re.compile(r"\s*,?\s*ve\s+(?:viec\s+)?")
_CONNECTOR_RE = re.compile(r"[\s,;]*(?:(?:va|cung)\b)?[\s,;]*")
_ISSUED_BY_BEFORE_RE = re.compile(
    r"(?:^|[;:()\n.])\s*(?P<title>[^;:()\n.]{5,250}?)\s+(?:duoc\s+)?ban\s+hanh\s+"
    r"(?:kem\s+)?(?:theo|tai)\s+$"
)
_QUOTES = {"“": "”", '"': '"', "«": "»", "‘": "’"}
MAX_TITLE = 250


@dataclass
class _Mention:
    start: int
    end: int  # end of the number and what follows it (date, issuer)
    type_name: str
    parsed: numbers.ParsedNumber | None  # None for a loose "Quyết định 23"
    loose_number: int | None
    date: tuple[int, int, int | None] | None = None
    issuer: Issuer | None = None
    names_other_issuer: bool = False  # "của <someone we do not know>"
    title: str = ""


def _normalize(text):
    return without_lookalikes(unicodedata.normalize("NFC", text or "")).replace("\xa0", " ")


def _clean_title(value):
    value = re.sub(r"\s+", " ", value).strip(" ,;:-")
    value = re.sub(r"\s+(?:va|và)$", "", value).strip(" ,;:-")
    if not 3 <= len(value) <= MAX_TITLE:
        return ""
    return value[0].upper() + value[1:]


def _read_after(mention, text, folded, next_start):
    """Consume the date, the issuer and "về <trích yếu>" that follow a number."""
    pos = mention.end
    for _ in range(2):
        date = _DATE_RE.match(folded, pos)
        if date and mention.date is None:
            mention.date = (int(date["d"]), int(date["m"]), int(date["y"]) if date["y"] else None)
            pos = date.end()
        issuer = _ISSUER_RE.match(folded, pos)
        if issuer and mention.issuer is None and not mention.names_other_issuer:
            if issuer["issuer"]:
                mention.issuer = _ISSUER_BY_FOLDED[re.sub(r"\s+", " ", issuer["issuer"])]
            else:
                mention.names_other_issuer = True
            pos = issuer.end()
    mention.end = pos
    about = _ABOUT_RE.match(folded, pos)
    if about:
        mention.title = _title_after(text, folded, about.end(), next_start)


def _title_after(text, folded, pos, next_start):
    opening = text[pos : pos + 1]
    if opening in _QUOTES:
        close = text.find(_QUOTES[opening], pos + 1, pos + MAX_TITLE + 2)
        return _clean_title(text[pos + 1 : close]) if close > 0 else ""
    limit = min(len(text), pos + MAX_TITLE + 1, next_start if next_start > pos else len(text))
    stop = re.compile(rf"[;\n(]|\.(?:\s|$)|\s+va\s+(?:{_TYPE_ALT})\b").search(folded, pos, limit)
    if stop is None:
        return "" if limit - pos > MAX_TITLE else _clean_title(text[pos:limit])
    return _clean_title(text[pos : stop.start()])


def _mentions(text, folded):
    found = []
    for match in numbers.NUMBER_IN_TEXT_RE.finditer(folded):
        parsed = numbers.parse(text[match.start() : match.end()])
        if not parsed:
            continue
        before = _TYPE_BEFORE_RE.search(folded, max(0, match.start() - 40), match.start())
        type_name = _TYPE_BY_FOLDED[re.sub(r"\s+", " ", before["type"])] if before else ""
        law = None
        if not before and not parsed.type_abbr:
            law = _NAMED_LAW_BEFORE_RE.search(folded, max(0, match.start() - 160), match.start())
        mention = _Mention(
            before.start() if before else match.start(),
            match.end(),
            type_name or parsed.type_name,
            parsed,
            None,
        )
        if law:
            mention.start = law.start()
            mention.type_name = _TYPE_BY_FOLDED[re.sub(r"\s+", " ", law["type"])]
            mention.title = _clean_title(text[law.start("name") : law.end("name")])
        found.append(mention)
    for match in _LOOSE_RE.finditer(folded):
        value = int(match["num"])
        if value == 0 or 1900 <= value <= 2100 and len(match["num"]) == 4:
            continue
        if any(m.start <= match.start() < m.end for m in found):
            continue
        type_name = _TYPE_BY_FOLDED[re.sub(r"\s+", " ", match["type"])]
        found.append(_Mention(match.start(), match.end(), type_name, None, value))
    found.sort(key=lambda m: m.start)
    for index, mention in enumerate(found):
        next_start = found[index + 1].start if index + 1 < len(found) else len(text)
        _read_after(mention, text, folded, next_start)
        if mention.parsed and not mention.title:
            issued = _ISSUED_BY_BEFORE_RE.search(folded, max(0, mention.start - 300), mention.start)
            if issued:
                mention.title = _clean_title(text[issued.start("title") : issued.end("title")])
    # "Đề án 02, ngày 9/11/2021; Quy chế 05, ngày 9/12/2021 của Ban Thường vụ Tỉnh ủy": the
    # issuer at the end of a list applies to each item of it.
    for index in range(len(found) - 2, -1, -1):
        mention, following = found[index], found[index + 1]
        if mention.issuer or mention.names_other_issuer or not following.issuer:
            continue
        if mention.parsed and not _suffix_fits(following.issuer, mention.parsed):
            continue
        if _CONNECTOR_RE.fullmatch(folded, mention.end, following.start):
            mention.issuer = following.issuer
            # "… của BTV Tỉnh ủy về công tác dân vận" then describes the list, not one item.
            following.title = mention.title = ""
    return found


def _date(parts, default_year):
    if not parts:
        return None
    day, month, year = parts
    return make_date(day, month, year or default_year)


def _resolve(mention):
    """The canonical number of a mention, or None when the text does not pin it down."""
    if mention.parsed:
        return mention.parsed
    abbr = numbers.TYPE_NAMES.get(mention.type_name, "")
    issuer = mention.issuer
    if not abbr or issuer is None or issuer.suffix not in PARTY_SUFFIXES:
        return None
    return numbers.parse(f"{mention.loose_number}-{abbr}/{issuer.suffix}")


def _suffix_fits(issuer, parsed):
    """ "Bộ Chính trị" fits 23-QĐ/TW, "Quốc hội" fits 10/2022/QH15, "Chính phủ" not 25-NQ/TW."""
    first_part = parsed.issuer_suffix.split("-")[0]
    return first_part == issuer.suffix or first_part.startswith(issuer.suffix)


def _issuer_for(mention, parsed):
    issuer = mention.issuer
    return issuer.name if issuer is not None and _suffix_fits(issuer, parsed) else ""


def find_citations(text, default_year=None):
    """The numbered documents `text` cites, deduplicated, in order of first mention."""
    text = _normalize(text)
    folded = _fold(text)
    results = []  # CitedDocument, in order

    def merge(cited):
        for index, known in enumerate(results):
            if known.number != cited.number:
                continue
            if known.year and cited.year and known.year != cited.year:
                continue
            results[index] = replace(
                known,
                type_name=known.type_name or cited.type_name,
                issuer_name=known.issuer_name or cited.issuer_name,
                issue_date=known.issue_date or cited.issue_date,
                year=known.year or cited.year,
                title=known.title or cited.title,
            )
            return
        results.append(cited)

    mentions = _mentions(text, folded)
    bare = []
    for mention in mentions:
        parsed = _resolve(mention)
        if parsed is None:
            bare.append(mention)
            continue
        issue_date = _date(mention.date, default_year)
        merge(
            CitedDocument(
                number=parsed.number,
                type_name=mention.type_name or parsed.type_name,
                type_abbr=parsed.type_abbr,
                issuer_suffix=parsed.issuer_suffix,
                issuer_name=_issuer_for(mention, parsed),
                issue_date=issue_date,
                year=issue_date.year if issue_date else parsed.year,
                title=mention.title,
            )
        )
    # A later bare "Quyết định 23" is the document cited in full before (or after) it.
    for mention in bare:
        abbr = numbers.TYPE_NAMES.get(mention.type_name, "")
        same = [
            c
            for c in results
            if c.type_abbr == abbr and _leading_number(c.number) == mention.loose_number
        ]
        if len(same) == 1 and mention.title and not same[0].title:
            merge(replace(same[0], title=mention.title))
    return results


def _leading_number(number):
    match = re.match(r"\d+", number)
    return int(match.group()) if match else None
