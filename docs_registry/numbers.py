"""Document numbers (số ký hiệu): read the forms people write into one canonical form.

Party documents are written `<number>-<type>/<issuer>` ("23-QĐ/TW"), state legal documents
`<number>/<year>/<type>-<issuer>` ("59/2023/NĐ-CP", "10/2022/QH15") and administrative ones
`<number>/<type>-<issuer>` ("959/QĐ-UBND"). `parse()` returns None for anything else; it never
raises. Matching runs on a same-length folded copy of the text (`core.text.fold_chars`), so "QD",
"qđ" and "QĐ" agree.
"""

import re
import unicodedata
from dataclasses import dataclass

from core.text import fold_chars, without_lookalikes

# Written type names and their usual abbreviation (Party usage). The order matters only for
# display; regexes sort by length.
TYPE_NAMES = {
    "Nghị quyết liên tịch": "NQLT",
    "Thông tư liên tịch": "TTLT",
    "Nghị quyết": "NQ",
    "Quyết định": "QĐ",
    "Quy định": "QĐi",
    "Chỉ thị": "CT",
    "Kết luận": "KL",
    "Quy chế": "QC",
    "Hướng dẫn": "HD",
    "Kế hoạch": "KH",
    "Đề án": "ĐA",
    "Thông báo": "TB",
    "Báo cáo": "BC",
    "Chương trình": "CTr",
    "Thông tri": "TT",
    "Thông tư": "TT",
    "Nghị định": "NĐ",
    "Công văn": "CV",
    "Tờ trình": "TTr",
    "Luật": "",
    "Pháp lệnh": "",
}

# Canonical spelling of known abbreviations, keyed by their folded form.
TYPE_ABBRS = {
    "nq": "NQ",
    "qd": "QĐ",
    "qdi": "QĐi",
    "ct": "CT",
    "kl": "KL",
    "qc": "QC",
    "hd": "HD",
    "kh": "KH",
    "da": "ĐA",
    "tb": "TB",
    "bc": "BC",
    "ctr": "CTr",
    "tt": "TT",
    "nd": "NĐ",
    "cv": "CV",
    "ttr": "TTr",
    "nqlt": "NQLT",
    "ttlt": "TTLT",
    "ql": "QL",
    "ctlt": "CTLT",
}

# Type names for an abbreviation when the text names none (Party usage; "TT" depends on form).
PARTY_TYPE_FOR_ABBR = {
    abbr: name for name, abbr in TYPE_NAMES.items() if abbr and name not in ("Thông tư",)
}
STATE_TYPE_FOR_ABBR = {**PARTY_TYPE_FOR_ABBR, "TT": "Thông tư", "QĐ": "Quyết định"}

ISSUER_PARTS = {
    "tw": "TW",
    "tu": "TU",
    "hu": "HU",
    "thu": "THU",
    "qu": "QU",
    "du": "ĐU",
    "duk": "ĐUK",
    "bdvtu": "BDVTU",
    "bdvtw": "BDVTW",
    "btctu": "BTCTU",
    "btgtu": "BTGTU",
    "btgdvtu": "BTGDVTU",
    "ubktu": "UBKTTU",
    "cp": "CP",
    "ttg": "TTg",
    "ubnd": "UBND",
    "hdnd": "HĐND",
    "ubtvqh": "UBTVQH",
    "mttq": "MTTQ",
}

_LETTERS = r"[a-z]"

PARTY_RE = re.compile(
    rf"(?P<num>\d{{1,5}})\s*-\s*(?P<type>{_LETTERS}{{1,5}})\s*/\s*"
    rf"(?P<issuer>{_LETTERS}{{1,10}}\d{{0,2}}(?:\s*-\s*{_LETTERS}{{1,10}}\d{{0,2}}){{0,3}})"
)
STATE_RE = re.compile(
    rf"(?P<num>\d{{1,5}})\s*/\s*(?P<year>\d{{4}})\s*/\s*"
    rf"(?P<rest>{_LETTERS}{{1,10}}\d{{0,2}}(?:\s*-\s*{_LETTERS}{{1,10}}\d{{0,2}}){{0,3}})"
)
ADMIN_RE = re.compile(
    rf"(?P<num>\d{{1,5}})\s*/\s*(?P<type>{_LETTERS}{{1,5}})\s*-\s*"
    rf"(?P<issuer>{_LETTERS}{{1,10}}\d{{0,2}}(?:\s*-\s*{_LETTERS}{{1,10}}\d{{0,2}}){{0,3}})"
)
# "23 qđ tw": only with a known type and issuer, being so loose.
SPACED_RE = re.compile(
    rf"(?P<num>\d{{1,5}})\s+(?P<type>{_LETTERS}{{1,5}})\s+(?P<issuer>{_LETTERS}{{1,10}})"
)

# Boundaries for finding numbers inside running text.
_BEFORE = r"(?<![\w/\-])"
_AFTER = r"(?![\w/])"
NUMBER_IN_TEXT_RE = re.compile(
    _BEFORE
    + "(?:"
    + STATE_RE.pattern
    + "|"
    + PARTY_RE.pattern.replace("?P<", "?P<p_")
    + "|"
    + ADMIN_RE.pattern.replace("?P<", "?P<a_")
    + ")"
    + _AFTER
)


@dataclass(frozen=True)
class ParsedNumber:
    number: str  # canonical: "23-QĐ/TW", "59/2023/NĐ-CP"
    type_abbr: str  # "QĐ"; "" when the number carries none ("10/2022/QH15")
    issuer_suffix: str  # "TW", "NĐ-CP" -> "CP", "BTCTU-BDVTU"
    year: int | None  # only state numbers carry it
    type_name: str  # "Quyết định"; the written name when given, else from the abbreviation
    is_party: bool


def normalize(value):
    """NFC, look-alikes of Đ and dashes as in `core.text.LOOKALIKES`, single spaces."""
    return re.sub(r"\s+", " ", without_lookalikes(unicodedata.normalize("NFC", value)))


def _canonical_abbr(raw_original, folded):
    folded = folded.replace(" ", "")
    if folded in TYPE_ABBRS:
        return TYPE_ABBRS[folded]
    return raw_original.replace(" ", "").upper()


def _canonical_issuer(raw_original, folded):
    parts_o = [p.strip() for p in raw_original.split("-")]
    parts_f = [p.strip() for p in folded.split("-")]
    out = []
    for orig, fold in zip(parts_o, parts_f, strict=True):
        match = re.fullmatch(r"([a-z]+)(\d*)", fold)
        if not match:
            return None
        letters, digits = match.groups()
        if letters in ISSUER_PARTS:
            out.append(ISSUER_PARTS[letters] + digits)
        elif letters == "qh":
            out.append("QH" + digits)
        else:
            out.append(orig.upper())
    return "-".join(out)


def _pad(num):
    value = int(num)
    if value <= 0:
        return None
    return f"{value:02d}"


def _from_match(kind, groups, original, folded, spans):
    """Build a ParsedNumber from regex groups; `spans` maps group name -> (start, end)."""

    def orig(name):
        start, end = spans[name]
        return original[start:end]

    num = _pad(groups["num"])
    if num is None:
        return None
    if kind == "state":
        year = int(groups["year"])
        if not 1945 <= year <= 2100:
            return None
        rest_f = groups["rest"]
        rest_o = orig("rest")
        pieces_f = [p.strip() for p in rest_f.split("-")]
        pieces_o = [p.strip() for p in rest_o.split("-")]
        abbr = ""
        if len(pieces_f) > 1 and pieces_f[0] in TYPE_ABBRS:
            abbr = TYPE_ABBRS[pieces_f[0]]
            pieces_f, pieces_o = pieces_f[1:], pieces_o[1:]
        issuer = _canonical_issuer("-".join(pieces_o), "-".join(pieces_f))
        if not issuer:
            return None
        prefix = f"{abbr}-" if abbr else ""
        return ParsedNumber(
            f"{num}/{year}/{prefix}{issuer}",
            abbr,
            issuer,
            year,
            STATE_TYPE_FOR_ABBR.get(abbr, ""),
            False,
        )
    abbr = _canonical_abbr(orig("type"), groups["type"])
    issuer = _canonical_issuer(orig("issuer"), groups["issuer"])
    if not issuer:
        return None
    if kind == "admin":
        if groups["type"] not in TYPE_ABBRS:
            return None
        return ParsedNumber(
            f"{num}/{abbr}-{issuer}", abbr, issuer, None, STATE_TYPE_FOR_ABBR.get(abbr, ""), False
        )
    return ParsedNumber(
        f"{num}-{abbr}/{issuer}", abbr, issuer, None, PARTY_TYPE_FOR_ABBR.get(abbr, ""), True
    )


def _type_name_prefix_re():
    names = sorted(TYPE_NAMES, key=len, reverse=True)
    alternatives = "|".join(re.escape(fold_chars(n)) for n in names)
    abbrs = "|".join(sorted(TYPE_ABBRS, key=len, reverse=True))
    return re.compile(rf"^(?:(?P<name>{alternatives})|(?:{abbrs}))\.?\s*(?:so\b\s*:?\s*)?")


_PREFIX_RE = _type_name_prefix_re()
_FOLDED_TYPE_NAMES = {fold_chars(n): n for n in TYPE_NAMES}


def parse(value):
    """Parse one written number ("Quyết định số 503-QĐ/ĐUK", "23 qđ tw") or return None."""
    if not isinstance(value, str) or len(value) > 200:
        return None
    try:
        return _parse(value)
    except (ValueError, KeyError, IndexError):  # defensive: parse never raises
        return None


def _parse(value):
    original = normalize(value).strip().strip(".,;")
    folded = fold_chars(original)
    type_name = ""
    prefix = _PREFIX_RE.match(folded)
    # Only a prefix when a number follows ("QĐ 23-QĐ/TW", not "qd" alone).
    if prefix and re.match(r"\d", folded[prefix.end() :]):
        if prefix.group("name"):
            type_name = _FOLDED_TYPE_NAMES[prefix.group("name")]
        original, folded = original[prefix.end() :], folded[prefix.end() :]
    for kind, regex in (
        ("state", STATE_RE),
        ("party", PARTY_RE),
        ("admin", ADMIN_RE),
        ("spaced", SPACED_RE),
    ):
        match = regex.fullmatch(folded)
        if not match:
            continue
        if kind == "spaced":
            if match["type"] not in TYPE_ABBRS or match["issuer"] not in ISSUER_PARTS:
                return None
            kind = "party"
        spans = {name: match.span(name) for name in match.groupdict()}
        parsed = _from_match(kind, match.groupdict(), original, folded, spans)
        if parsed and type_name:
            parsed = ParsedNumber(
                parsed.number,
                parsed.type_abbr,
                parsed.issuer_suffix,
                parsed.year,
                type_name,
                parsed.is_party,
            )
        return parsed
    return None


# -- Loose forms for search boxes ------------------------------------------------------------

# "NQ25", "QĐ 23", "quyết định số 23": a type and a number, no issuer.
_TYPE_AND_NUMBER_RE = re.compile(rf"^(?P<type>{_LETTERS}{{1,5}})\s*\.?\s*(?P<num>\d{{1,5}})$")


@dataclass(frozen=True)
class NumberLookup:
    """What a search box's text asks for: exact canonical numbers, or a number and a type."""

    numbers: tuple  # canonical forms, any of which is the document ("23-QĐ/TW", "23/QĐ-TW")
    num: str = ""  # "25" (padded as stored) when only a number and a type were given
    type_abbr: str = ""  # "NQ"


def lookup(value):
    """Read a search box's text as a document number, or return None.

    Full numbers in any written form, with the Party and administrative shapes taken as the same
    number when the text gives no year ("23/QĐ-TW" finds "23-QĐ/TW"); a type with a number only
    ("NQ25", "quyết định 23") asks for every number of that type with that number.
    """
    parsed = parse(value)
    if parsed:
        forms = [parsed.number]
        if parsed.year is None and parsed.type_abbr:
            num = parsed.number.split("-" if parsed.is_party else "/", 1)[0]
            forms.append(
                f"{num}/{parsed.type_abbr}-{parsed.issuer_suffix}"
                if parsed.is_party
                else f"{num}-{parsed.type_abbr}/{parsed.issuer_suffix}"
            )
        return NumberLookup(tuple(forms))
    if not isinstance(value, str) or len(value) > 200:
        return None
    folded = fold_chars(normalize(value).strip().strip(".,;"))
    prefix = _PREFIX_RE.match(folded)
    if prefix and prefix.group("name"):
        abbr = TYPE_NAMES[_FOLDED_TYPE_NAMES[prefix.group("name")]]
        rest = folded[prefix.end() :].strip()
        match = re.fullmatch(r"\d{1,5}", rest) if abbr else None
        return NumberLookup((), _pad(rest), abbr) if match and _pad(rest) else None
    match = _TYPE_AND_NUMBER_RE.match(folded)
    if match and match["type"] in TYPE_ABBRS and _pad(match["num"]):
        return NumberLookup((), _pad(match["num"]), TYPE_ABBRS[match["type"]])
    return None
