"""Citing regulations from the post form: a picker that finds documents by loose numbers or
words, and "Văn bản liên quan" on the post page; the document page keeps its backlinks."""

import pytest
from django.urls import reverse

from core.publishing import Status
from docs_registry.lookup import find, loose_number
from docs_registry.tests.factories import DocumentFactory, DocumentTypeFactory
from news.models import Post
from news.tests.factories import PostFactory
from news.tests.test_admin import change_url, form_data, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry():
    decision = DocumentTypeFactory(name="Quyết định", abbreviation="QĐ")
    resolution = DocumentTypeFactory(name="Nghị quyết", abbreviation="NQ")
    return {
        "qd23": DocumentFactory(
            number="23-QĐ/TW", doc_type=decision, title="Quy chế công tác dân vận"
        ),
        "nq25": DocumentFactory(
            number="25-NQ/TW", doc_type=resolution, title="Tăng cường công tác dân vận"
        ),
        "qd230": DocumentFactory(number="230-QĐ/TW", doc_type=decision, title="Về tổ chức"),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("quyết định 23", ["qd23"]),
        ("Quyết định số 23", ["qd23"]),
        ("23/QĐ-TW", ["qd23"]),
        ("23-QĐ/TW", ["qd23"]),
        ("NQ25", ["nq25"]),
        ("nq 25", ["nq25"]),
        ("công tác dân vận", ["nq25", "qd23"]),
        ("cong tac dan van", ["nq25", "qd23"]),
        ("nghị định 23", []),
    ],
)
def test_documents_are_found_by_loose_numbers_and_words(registry, query, expected):
    found = {doc.pk for doc in find(query)}
    assert found == {registry[key].pk for key in expected}


def test_loose_numbers_need_a_known_type():
    assert loose_number("hội nghị 23") is None
    assert loose_number("NQ25") == ("25", "NQ")


def test_the_picker_answers_editors_only(client, editor, registry):
    url = reverse("admin:news_post_cite_suggest")
    answer = login(client, editor).get(url, {"q": "NQ25"}).json()
    assert [r["label"] for r in answer["results"]] == [
        "Nghị quyết 25-NQ/TW – Tăng cường công tác dân vận"
    ]
    client.logout()
    assert client.get(url, {"q": "NQ25"}).status_code == 302


def test_the_post_form_cites_documents_and_the_post_page_lists_them(
    client, editor, publisher, registry
):
    internal = DocumentFactory(number="5-HD/BDVTU", title="Hướng dẫn nội bộ", is_internal=True)
    data = form_data(cited_documents=[registry["qd23"].pk, internal.pk])
    login(client, editor).post(reverse("admin:news_post_add"), data)
    post = Post.objects.get()
    assert set(post.cited_documents.all()) == {registry["qd23"], internal}
    page = client.get(change_url(post)).content.decode()
    assert "Quyết định 23-QĐ/TW" in page and "data-document-picker" in page
    assert "230-QĐ/TW" not in page  # the picker never renders the whole registry

    post.publish(publisher)
    client.logout()
    html = client.get(post.get_absolute_url()).content.decode()
    section = html[html.index("Văn bản liên quan") :]
    assert "Quyết định số 23-QĐ/TW" in section and "Quy chế công tác dân vận" in section
    assert "còn hiệu lực" in section
    assert registry["qd23"].get_absolute_url() in section
    assert "Hướng dẫn nội bộ" not in html  # internal documents never on the public page
    doc_page = client.get(registry["qd23"].get_absolute_url()).content.decode()
    assert post.title in doc_page  # the backlink stays


def test_unchecking_a_document_drops_the_citation(client, editor, registry):
    post = PostFactory(created_by=editor, status=Status.DRAFT)
    registry["nq25"].posts.add(post)
    login(client, editor).post(change_url(post), form_data(post, cited_documents=[]))
    assert not post.cited_documents.exists()


@pytest.mark.parametrize("cited", [1, 6])
def test_the_post_page_with_citations_runs_two_more_queries_whatever_their_number(
    client, cited, django_assert_num_queries
):
    post = PostFactory(published=True)
    for _ in range(cited):
        DocumentFactory().posts.add(post)
    # as news' detail test counts (post, tags, view count and today's readers, related, most
    # read, the "Dân vận khéo" models box) + the post's citations + those documents
    with django_assert_num_queries(9):
        response = client.get(post.get_absolute_url(), HTTP_USER_AGENT="Mozilla/5.0")
        assert response.status_code == 200
