"""Bytes -> text: the encodings copied articles arrive in, and files that are not articles."""

import codecs
import unicodedata
from pathlib import Path

import pytest

from news.importing.decoding import ImportProblem, decode_bytes

SAMPLES = Path(__file__).parent / "samples"
TEXT = "Dân vận khéo\r\nQuy chế dân chủ ở cơ sở\r\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        unicodedata.normalize("NFD", TEXT).encode("utf-8"),
        TEXT.replace("\r\n", "\r").encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "nfd", "old-mac-cr"],
)
def test_every_supported_encoding_gives_the_same_nfc_text(data):
    assert decode_bytes(data) == "Dân vận khéo\nQuy chế dân chủ ở cơ sở\n"


def test_windows_1258_file_is_read_with_its_tone_marks():
    text = decode_bytes((SAMPLES / "legacy_cp1258.txt").read_bytes())
    assert text.startswith("Hội nghị sơ kết công tác tôn giáo 6 tháng đầu năm 2021\n")
    assert unicodedata.is_normalized("NFC", text)
    assert "\r" not in text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "tệp rỗng"),
        (b"  \r\n\n ", "tệp rỗng"),
        (codecs.BOM_UTF8, "tệp rỗng"),
        ((SAMPLES / "binary.bin").read_bytes(), "tệp nhị phân"),
        (bytes(range(32)) * 20, "tệp nhị phân"),
    ],
    ids=["empty", "blank", "bom-only", "png", "control-bytes"],
)
def test_files_that_are_not_text_give_a_clear_reason(data, reason):
    with pytest.raises(ImportProblem, match=reason):
        decode_bytes(data)
