"""Replacements an article suggests, for an editor to confirm (no database)."""

from docs_registry.citations import find_citations
from docs_registry.replacements import find_replacements


def suggested(text):
    cited = find_citations(text)
    return [(new.number, old.number) for new, old, _ in find_replacements(text, cited)]


def test_a_comparison_of_two_decisions_of_the_politburo_suggests_the_newer_replaces_the_older():
    text = (
        "Đồng chí đã quán triệt Quyết định 23, ngày 30/7/2021 của Bộ Chính trị về Quy chế công "
        "tác Dân vận của hệ thống chính trị; tập trung phân tích một số điểm mới của Quyết định 23 "
        "so với Quyết định 290, ngày 25/02/2010 của Bộ Chính trị."
    )
    assert suggested(text) == [("23-QĐ/TW", "290-QĐ/TW")]


def test_replaces_said_outright_and_in_the_passive():
    active = (
        "Quy chế số 05-QC/TU ngày 9/12/2021 của Ban Thường vụ Tỉnh ủy thay thế Quy chế số "
        "12-QC/TU ngày 3/4/2016 của Ban Thường vụ Tỉnh ủy."
    )
    passive = (
        "Quy chế số 12-QC/TU được thay thế bằng Quy chế số 05-QC/TU ngày 9/12/2021 của Ban "
        "Thường vụ Tỉnh ủy."
    )
    assert suggested(active) == [("05-QC/TU", "12-QC/TU")]
    assert suggested(passive) == [("05-QC/TU", "12-QC/TU")]


def test_documents_of_another_type_or_issuer_or_without_a_cue_are_not_paired():
    assert (
        suggested(
            "Thực hiện Quyết định số 23-QĐ/TW so với Nghị quyết số 25-NQ/TW, kết quả còn hạn chế."
        )
        == []
    )
    assert (
        suggested(
            "Hội nghị quán triệt Quyết định số 23-QĐ/TW và Quyết định số 99-QĐ/TU của Tỉnh ủy."
        )
        == []
    )
