import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from core.publishing import Status
from docs_registry.models import Document, Validity
from news.models import Post

from .factories import AttachmentFactory, DocumentFactory, DocumentTypeFactory, IssuerFactory

pytestmark = pytest.mark.django_db
LIST = "/van-ban/"


@pytest.fixture
def registry():
    """Six public documents over two years, two types, two issuers; plus hidden ones."""
    qd, nq = DocumentTypeFactory(), DocumentTypeFactory(name="Nghị quyết", abbreviation="NQ")
    bct, tu = IssuerFactory(), IssuerFactory(name="Ban Thường vụ Tỉnh ủy", suffix="TU")
    d2021 = datetime.date(2021, 7, 30)
    d2022 = datetime.date(2022, 3, 1)
    docs = {
        "23": DocumentFactory(
            number="23-QĐ/TW",
            doc_type=qd,
            issuer=bct,
            issue_date=d2021,
            title="Quy chế công tác Dân vận của hệ thống chính trị",
        ),
        "290": DocumentFactory(
            number="290-QĐ/TW", doc_type=qd, issuer=bct, issue_date=datetime.date(2010, 2, 25)
        ),
        "02": DocumentFactory(number="02-NQ/TU", doc_type=nq, issuer=tu, issue_date=d2021),
        "05": DocumentFactory(number="05-QĐ/TU", doc_type=qd, issuer=tu, issue_date=d2021),
        "07": DocumentFactory(number="07-NQ/TU", doc_type=nq, issuer=tu, issue_date=d2022),
        "09": DocumentFactory(
            number="09-QĐ/TU",
            doc_type=qd,
            issuer=tu,
            issue_date=d2022,
            manual_validity=Validity.EXPIRED,
        ),
    }
    docs["23"].replaces.add(docs["290"])
    DocumentFactory(number="99-QĐ/TW", doc_type=qd, issuer=bct, issue_date=d2021, is_internal=True)
    DocumentFactory(
        number="98-QĐ/TW", doc_type=qd, issuer=bct, issue_date=d2021, status=Status.DRAFT
    )
    return docs


def numbers_on(response):
    return [d.number for d in response.context["documents"]]


def facet(response, name):
    groups = {n: options for n, _, options in response.context["facet_groups"]}
    return {o.label: o.count for o in groups[name]}


def test_list_shows_public_documents_newest_first(client, registry):
    response = client.get(LIST)
    assert response.status_code == 200
    shown = numbers_on(response)
    assert shown[:2] == ["09-QĐ/TU", "07-NQ/TU"]
    assert shown[-1] == "290-QĐ/TW"
    assert "99-QĐ/TW" not in shown and "98-QĐ/TW" not in shown


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"year": "2021"}, {"23-QĐ/TW", "02-NQ/TU", "05-QĐ/TU"}),
        ({"type": "nghi-quyet"}, {"02-NQ/TU", "07-NQ/TU"}),
        ({"issuer": "bo-chinh-tri"}, {"23-QĐ/TW", "290-QĐ/TW"}),
        ({"validity": "replaced"}, {"290-QĐ/TW"}),
        ({"validity": "expired"}, {"09-QĐ/TU"}),
        ({"year": "2021", "type": "quyet-dinh"}, {"23-QĐ/TW", "05-QĐ/TU"}),
        ({"year": "2021", "type": "quyet-dinh", "issuer": "ban-thuong-vu-tinh-uy"}, {"05-QĐ/TU"}),
        (
            {"issuer": "ban-thuong-vu-tinh-uy", "validity": "in_force"},
            {"02-NQ/TU", "05-QĐ/TU", "07-NQ/TU"},
        ),
        ({"q": "23-QD/TW"}, {"23-QĐ/TW"}),
        ({"q": "23 qđ tw"}, {"23-QĐ/TW"}),
        ({"q": "quy che dan van"}, {"23-QĐ/TW"}),
        ({"q": "QUY CHẾ  dân VẬN"}, {"23-QĐ/TW"}),
        ({"q": "hội nghị lần", "year": "2022"}, {"07-NQ/TU", "09-QĐ/TU"}),
        ({"q": "99-QĐ/TW"}, set()),  # internal stays out of search
    ],
)
def test_filters_and_their_combinations(client, registry, params, expected):
    response = client.get(LIST, params)
    assert response.status_code == 200
    assert set(numbers_on(response)) == expected


def test_facet_counts_match_the_rows_with_the_other_filters_applied(client, registry):
    response = client.get(LIST, {"year": "2021"})
    # The year facet ignores the year filter; the others count within 2021.
    assert facet(response, "year") == {"2022": 2, "2021": 3, "2010": 1}
    assert facet(response, "type") == {"Nghị quyết": 1, "Quyết định": 2}
    assert facet(response, "issuer") == {"Ban Thường vụ Tỉnh ủy": 2, "Bộ Chính trị": 1}
    assert facet(response, "validity") == {"Còn hiệu lực": 3}
    for label, count in facet(response, "type").items():
        slug = "nghi-quyet" if label == "Nghị quyết" else "quyet-dinh"
        rows = client.get(LIST, {"year": "2021", "type": slug}).context["paginator"].count
        assert rows == count
    html = response.content.decode()
    assert "2021 (3)" in html and "Quyết định (2)" in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"year": "abc"}, "Năm ban hành phải là một số"),
        ({"year": "99999"}, "Năm ban hành phải từ"),
        ({"year": "-5"}, "Năm ban hành phải từ"),
        ({"type": "khong-co"}, "Loại văn bản này không có trong danh mục"),
        ({"issuer": "ai-do"}, "Cơ quan ban hành này không có trong danh mục"),
        ({"validity": "bogus"}, "Tình trạng hiệu lực không hợp lệ"),
        ({"q": "x" * 500}, "quá dài"),
    ],
)
def test_bad_filter_values_show_a_vietnamese_message(client, registry, params, message):
    response = client.get(LIST, params)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert len(numbers_on(response)) == 6  # the filters are not applied


@pytest.mark.parametrize(
    "query",
    ["page=999", "page=abc", "year=2021&year=abc", "q=%00", "type[]=x", "validity="],
)
def test_odd_query_strings_never_fail(client, registry, query):
    assert client.get(f"{LIST}?{query}").status_code in (200, 404)


def test_wrong_method_is_refused(client):
    assert client.post(LIST).status_code == 405


@pytest.mark.parametrize("count", [5, 50])
def test_list_query_count_is_constant(client, django_assert_num_queries, count):
    qd, bct = DocumentTypeFactory(), IssuerFactory()
    for n in range(count):
        DocumentFactory(
            number=f"{n + 1}-QĐ/TW",
            doc_type=qd,
            issuer=bct,
            issue_date=datetime.date(2000 + n % 20, 1, 1),
        )
    client.get(LIST, {"q": "hoi nghi"})  # warm up what a process looks up once (search index)
    # one aggregate per facet (year, type, issuer, validity), which also count the list; the
    # units the documents name (none here: no more); the page
    with django_assert_num_queries(6):
        response = client.get(LIST, {"q": "hoi nghi", "validity": "in_force"})
    assert response.context["paginator"].count == count


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"year": "2021"},
        {"year": "02021"},
        {"year": "1950"},  # a valid year nobody issued anything in
        {"type": "quyet-dinh", "validity": "in_force"},
        {"year": "2021", "type": "quyet-dinh", "issuer": "bo-chinh-tri"},
        {"year": "2021", "type": "quyet-dinh", "issuer": "bo-chinh-tri", "validity": "replaced"},
        {"year": "2010", "type": "quyet-dinh", "issuer": "bo-chinh-tri", "validity": "replaced"},
        {"year": "2021", "type": "quyet-dinh", "issuer": "bo-chinh-tri", "validity": "in_force"},
        {"q": "dân vận", "validity": "expired"},
        {"year": "abc"},  # invalid: no filter applies
    ],
)
def test_the_count_shown_is_the_documents_listed(client, registry, query):
    """The list's count comes from the facet counts: it must be what every filter lets through."""
    response = client.get(LIST, query)
    assert response.status_code == 200
    shown = response.context["paginator"].count
    assert shown == response.context["view"].filterset.filtered().count()
    assert shown == len(numbers_on(response))


def test_csv_is_the_current_selection_in_utf8_with_bom(client, registry):
    response = client.get(reverse("docs_registry:csv"), {"year": "2021", "type": "quyet-dinh"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    raw = response.content
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Số ký hiệu", "Loại văn bản", "Cơ quan ban hành"]
    assert {r[0] for r in rows[1:]} == {"23-QĐ/TW", "05-QĐ/TU"}
    first = next(r for r in rows if r[0] == "23-QĐ/TW")
    assert first[3] == "30/07/2021" and first[8] == "Còn hiệu lực"


def test_csv_never_contains_internal_records(client, registry):
    body = client.get(reverse("docs_registry:csv")).content.decode("utf-8-sig")
    assert "99-QĐ/TW" not in body and "98-QĐ/TW" not in body
    assert body.count("\n") == 7


def test_csv_neutralises_formulas(client):
    DocumentFactory(title='=HYPERLINK("http://x")')
    body = client.get(reverse("docs_registry:csv")).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in body


def test_csv_with_bad_filters_sends_back_to_the_page(client):
    response = client.get(reverse("docs_registry:csv"), {"year": "abc"})
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200


def test_list_links_to_the_csv_of_the_selection(client, registry):
    html = client.get(LIST, {"year": "2021"}).content.decode()
    assert 'href="/van-ban/tai-ve.csv?year=2021"' in html


# -- detail ----------------------------------------------------------------------------------


def test_detail_shows_fields_replacements_attachments_and_citing_posts(client, registry):
    new, old = registry["23"], registry["290"]
    AttachmentFactory(document=new, title="Toàn văn Quyết định 23")
    post = Post.objects.create(
        title="Hội nghị quán triệt", status="published", publish_at=timezone.now()
    )
    hidden = Post.objects.create(title="Bản nháp bài", status="draft")
    new.posts.add(post, hidden)
    html = client.get(new.get_absolute_url()).content.decode()
    assert "Quy chế công tác Dân vận của hệ thống chính trị" in html
    assert "Bộ Chính trị" in html and "30/07/2021" in html
    assert "Thay thế văn bản" in html and old.get_absolute_url() in html
    assert "Toàn văn Quyết định 23" in html and "(PDF," in html
    assert "Hội nghị quán triệt" in html and "Bản nháp bài" not in html
    old_html = client.get(old.get_absolute_url()).content.decode()
    assert "Bị thay thế bởi" in old_html and new.get_absolute_url() in old_html
    assert "Bị thay thế" in old_html


def test_internal_and_draft_documents_are_404_for_the_public(client, registry):
    internal = Document.objects.get(number="99-QĐ/TW")
    draft = Document.objects.get(number="98-QĐ/TW")
    assert client.get(internal.get_absolute_url()).status_code == 404
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get("/van-ban/khong-co-van-ban-nay/").status_code == 404


def test_staff_preview_a_draft_without_caching(client, editor, registry):
    draft = Document.objects.get(number="98-QĐ/TW")
    client.force_login(editor)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Bản xem trước" in response.content.decode()
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_a_replacement_that_is_internal_is_not_linked(client, registry):
    secret = Document.objects.get(number="99-QĐ/TW")
    secret.replaces.add(registry["05"])
    html = client.get(registry["05"].get_absolute_url()).content.decode()
    assert secret.get_absolute_url() not in html


def test_site_search_and_sitemap_offer_only_public_documents(registry):
    from docs_registry.search import SEARCH_SOURCE
    from docs_registry.sitemaps import DocumentSitemap

    searchable = {d.number for d in SEARCH_SOURCE.queryset()}
    mapped = {d.number for d in DocumentSitemap().items()}
    assert searchable == mapped == {d.number for d in registry.values()}
    assert "23-QĐ/TW của Bộ Chính trị" in SEARCH_SOURCE.text(registry["23"])
