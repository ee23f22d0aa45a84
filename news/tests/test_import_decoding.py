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


# "Ban Dân vận Tỉnh ủy tổ chức hội nghị đánh giá công tác dân vận tại Đà Nẵng" in the two
# font encodings of the 1990s that no maintained library converts.
TCVN3 = (
    b"Ban D\xa9n v\xcbn T\xd8nh \xf1y t\xda ch\xf3c h\xddi ngh\xde \xae\xb8nh gi\xb8 "
    b"c\xabng t\xb8c d\xa9n v\xcbn t\xb9i \xa7\xb5 N\xb5ng\r\n"
)
VNI = (
    b"Ban Da\xe2n va\xe4n T\xe6nh u\xfby to\xe5 ch\xf6\xf9c ho\xe4i ngh\xf2 \xf1a\xf9nh gia\xf9 "
    b"co\xe2ng ta\xf9c da\xe2n va\xe4n ta\xefi \xd1a\xf8 Na\xf5ng\r\n"
)


@pytest.mark.parametrize(("data", "name"), [(TCVN3, "TCVN3"), (VNI, "VNI")])
def test_a_font_encoding_is_named_in_the_error(data, name):
    with pytest.raises(ImportProblem, match=f"bảng mã {name}"):
        decode_bytes(data)


def test_no_break_and_zero_width_spaces_and_controls_are_normalised():
    text = decode_bytes("Dân\u200b vận\x0b khéo\u00ad\r\n".encode())
    assert text == "Dân vận khéo\n"
