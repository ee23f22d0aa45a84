"""Bylines as Vietnamese portals print them, kept as written (what an editor would type).

"Phạm Anh Thiện"; with a unit in brackets "Trần Thu Trang (Trung tâm Văn hóa - Thông tin
huyện)" or after a dash "Ngọc Lan - Ban Dân vận Tỉnh ủy"; a signature abbreviation "BDV",
"P.V"; a labelled line at the top or the end "Bài và ảnh: Minh Châu"; several authors
"Thu Hà - Văn Nam", "Thu Hà, Văn Nam và Hoàng Phúc".
"""

import re

from core.text import fold

_PREFIX = re.compile(
    r"^(?:bài\s*(?:và|,|&|\+)?\s*ảnh|tin\s*(?:và|,|&|\+)?\s*ảnh|bài|tin|ảnh|tác giả|người viết"
    r"|nhóm phóng viên|phóng viên|pv|ctv|đăng bởi|posted by|by)\s*:\s*",
    re.I,
)
# "BDV", "P.V", "TTXVN", "BDVTU": 2-8 capitals, dots allowed, nothing else on the line.
_SIGNATURE = re.compile(r"^(?:[A-ZĐ]\.?){2,8}$")
_UNIT_IN_BRACKETS = re.compile(r"^(?P<names>[^()]+?)\s*\((?P<unit>[^()]{3,120})\)$")
_DASH = re.compile(r"\s+[-–]\s+")
_AUTHOR_SEPARATORS = re.compile(r"\s*,\s*|\s+[-–]\s+|\s+và\s+|\s*;\s*")
# Folded starts of a unit's name: "Ban Dân vận …", "Trung tâm …", "Báo …", "Phòng …".
UNIT_STARTS = (
    "ban ",
    "bao ",
    "cong thong tin",
    "trang thong tin",
    "dang uy",
    "dang bo",
    "tinh uy",
    "thanh uy",
    "huyen uy",
    "so ",
    "phong ",
    "ubnd",
    "hdnd",
    "mttq",
    "uy ban",
    "hoi ",
    "trung tam",
    "vien ",
    "bo ",
    "cuc ",
    "van phong",
    "tap chi",
    "dai ",
    "dai truyen hinh",
    "truong ",
    "cong an",
    "doan ",
    "lien doan",
    "huyen doan",
    "tinh doan",
)
MAX_LENGTH = 160


def is_unit(text):
    """A unit's or an organisation's name ("Ban Dân vận Tỉnh ủy", "Trung tâm …"): a trailing
    "Ban Dân vận Tỉnh uỷ" is the portal or the commission, not a person."""
    return fold(text).startswith(UNIT_STARTS) and len(text.split()) <= 12


def _is_name(part, alone):
    """A person's name: 2-5 capitalised words (one word when labelled or among several)."""
    words = part.split()
    if not words or len(words) > 5 or (len(words) < 2 and alone):
        return False
    return all(w[0].isupper() and w.replace(".", "").isalpha() for w in words)


def _names(text, labelled):
    """True when `text` is one or several names ("Thu Hà, Văn Nam và Hoàng Phúc")."""
    parts = [p for p in _AUTHOR_SEPARATORS.split(text) if p]
    if not parts or is_unit(text):
        return False
    alone = len(parts) == 1 and not labelled
    return all(_is_name(p, alone) for p in parts)


def parse_byline(text, labelled=False):
    """The byline as written when `text` is a byline line, else None."""
    text = text.strip().rstrip(" .")
    if not labelled:
        found = labelled_byline(text)
        if found is not None:
            return found
    if not text or len(text) > MAX_LENGTH or any(ch.isdigit() for ch in text):
        return None
    if _SIGNATURE.match(text):
        return text
    bracketed = _UNIT_IN_BRACKETS.match(text)
    if bracketed:
        ok = is_unit(bracketed["unit"]) and _names(bracketed["names"], True)
        return text if ok else None
    pieces = _DASH.split(text)
    if len(pieces) == 2 and is_unit(pieces[1]) and _names(pieces[0], True):
        return text  # "Ngọc Lan - Ban Dân vận Tỉnh ủy"
    return text if _names(text, labelled) else None


def labelled_byline(text):
    """The byline of a labelled line ("Bài và ảnh: Minh Châu"), else None."""
    text = text.strip().rstrip(" .")
    rest = _PREFIX.sub("", text).strip(" .")
    if rest == text or not rest:
        return None
    return parse_byline(rest, labelled=True)


# How the names of portals and units are written, for a name printed in capitals.
KNOWN_NAMES = (
    "Cổng thông tin điện tử",
    "Trang thông tin điện tử",
    "Ban Tuyên giáo và Dân vận Tỉnh ủy",
    "Ban Tuyên giáo và Dân vận Thành ủy",
    "Ban Dân vận Trung ương",
    "Ban Dân vận Tỉnh ủy",
    "Ban Dân vận Thành ủy",
    "Ban Dân vận Huyện ủy",
    "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "Đảng ủy Khối các cơ quan Trung ương",
    "Ủy ban nhân dân",
)
_KNOWN_WORDS = sorted((name.split() for name in KNOWN_NAMES), key=len, reverse=True)


def readable_name(line):
    """ "BAN DÂN VẬN TỈNH ỦY QUẢNG NAM" -> "Ban Dân vận Tỉnh ủy Quảng Nam": known names as they
    are written, other words (place names) capitalised. A name not in capitals is kept."""
    if not line.isupper():
        return line
    words, result, index = line.split(), [], 0
    while index < len(words):
        for known in _KNOWN_WORDS:
            if fold(" ".join(words[index : index + len(known)])) == fold(" ".join(known)):
                result.extend(known)
                index += len(known)
                break
        else:
            result.append(words[index].capitalize())
            index += 1
    return " ".join(result)
