import pytest
from hypothesis import given
from hypothesis import strategies as st

from docs_registry.citations import find_citations
from docs_registry.numbers import parse


@pytest.mark.parametrize(
    ("written", "number", "abbr", "suffix", "year"),
    [
        ("Quyết định số 503-QĐ/ĐUK", "503-QĐ/ĐUK", "QĐ", "ĐUK", None),
        ("QĐ 23-QĐ/TW", "23-QĐ/TW", "QĐ", "TW", None),
        ("23-qđ/tw", "23-QĐ/TW", "QĐ", "TW", None),
        ("23-QD/TW", "23-QĐ/TW", "QĐ", "TW", None),
        ("23 qđ tw", "23-QĐ/TW", "QĐ", "TW", None),
        ("Nghị định 59/2023/NĐ-CP", "59/2023/NĐ-CP", "NĐ", "CP", 2023),
        ("10/2022/QH15", "10/2022/QH15", "", "QH15", 2022),
        ("959/QĐ-UBND", "959/QĐ-UBND", "QĐ", "UBND", None),
        ("05-QC/BTCTU-BDVTU", "05-QC/BTCTU-BDVTU", "QC", "BTCTU-BDVTU", None),
        ("08-QĐi/TW", "08-QĐi/TW", "QĐi", "TW", None),
        ("23-Q\u00d0/TW", "23-QĐ/TW", "QĐ", "TW", None),  # look-alike Ð (U+00D0)
        ("23\u2013QĐ/TW", "23-QĐ/TW", "QĐ", "TW", None),  # en-dash
        ("23 - QĐ / TW", "23-QĐ/TW", "QĐ", "TW", None),
        ("5-qc/tu", "05-QC/TU", "QC", "TU", None),  # zero-padded below 10
        ("26/2020/TT-BTTTT", "26/2020/TT-BTTTT", "TT", "BTTTT", 2020),
        ("Kết luận số 43-KL/TW.", "43-KL/TW", "KL", "TW", None),
    ],
)
def test_written_forms_give_the_canonical_number(written, number, abbr, suffix, year):
    parsed = parse(written)
    assert parsed is not None
    assert (parsed.number, parsed.type_abbr, parsed.issuer_suffix, parsed.year) == (
        number,
        abbr,
        suffix,
        year,
    )


def test_type_name_comes_from_the_words_not_only_the_abbreviation():
    # A Quy định often carries QĐ: the written name decides.
    assert parse("Quy định 08-QĐ/TW").type_name == "Quy định"
    assert parse("08-QĐ/TW").type_name == "Quyết định"
    assert parse("26/2020/TT-BTTTT").type_name == "Thông tư"


def test_nfd_input_gives_the_same_number():
    import unicodedata

    assert parse(unicodedata.normalize("NFD", "23-QĐ/ĐUK")).number == "23-QĐ/ĐUK"


@pytest.mark.parametrize(
    "malformed",
    [
        "",
        "   ",
        "abc",
        "23",
        "QĐ/TW",
        "-QĐ/TW",
        "23-QĐ",
        "0-QĐ/TW",
        "999999-QĐ/TW",
        "59/1023/NĐ-CP",
        "30/12/2021",
        "2021-2025",
        "23 ab cd",
        "quy che dan van",
        "23-QĐ/TW/TW/" * 30,
        None,
        42,
    ],
)
def test_malformed_input_returns_none(malformed):
    assert parse(malformed) is None


@given(st.text(max_size=80))
def test_parse_never_raises(value):
    result = parse(value)
    assert result is None or result.number


def test_numbers_in_running_text_skip_dates_and_ranges():
    text = (
        "theo Nghị quyết số 25-NQ/TW, Nghị định 59/2023/NĐ-CP ngày 30/12/2021 "
        "giai đoạn 2021-2025; Quyết định 959/QĐ-UBND."
    )
    assert [cited.number for cited in find_citations(text)] == [
        "25-NQ/TW",
        "59/2023/NĐ-CP",
        "959/QĐ-UBND",
    ]
