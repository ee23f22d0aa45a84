import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.publishing import Status
from practices.models import Practice
from practices.tests.factories import RecognitionFactory, UnitFactory, recognised
from taxonomy.units import Kind

pytestmark = pytest.mark.django_db


def test_editor_writes_a_draft_with_recognitions_and_results_but_cannot_publish(editor, client):
    unit = UnitFactory(kind=Kind.COMMUNE, name="Mộc Bắc")
    client.force_login(editor)
    add = reverse("admin:practices_practice_add")
    assert client.get(add).status_code == 200
    data = {
        "title": "Tuyến đường hoa",
        "unit": unit.pk,
        "units": [unit.pk],
        "sector": "",
        "year_started": "2021",
        "summary": "<p>Tóm tắt</p><script>alert(1)</script>",
        "how_to_copy": "",
        "contact": "",
        "recognitions-TOTAL_FORMS": "1",
        "recognitions-INITIAL_FORMS": "0",
        "recognitions-0-level": "tinh",
        "recognitions-0-year": "2024",
        "recognitions-0-decision": "1234/QĐ-UBND",
        "results-TOTAL_FORMS": "1",
        "results-INITIAL_FORMS": "0",
        "results-0-value": "12",
        "results-0-unit": "km",
        "results-0-label": "đường giao thông",
        "results-0-position": "0",
    }
    assert client.post(add, {**data, "status": "published"}).status_code == 403  # crafted
    assert not Practice.objects.exists()
    response = client.post(add, data)
    assert response.status_code == 302
    practice = Practice.objects.get(title="Tuyến đường hoa")
    if practice:
        assert practice.status == Status.DRAFT
        assert "<script>" not in practice.summary
        assert list(practice.recognitions.values_list("year", flat=True)) == [2024]
        assert practice.last_recognised_year == 2024
        assert str(practice.results.get()) == "12 km đường giao thông"


def test_summary_page_in_the_admin(publisher, client):
    recognised(2024)
    draft = recognised(2023, status=Status.DRAFT)
    RecognitionFactory(practice=draft, year=2024)
    client.force_login(publisher)
    response = client.get(reverse("admin:practices_practice_summary"))
    assert response.status_code == 200
    assert response.context["table"].total == 1 and response.context["all_table"].total == 2
    assert client.get(reverse("admin:practices_practice_changelist")).status_code == 200


def test_upload_refuses_a_bad_file_with_line_numbers(editor, client):
    UnitFactory(kind=Kind.COMMUNE, name="Mộc Bắc")
    client.force_login(editor)
    url = reverse("admin:practices_practice_upload")
    bad = SimpleUploadedFile("ds.csv", "ten,don_vi\nA,xã Không Có\n".encode())
    page = client.post(url, {"file": bad}).content.decode()
    assert "Dòng 2: đơn vị “xã Không Có” chưa có trong danh mục đơn vị." in page
    assert Practice.objects.count() == 0
    good = SimpleUploadedFile("ds.csv", "ten,don_vi\nCamera an ninh,xã Mộc Bắc\n".encode())
    assert client.post(url, {"file": good}).status_code == 302
    assert Practice.objects.get().status == Status.DRAFT
    wrong = SimpleUploadedFile("ds.pdf", b"%PDF")
    assert "Chỉ nhận tệp .xlsx hoặc .csv." in client.post(url, {"file": wrong}).content.decode()


def test_anonymous_and_readers_cannot_reach_admin_pages(client):
    for name in ("practices_practice_summary", "practices_practice_upload"):
        assert client.get(reverse(f"admin:{name}")).status_code == 302
