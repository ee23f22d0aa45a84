"""Issue 16, registry: loose numbers, sorting, date range, "Chưa rõ năm", Vietnamese order,
the Excel export and the formula guard shared by both downloads."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core.text import collation_key
from docs_registry import exports, numbers
from docs_registry.tests.factories import DocumentFactory, DocumentTypeFactory, IssuerFactory

pytestmark = pytest.mark.django_db
LIST = "/van-ban/"


@pytest.fixture
def docs():
    qd, nq = DocumentTypeFactory(), DocumentTypeFactory(name="Nghị quyết", abbreviation="NQ")
    qc = DocumentTypeFactory(name="Quy chế", abbreviation="QC")
    tw, tu = IssuerFactory(), IssuerFactory(name="Ban Thường vụ Tỉnh ủy", suffix="TU")
    duk = IssuerFactory(name="Đảng ủy Khối", suffix="ĐUK")
    return {
        "23": DocumentFactory(number="23-QĐ/TW", doc_type=qd, issuer=tw, issue_date=None),
        "05": DocumentFactory(
            number="05-QC/TU", doc_type=qc, issuer=tu, issue_date=datetime.date(2019, 5, 2)
        ),
        "25": DocumentFactory(
            number="25-NQ/TW", doc_type=nq, issuer=tw, issue_date=datetime.date(2012, 6, 3)
        ),
        "120": DocumentFactory(
            number="120-QĐ/ĐUK", doc_type=qd, issuer=duk, issue_date=datetime.date(2023, 1, 9)
        ),
    }


def numbers_on(response):
    return [d.number for d in response.context["documents"]]


@pytest.mark.parametrize(
    ("query", "number"),
    [
        ("23/QĐ-TW", "23-QĐ/TW"),
        ("23-QD/TW", "23-QĐ/TW"),
        ("quyết định 23", "23-QĐ/TW"),
        ("QĐ 23", "23-QĐ/TW"),
        ("05/QC-TU", "05-QC/TU"),
        ("NQ25", "25-NQ/TW"),
        ("nq 25", "25-NQ/TW"),
    ],
)
def test_every_written_form_finds_its_document_in_the_registry_box(client, docs, query, number):
    assert numbers_on(client.get(LIST, {"q": query})) == [number]


def test_lookup_reads_loose_forms_and_ignores_words():
    assert numbers.lookup("23/QĐ-TW").numbers == ("23/QĐ-TW", "23-QĐ/TW")
    assert numbers.lookup("NQ25").num == "25" and numbers.lookup("NQ25").type_abbr == "NQ"
    assert numbers.lookup("quy chế dân chủ") is None
    assert numbers.lookup("dân vận 2021") is None


def test_sorting_newest_oldest_and_by_number(client, docs):
    assert numbers_on(client.get(LIST)) == ["120-QĐ/ĐUK", "05-QC/TU", "25-NQ/TW", "23-QĐ/TW"]
    oldest = numbers_on(client.get(LIST, {"sort": "cu"}))
    assert oldest == ["25-NQ/TW", "05-QC/TU", "120-QĐ/ĐUK", "23-QĐ/TW"]
    by_number = numbers_on(client.get(LIST, {"sort": "so"}))
    assert by_number == ["05-QC/TU", "23-QĐ/TW", "25-NQ/TW", "120-QĐ/ĐUK"]
    html = client.get(LIST, {"sort": "so"}).content.decode()
    assert 'sort=so" aria-current="true"' in html


def test_bad_sort_is_a_vietnamese_message(client, docs):
    response = client.get(LIST, {"sort": "x"})
    assert response.status_code == 200
    assert "Cách sắp xếp không hợp lệ." in response.content.decode()


def test_date_range_from_to(client, docs):
    response = client.get(LIST, {"tu_ngay": "2012-06-03", "den_ngay": "2019-05-02"})
    assert set(numbers_on(response)) == {"25-NQ/TW", "05-QC/TU"}
    assert set(numbers_on(client.get(LIST, {"tu_ngay": "01/01/2020"}))) == {"120-QĐ/ĐUK"}
    reversed_range = client.get(LIST, {"tu_ngay": "2020-01-01", "den_ngay": "2019-01-01"})
    assert "“Đến ngày” phải sau hoặc trùng “Từ ngày”." in reversed_range.content.decode()
    bad = client.get(LIST, {"tu_ngay": "31/02/2020"})
    assert "Ngày phải có dạng ngày/tháng/năm" in bad.content.decode()


def test_documents_without_a_date_have_their_own_year_facet(client, docs):
    groups = {n: o for n, _, o in client.get(LIST).context["facet_groups"]}
    years = [(o.label, o.count) for o in groups["year"]]
    assert years[-1] == ("Chưa rõ năm", 1)
    unknown = groups["year"][-1]
    assert numbers_on(client.get(LIST + unknown.url)) == ["23-QĐ/TW"]


def test_facets_are_in_vietnamese_alphabetical_order(client, docs):
    groups = {n: o for n, _, o in client.get(LIST).context["facet_groups"]}
    issuers = [o.label for o in groups["issuer"]]
    assert issuers == ["Ban Thường vụ Tỉnh ủy", "Bộ Chính trị", "Đảng ủy Khối"]
    names = ["Đoàn", "Dân", "Ân", "An", "Ăn", "Zê", "Ủy", "Uy"]
    assert sorted(names, key=collation_key) == ["An", "Ăn", "Ân", "Dân", "Đoàn", "Uy", "Ủy", "Zê"]


def test_xlsx_is_the_filtered_list_with_a_frozen_header_and_real_dates(client, docs):
    response = client.get(reverse("docs_registry:xlsx"), {"issuer": docs["25"].issuer.slug})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="van-ban.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Số ký hiệu", "Loại văn bản", "Cơ quan ban hành", "Ngày ban hành")
    assert {row[0] for row in rows[1:]} == {"23-QĐ/TW", "25-NQ/TW"}
    row = next(r for r in rows if r[0] == "25-NQ/TW")
    assert row[3] == datetime.datetime(2012, 6, 3) and row[4] == 2012
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["G"].width >= 60  # trích yếu
    assert sheet["D2"].number_format == "DD/MM/YYYY" or sheet["D3"].number_format == "DD/MM/YYYY"


def test_list_offers_both_downloads_and_says_which_to_open_in_excel(client, docs):
    html = client.get(LIST, {"year": "2019"}).content.decode()
    assert 'href="/van-ban/tai-ve.xlsx?year=2019"' in html
    assert 'href="/van-ban/tai-ve.csv?year=2019"' in html
    assert "Mở bằng Excel: hãy dùng tệp <strong>.xlsx</strong>" in html


def test_xlsx_with_bad_filters_sends_back_to_the_page(client):
    response = client.get(reverse("docs_registry:xlsx"), {"year": "abc"})
    assert response.status_code == 302


DANGEROUS = ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("value", DANGEROUS)
def test_the_formula_guard_neutralises_every_owasp_start(value):
    assert exports.guard(value) == "'" + value
    assert exports.guard("Quy chế =1") == "Quy chế =1"


@pytest.mark.parametrize("value", DANGEROUS)
def test_both_downloads_carry_the_guarded_text(client, value):
    document = DocumentFactory(number="11-QĐ/TW", title=value, signer=value)
    # A one-line field keeps no tab or CR (control characters are stripped on save): what is
    # stored still starts a formula, and is exported guarded.
    document.refresh_from_db()
    title, signer = document.title, document.signer
    assert signer == value.lstrip("\t\r")
    body = client.get(reverse("docs_registry:csv")).content.decode("utf-8-sig")
    (row,) = list(csv.reader(io.StringIO(body)))[1:]
    assert row[6] == "'" + title and row[7] == "'" + signer
    book = client.get(reverse("docs_registry:xlsx")).content
    sheet = load_workbook(io.BytesIO(book)).active
    assert sheet["G2"].value == "'" + title and sheet["G2"].data_type == "s"
    assert sheet["H2"].value == "'" + signer
