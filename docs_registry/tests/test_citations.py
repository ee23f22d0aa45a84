import datetime
from pathlib import Path

import pytest

from docs_registry.citations import CitedDocument, find_citations

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SAMPLES = Path(__file__).resolve().parent / "samples"

# Where each seed's article body ends (the headline lists after it are not the article).
BODY_ENDS = {"000": "Gửi cho bạn bè", "002": "Các bài viết khác", "004": "Tin cùng chuyên mục"}


def seed_body(prefix):
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    text = path.read_text(encoding="utf-8")
    end = BODY_ENDS.get(prefix)
    return text.split(end)[0] if end else text


def by_number(citations):
    return {c.number: c for c in citations}


def test_seed_000_full_citation_with_title_from_the_sentence():
    (cited,) = find_citations(seed_body("000"))
    assert cited == CitedDocument(
        number="503-QĐ/ĐUK",
        type_name="Quyết định",
        type_abbr="QĐ",
        issuer_suffix="ĐUK",
        issuer_name="Ban Thường vụ Đảng ủy Khối các cơ quan Trung ương",
        issue_date=datetime.date(2021, 12, 30),
        year=2021,
        title="Quy chế công tác dân vận của Đảng bộ Khối các cơ quan Trung ương",
    )


def test_seed_001_loose_citations_lists_and_later_bare_mentions():
    citations = find_citations(seed_body("001"))
    assert [c.number for c in citations] == ["23-QĐ/TW", "02-ĐA/TU", "05-QC/TU", "290-QĐ/TW"]
    found = by_number(citations)
    assert found["23-QĐ/TW"].issuer_name == "Bộ Chính trị"
    assert found["23-QĐ/TW"].issue_date == datetime.date(2021, 7, 30)
    assert found["23-QĐ/TW"].title == "Quy chế công tác Dân vận của hệ thống chính trị"
    assert found["290-QĐ/TW"].issue_date == datetime.date(2010, 2, 25)
    assert found["290-QĐ/TW"].issuer_name == "Bộ Chính trị"
    # "Đề án 02, ngày 9/11/2021; Quy chế 05, ngày 9/12/2021 của Ban Thường vụ Tỉnh ủy"
    assert found["02-ĐA/TU"].issuer_name == "Ban Thường vụ Tỉnh ủy"
    assert found["02-ĐA/TU"].issue_date == datetime.date(2021, 11, 9)
    assert found["05-QC/TU"].issuer_name == "Ban Thường vụ Tỉnh ủy"
    assert found["05-QC/TU"].issue_date == datetime.date(2021, 12, 9)
    assert found["05-QC/TU"].type_name == "Quy chế"


def test_seed_002_numbers_with_issuers():
    found = by_number(find_citations(seed_body("002")))
    assert set(found) == {"25-NQ/TW", "74-KH/ĐUK"}
    assert found["25-NQ/TW"].issuer_name == "Ban Chấp hành Trung ương"
    assert found["74-KH/ĐUK"].issuer_name == "Đảng ủy Khối các cơ quan Trung ương"
    assert found["74-KH/ĐUK"].title == "Năm tăng cường và đổi mới công tác dân vận"
    assert found["25-NQ/TW"].issue_date is None and found["25-NQ/TW"].year is None


@pytest.mark.parametrize("prefix", ["003", "004"])
def test_articles_without_numbered_documents_cite_nothing(prefix):
    # "Nghị quyết Đại hội XIII", "Quy chế dân chủ ở cơ sở" are not numbered documents.
    assert find_citations(seed_body(prefix)) == []


def test_ketluan_of_the_secretariat_and_a_state_decree():
    text = (
        "Hội nghị quán triệt Kết luận số 43-KL/TW ngày 07/01/2019 của Ban Bí thư Trung ương "
        "Đảng và tập huấn. Thực hiện Nghị định số 59/2023/NĐ-CP."
    )
    kl, nd = find_citations(text)
    assert (kl.number, kl.issuer_name, kl.issue_date) == (
        "43-KL/TW",
        "Ban Bí thư",
        datetime.date(2019, 1, 7),
    )
    assert kl.title == ""
    assert (nd.number, nd.type_name, nd.issuer_suffix, nd.year) == (
        "59/2023/NĐ-CP",
        "Nghị định",
        "CP",
        2023,
    )
    assert nd.issuer_name == ""  # the text does not say


def test_another_portal_style():
    text = (SAMPLES / "portal_moi.txt").read_text(encoding="utf-8")
    found = by_number(find_citations(text))
    assert list(found) == ["15-KH/HU", "03-HD/BDVTU", "10/2022/QH15", "59/2023/NĐ-CP"]
    plan = found["15-KH/HU"]
    assert plan.issue_date == datetime.date(2024, 1, 5)  # "ngày 5 tháng 1 năm 2024"
    assert plan.issuer_name == "Ban Thường vụ Huyện ủy"
    assert plan.title == "Đẩy mạnh phong trào thi đua Dân vận khéo năm 2024"
    assert found["03-HD/BDVTU"].issuer_name == "Ban Dân vận Tỉnh ủy"
    assert found["10/2022/QH15"].type_name == "Luật"
    assert found["59/2023/NĐ-CP"].issuer_name == "Chính phủ"  # written with the look-alike Ð


def test_partial_dates_take_the_default_year():
    text = "Quyết định số 12-QĐ/TU ngày 28/9 của Ban Thường vụ Tỉnh ủy"
    assert find_citations(text)[0].issue_date is None
    assert find_citations(text, default_year=2016)[0].issue_date == datetime.date(2016, 9, 28)


def test_same_number_in_two_terms_stays_two_documents():
    text = (
        "Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị và Chỉ thị số 05-CT/TW "
        "ngày 07/8/2001 của Ban Bí thư."
    )
    years = [c.year for c in find_citations(text)]
    assert years == [2016, 2001]


def test_unresolvable_loose_mentions_are_skipped():
    # No issuer, no earlier full citation: nothing can pin the number down.
    assert find_citations("Theo Quyết định 23 và Đề án 02, các đơn vị triển khai.") == []


def test_empty_and_odd_text():
    assert find_citations("") == []
    assert find_citations("Quyết định ngày 30/2/2021 của Bộ Chính trị") == []


def test_a_law_named_before_its_number_keeps_its_name_as_title():
    text = (SAMPLES / "portal_moi.txt").read_text(encoding="utf-8")
    law = by_number(find_citations(text))["10/2022/QH15"]
    assert law.title == "Thực hiện dân chủ ở cơ sở"
    assert law.issuer_name == ""  # "của Chính phủ" belongs to the decree after it
