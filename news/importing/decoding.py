"""Bytes from a copied article -> clean NFC text, or a clear reason why not."""

import codecs
import re
import unicodedata

from core.text import strip_control_chars


class ImportProblem(Exception):
    """A file that cannot be imported; the message is one line for the operator."""


# Order matters: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Windows-1258 is the legacy Vietnamese code page (tone marks as combining characters).
LEGACY_ENCODING = "cp1258"
# Invisible characters that copy-paste leaves behind; NBSP becomes an ordinary space.
_INVISIBLE = str.maketrans(
    {"\u200b": "", "\u200c": "", "\u200d": "", "\u2060": "", "\ufeff": "", "\xad": ""}
)


def decode_bytes(data):
    """Decode `data` (UTF-8 with or without BOM, UTF-16/32 with BOM, or Windows-1258).

    Returns NFC text with "\\n" line ends. Raises `ImportProblem` for empty or binary input.
    """
    if not data.strip():
        raise ImportProblem("tệp rỗng (empty file)")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise ImportProblem(f"không giải mã được {encoding} ({exc.reason})") from None
            return _clean(text)
    if b"\x00" in data:
        raise ImportProblem("tệp nhị phân, không phải văn bản (binary file)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        font_encoding = legacy_font_encoding(data)
        if font_encoding:
            raise ImportProblem(
                f"tệp dùng bảng mã {font_encoding}, chưa đọc được: hãy mở bằng Word hoặc Unikey "
                "và lưu lại dạng Unicode (UTF-8) rồi nhập lại"
            ) from None
        try:
            text = data.decode(LEGACY_ENCODING)
        except UnicodeDecodeError:
            raise ImportProblem("không nhận ra bảng mã (unknown text encoding)") from None
    return _clean(text)


# TCVN3 (ABC) puts the Vietnamese letters on 0xA1-0xFF: "®" đ, "©" â, "ª" ê, "«" ô, "¬" ơ,
# "\xad" ư, "¸" á, "µ" à … bytes Windows-1258 text never has between letters. VNI writes a
# vowel plus a byte for the mark ("aø" à, "aâ" â) and đ as "ñ", pairs Windows-1258 never has.
_TCVN3_LETTERS = re.compile(rb"[A-Za-z][\xa7-\xae\xb5-\xbe]|[\xa7-\xae\xb5-\xbe][a-z]")
_VNI_LETTERS = re.compile(
    rb"[AEIOUYaeiouy][\xf8\xf9\xfb\xef\xe4\xe5]|[AEOaeo]\xe2|[\xd1\xf1][aeiou]"
)


def legacy_font_encoding(data):
    """ "TCVN3 (ABC)" or "VNI" when `data` looks written in one of those font encodings.

    No maintained library converts them, so the importer names the encoding instead of
    storing mojibake. Windows-1258 text has neither pattern often (its marks are combining
    characters 0xCC, 0xEC, 0xD2, 0xDE, 0xF2 and its đ is 0xF0).
    """
    words = max(1, len(data.split()))
    if len(_VNI_LETTERS.findall(data)) * 8 >= words:
        return "VNI"
    if len(_TCVN3_LETTERS.findall(data)) * 8 >= words:
        return "TCVN3 (ABC)"
    return None


def _clean(text):
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    kept = strip_control_chars(text)  # the one rule for control characters (tab, newline kept)
    if len(text) - len(kept) > max(3, len(text) // 100):
        raise ImportProblem("tệp nhị phân, không phải văn bản (binary file)")
    text = kept.translate(_INVISIBLE)
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise ImportProblem("tệp rỗng (empty file)")
    return text
