"""Vietnamese text helpers: every piece of text that comes in or is matched goes through here."""

import re
import unicodedata

# Old-style ("hoà", "thuỷ") and new-style ("hòa", "thủy") tone placement differ only in which
# vowel carries the mark; once the marks are stripped both fold to the same letters, which is
# why `fold` needs no table for them. `normalize_tone_placement` is not needed for matching.

# Letters that look like Đ/đ and are typed for them (Icelandic eth, African D), and the dashes
# written for a hyphen: the one table of look-alikes, applied before matching anything.
LOOKALIKES = str.maketrans(
    {
        "\u00d0": "Đ",
        "\u00f0": "đ",
        "\u0189": "Đ",
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"),
    }
)
_DD = str.maketrans({"đ": "d", "Đ": "D"})
_NON_WORD = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")


def nfc(value):
    """Return `value` in Unicode NFC; non-strings pass through unchanged."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    return value


class CharTable(dict):
    """A `str.translate` table filled lazily: `convert(char)` once per distinct char seen.

    Converting char by char is exact for what is done here: decomposition works char by char
    and only combining marks are reordered, so mapping each char and composing the result once
    equals decomposing, filtering and composing the whole text — at a fraction of the cost on
    long texts (search fields of every saved row, snippets of search results).
    """

    def __init__(self, convert):
        super().__init__()
        self.convert = convert

    def __missing__(self, code):
        self[code] = value = self.convert(chr(code))
        return value


def without_lookalikes(value):
    """`value` with look-alike letters as Đ/đ and every dash as a hyphen."""
    return value.translate(LOOKALIKES)


def _without_marks(char):
    decomposed = unicodedata.normalize("NFD", char.translate(LOOKALIKES).translate(_DD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_STRIPPED = CharTable(_without_marks)


def strip_accents(value):
    """Remove every diacritic, including the stroke of đ/Đ, keeping case."""
    return unicodedata.normalize("NFC", value.translate(_STRIPPED))


def fold(value):
    """The form used for matching: lower case, no diacritics, single spaces.

    "Dân vận KHÉO" -> "dan van kheo"; NFC and NFD input, and old and new tone
    placement ("hoà"/"hòa"), give the same result.
    """
    if not value:
        return ""
    return _SPACES.sub(" ", strip_accents(value).casefold()).strip()


# `fold` char by char, for mapping matches back onto the original text (search snippets): most
# chars fold to one char, some to none or several ("ß" -> "ss").
FOLDED_CHARS = CharTable(
    lambda char: strip_accents(char).casefold() if char.isalpha() else char.lower()
)


def _one_folded_char(char):
    folded = (_without_marks(char)[:1] or char).lower()
    return folded if len(folded) == 1 else char


_FOLDED_ONE = CharTable(_one_folded_char)


def fold_chars(value):
    """`fold` one character for one (no space collapsing, no stripping), so that a match found
    in the result is at the same offsets in `value`: "Quyết định" -> "quyet dinh"."""
    return value.translate(_FOLDED_ONE)


def words(value):
    """The folded words of `value`, punctuation removed."""
    return [w for w in _NON_WORD.split(fold(value)) if w]


def slugify(value, max_length=None):
    """An ASCII slug that keeps Vietnamese readable: "Đảng ủy" -> "dang-uy"."""
    slug = "-".join(words(value or ""))
    if max_length and len(slug) > max_length:
        slug = (
            slug[:max_length].rsplit("-", 1)[0] if "-" in slug[:max_length] else slug[:max_length]
        )
    return slug.strip("-")


# C0 and C1 control characters (DEL included). A title with U+000B (Word's Shift+Enter, pasted)
# made the feeds fail; tab and newline are kept only where text may have lines.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_SINGLE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def strip_control_chars(value, multiline=True):
    """`value` without control characters; with `multiline`, tab, newline and CR are kept.

    Non-strings pass through unchanged.
    """
    if not isinstance(value, str):
        return value
    return (_CONTROL if multiline else _CONTROL_SINGLE_LINE).sub("", value)


# Vietnamese alphabetical order: "Đ" after "D", "Ă Â" after "A", tones ranked ngang, huyền,
# hỏi, ngã, sắc, nặng (dictionary order), letters first, tones only to break ties.
_ALPHABET = {letter: rank for rank, letter in enumerate("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")}
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter
_TONE_MARKS = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def collation_key(value):
    """Sort key putting Vietnamese text in dictionary order: sorted(names, key=collation_key)."""
    letters, tones = [], []
    for char in nfc(value or "").casefold():
        decomposed = unicodedata.normalize("NFD", char)
        marks = decomposed[1:]
        letter = unicodedata.normalize(
            "NFC", decomposed[0] + "".join(m for m in marks if m in _LETTER_MARKS)
        )
        letters.append(_ALPHABET.get(letter, 100 + ord(letter[0])))
        tones.append(max((_TONE_MARKS.get(m, 0) for m in marks), default=0))
    return (tuple(letters), tuple(tones), value or "")
