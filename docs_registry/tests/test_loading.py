import datetime

import pytest
from django.utils import timezone

from docs_registry.citations import CitedDocument, find_citations
from docs_registry.loading import save_cited_document
from docs_registry.models import Document, DocumentType, Issuer
from news.models import Post

from .test_citations import seed_body

pytestmark = pytest.mark.django_db


def make_post(title):
    return Post.objects.create(title=title, status="published", publish_at=timezone.now())


def cited(number="23-QĐ/TW", **overrides):
    values = {
        "number": number,
        "type_name": "Quyết định",
        "type_abbr": "QĐ",
        "issuer_suffix": "TW",
        "issuer_name": "Bộ Chính trị",
        "issue_date": datetime.date(2021, 7, 30),
        "year": 2021,
        "title": "Quy chế công tác Dân vận của hệ thống chính trị",
    }
    values.update(overrides)
    return CitedDocument(**values)


def test_creates_a_public_document_with_its_type_and_issuer():
    post = make_post("Hội nghị trực tuyến")
    document, outcome = save_cited_document(cited(), post=post)
    assert outcome == "created"
    assert Document.objects.public().get() == document
    assert document.doc_type == DocumentType.objects.get(name="Quyết định", abbreviation="QĐ")
    assert document.issuer == Issuer.objects.get(name="Bộ Chính trị")
    assert list(post.cited_documents.all()) == [document]


def test_is_idempotent_and_one_row_for_two_articles():
    first, second = make_post("Bài một"), make_post("Bài hai")
    save_cited_document(cited(), post=first)
    assert save_cited_document(cited(), post=first)[1] == "unchanged"
    document, outcome = save_cited_document(cited(), post=second)
    assert outcome == "updated"
    assert Document.objects.count() == 1
    assert set(document.posts.all()) == {first, second}


def test_a_citation_without_date_matches_the_dated_row_and_fills_what_was_unknown():
    document, _ = save_cited_document(cited(issue_date=None, year=None, title=""))
    assert document.issue_year == 0
    same, outcome = save_cited_document(cited())
    assert (same.pk, outcome) == (document.pk, "updated")
    same.refresh_from_db()
    assert same.issue_date == datetime.date(2021, 7, 30)
    assert same.title == "Quy chế công tác Dân vận của hệ thống chính trị"
    bare, outcome = save_cited_document(cited(issue_date=None, year=None, title=""))
    assert (bare.pk, outcome) == (document.pk, "unchanged")


def test_same_number_of_another_term_is_another_row():
    save_cited_document(cited(number="05-CT/TW", issue_date=datetime.date(2016, 5, 15), year=2016))
    save_cited_document(cited(number="05-CT/TW", issue_date=datetime.date(2001, 8, 7), year=2001))
    assert Document.objects.filter(number="05-CT/TW").count() == 2


def test_an_unnamed_issuer_is_filed_under_the_suffix_default_then_corrected():
    document, _ = save_cited_document(cited(issuer_name="", issue_date=None, year=None))
    assert document.issuer.name == "Ban Chấp hành Trung ương"
    state, _ = save_cited_document(
        cited(
            number="59/2023/NĐ-CP",
            type_name="Nghị định",
            type_abbr="NĐ",
            issuer_suffix="CP",
            issuer_name="",
            issue_date=None,
            year=2023,
            title="",
        )
    )
    assert (state.issuer.name, state.issue_year) == ("Chính phủ", 2023)
    corrected, outcome = save_cited_document(cited())
    assert (corrected.pk, outcome) == (document.pk, "updated")
    assert corrected.issuer.name == "Bộ Chính trị"


def test_seed_articles_give_the_expected_registry():
    for prefix in ("000", "001", "002", "003", "004"):
        post = make_post(f"Bài {prefix}")
        for item in find_citations(seed_body(prefix)):
            save_cited_document(item, post=post)
    rows = {d.number: d for d in Document.objects.select_related("issuer")}
    assert set(rows) == {
        "503-QĐ/ĐUK",
        "23-QĐ/TW",
        "290-QĐ/TW",
        "02-ĐA/TU",
        "05-QC/TU",
        "25-NQ/TW",
        "74-KH/ĐUK",
    }
    assert rows["503-QĐ/ĐUK"].issuer.name == "Ban Thường vụ Đảng ủy Khối các cơ quan Trung ương"
    assert rows["02-ĐA/TU"].issuer.name == "Ban Thường vụ Tỉnh ủy"
    assert rows["290-QĐ/TW"].issue_date == datetime.date(2010, 2, 25)
    assert Document.objects.public().count() == 7
