"""The source portal's own tags: an article's keyword line ("Từ khóa: Dân vận khéo; Quy chế
dân chủ", "Tags: …", "Thẻ: …") -> keywords, then topics of the vocabulary.

The line is page furniture for the body (`core.chrome` drops it), but it says what the source's
editors filed the article under. Each keyword that names a topic of the vocabulary (its name or
one of its phrases, accent- and case-insensitively, a small typo allowed) proposes that topic
like any other match; a keyword the vocabulary does not know is listed for the editor and never
becomes a topic by itself.
"""

import re

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from core.text import fold, nfc, words

from .topics import match_topics

# The label, folded: "Từ khóa", "Từ khoá bài viết", "Tags", "Tag", "Thẻ", "Nhãn".
_LABEL = re.compile(r"^\s*(?:cac\s+)?(?:tu\s+khoa|tags?|the|nhan)(?:\s+bai\s+viet)?\s*:\s*")
_SEPARATORS = re.compile(r"\s*[,;|]\s*")
MAX_KEYWORD_WORDS = 12  # longer pieces are sentences, not tags


def keywords_in_line(line):
    """["Dân vận khéo", "Quy chế dân chủ"] from "Từ khóa: Dân vận khéo, Quy chế dân chủ";
    None when `line` is not a keyword line."""
    text = nfc(line).strip()
    match = _LABEL.match(fold(text))
    if match is None:
        return None
    # The label holds no colon: the one ending it is the first of the line.
    rest = text.split(":", 1)[1]
    return unique(_SEPARATORS.split(rest))


def unique(pieces):
    """Cleaned keywords in their order, each once (compared folded), sentences left out."""
    found, seen = [], set()
    for piece in pieces:
        keyword = re.sub(r"\s+", " ", piece).strip(" .#\t")
        key = fold(keyword)
        if not words(keyword) or key in seen or len(keyword.split()) > MAX_KEYWORD_WORDS:
            continue
        seen.add(key)
        found.append(keyword)
    return found


def source_keywords(lines):
    """Every keyword of the keyword lines among `lines` (the page furniture a parser dropped)."""
    pieces = []
    for line in lines:
        pieces.extend(keywords_in_line(line) or [])
    return tuple(unique(pieces))


def _typos_allowed(key):
    """Edits a keyword may be away from a phrase: none for a short one ("MTTQ", "HTX")."""
    if len(key) <= 5:
        return 0
    return 1 if len(key) <= 10 else 2


def match_keywords(keywords, vocabulary):
    """(topic names, unknown keywords): each keyword as a topic of `vocabulary`
    ([(name, phrases)]) when it is the topic's name or one of its phrases (or holds one as
    whole words), a typo or two allowed; else unknown."""
    forms = {}  # folded name or phrase -> topic name
    for name, phrases in vocabulary:
        for phrase in (name, *phrases):
            key = " ".join(words(phrase))
            if key:
                forms.setdefault(key, name)
    topics, unknown = [], []
    for keyword in keywords:
        key = " ".join(words(keyword))
        named = forms.get(key) or next(iter(match_topics(keyword, vocabulary)), None)
        if named is None and _typos_allowed(key):
            close = process.extractOne(
                key, list(forms), scorer=Levenshtein.distance, score_cutoff=_typos_allowed(key)
            )
            named = forms[close[0]] if close else None
        if named is None:
            unknown.append(keyword)
        elif named not in topics:
            topics.append(named)
    return topics, unknown


def keyword_warnings(keywords, unknown):
    """What the editor is told: the source's tags as written, and those no topic matches."""
    if not keywords:
        return []
    lines = [f"Từ khóa tại trang nguồn: {', '.join(keywords)}."]
    if unknown:
        lines.append(
            f"Từ khóa chưa có trong danh mục chủ đề: {', '.join(unknown)} "
            "(không tự tạo chủ đề mới; biên tập viên thêm chủ đề hoặc quy tắc nếu cần)."
        )
    return lines


def keywords_in_page(tree):
    """The keywords of a saved page's keyword line (lxml tree), outside side columns and
    menus: the texts of its links when it has links ("Tags: <a>…</a> <a>…</a>" needs no
    commas), else its text split at the separators."""
    for element in tree.iter("p", "div", "span", "li", "ul", "section", "footer", "dd", "dl"):
        if element.xpath("ancestor-or-self::aside | ancestor-or-self::nav"):
            continue
        text = re.sub(r"\s+", " ", element.text_content()).strip()
        if len(text) > 600 or _LABEL.match(fold(text)) is None:
            continue
        # The innermost element holding the label and its keywords, not a wrapper around more.
        inner = [
            child
            for child in element
            if isinstance(child.tag, str) and _LABEL.match(fold(child.text_content().strip()))
        ]
        if any(keywords_in_line(child.text_content()) for child in inner):
            continue
        links = [re.sub(r"\s+", " ", a.text_content()).strip() for a in element.iter("a")]
        found = unique(links) if links else keywords_in_line(text)
        if found:
            return tuple(found)
    return ()
