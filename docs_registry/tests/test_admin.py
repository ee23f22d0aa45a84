import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.publishing import Status
from docs_registry.models import Document

from .factories import DocumentFactory, DocumentTypeFactory, IssuerFactory
from .test_models import EXE, PDF

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:docs_registry_document_changelist")
ADD = reverse("admin:docs_registry_document_add")


def form_data(doc_type, issuer, **extra):
    data = {
        "number": "23 qđ tw",
        "doc_type": doc_type.pk,
        "issuer": issuer.pk,
        "issue_date": "30/07/2021",
        "issue_year": "",
        "title": "Quy chế công tác Dân vận của hệ thống chính trị",
        "signer": "",
        "manual_validity": "in_force",
        "tags": "",
        "slug": "",
        "attachments-TOTAL_FORMS": "1",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
        "attachments-0-title": "Toàn văn",
        "attachments-0-position": "0",
    }
    data.update(extra)
    return data


def test_changelist_filters_and_number_search(client, superuser):
    client.force_login(superuser)
    DocumentFactory(number="23-QĐ/TW", issue_date=datetime.date(2021, 7, 30))
    DocumentFactory(number="290-QĐ/TW", issue_date=datetime.date(2010, 2, 25))
    assert client.get(CHANGELIST).status_code == 200
    found = client.get(CHANGELIST, {"q": "23 qd tw"}).context["cl"].result_list
    assert [d.number for d in found] == ["23-QĐ/TW"]
    by_year = client.get(CHANGELIST, {"nam": "2010"}).context["cl"].result_list
    assert [d.number for d in by_year] == ["290-QĐ/TW"]
    replaced = client.get(CHANGELIST, {"hieu_luc": "in_force"}).context["cl"].result_list
    assert len(replaced) == 2


def test_autocomplete_for_replacements_finds_by_number(client, superuser):
    client.force_login(superuser)
    DocumentFactory(number="290-QĐ/TW")
    url = reverse("admin:autocomplete")
    response = client.get(
        url,
        {
            "term": "290",
            "app_label": "docs_registry",
            "model_name": "document",
            "field_name": "replaces",
        },
    )
    assert response.status_code == 200
    assert [r["text"].split(" ")[0] for r in response.json()["results"]] == ["290-QĐ/TW"]


def test_editor_creates_a_draft_with_a_pdf_and_cannot_publish(client, editor):
    client.force_login(editor)
    doc_type, issuer = DocumentTypeFactory(), IssuerFactory()
    # A crafted status (the form has no such field) is refused outright.
    crafted = form_data(doc_type, issuer, status="published")
    assert client.post(ADD, crafted).status_code == 403
    assert not Document.objects.exists()
    data = form_data(
        doc_type, issuer, **{"attachments-0-file": SimpleUploadedFile("Bản ký.pdf", PDF)}
    )
    response = client.post(ADD, data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    doc = Document.objects.get()
    assert (doc.number, doc.status, doc.created_by) == ("23-QĐ/TW", Status.DRAFT, editor)
    # Stored privately, with a random part in the name (tests/test_private_files.py).
    assert re.search(
        r"^private/van-ban/.*ban-ky-[0-9a-f]{16}\.pdf$", doc.attachments.get().file.name
    )
    assert "bo chinh tri" in doc.search_text
    response = client.post(CHANGELIST, {"action": "publish_selected", "_selected_action": [doc.pk]})
    doc.refresh_from_db()
    assert doc.status == Status.DRAFT


def test_a_renamed_executable_is_refused_in_the_admin(client, editor):
    client.force_login(editor)
    data = form_data(
        DocumentTypeFactory(),
        IssuerFactory(),
        **{"attachments-0-file": SimpleUploadedFile("quyet-dinh.pdf", EXE)},
    )
    response = client.post(ADD, data)
    assert response.status_code == 200
    assert "Chỉ nhận tệp PDF, DOC hoặc DOCX" in response.content.decode()
    assert not Document.objects.exists()


def test_a_malformed_number_is_explained(client, editor):
    client.force_login(editor)
    data = form_data(DocumentTypeFactory(), IssuerFactory(), number="số gì đó")
    data["attachments-0-title"] = ""
    response = client.post(ADD, data)
    assert response.status_code == 200
    assert "Số ký hiệu chưa đúng mẫu" in response.content.decode()


def test_publisher_publishes_from_the_list(client, publisher):
    client.force_login(publisher)
    doc = DocumentFactory(status=Status.REVIEW, publish_at=None)
    client.post(CHANGELIST, {"action": "publish_selected", "_selected_action": [doc.pk]})
    assert Document.objects.public().filter(pk=doc.pk).exists()


def test_editor_cannot_change_a_published_document(client, editor):
    client.force_login(editor)
    doc = DocumentFactory()
    url = reverse("admin:docs_registry_document_change", args=[doc.pk])
    response = client.post(url, form_data(doc.doc_type, doc.issuer, number=doc.number))
    assert response.status_code == 403


def test_a_publisher_restores_an_earlier_wording_and_the_document_stays_public(client, publisher):
    doc = DocumentFactory(title="Quy chế công tác dân vận (dự thảo)")
    first = doc.history.earliest()
    doc.title = "Quy chế công tác dân vận của hệ thống chính trị"
    doc.save()
    client.force_login(publisher)
    history = reverse("admin:docs_registry_document_history", args=[doc.pk])
    html = client.get(history).content.decode()
    assert "(dự thảo)" in html and "của hệ thống chính trị" in html

    url = reverse("admin:docs_registry_document_simple_history", args=[doc.pk, first.history_id])
    data = form_data(
        doc.doc_type,
        doc.issuer,
        number=doc.number,
        issue_date=doc.issue_date.strftime("%d/%m/%Y"),
        title=first.title,
        slug=doc.slug,
        **{"attachments-TOTAL_FORMS": "0"},
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    doc.refresh_from_db()
    assert doc.title == "Quy chế công tác dân vận (dự thảo)"
    assert Document.objects.public().filter(pk=doc.pk).exists()
