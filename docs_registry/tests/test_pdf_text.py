import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from docs_registry.models import Attachment, Document
from docs_registry.pdf_text import extract_pdf_text
from docs_registry.tests.factories import DocumentFactory
from docs_registry.tests.pdfs import pdf_with_text
from dvsite.search import search

PHRASE = "phoi hop giam sat thuc hien dan chu o xa phuong"


def test_text_is_extracted_from_a_pdf():
    text = extract_pdf_text(io.BytesIO(pdf_with_text("Dieu 1. Pham vi", PHRASE)))
    assert "Dieu 1. Pham vi" in text
    assert PHRASE in text


@pytest.mark.parametrize("data", [b"%PDF-1.4\n% broken\n", b"", b"not a pdf at all"])
def test_a_broken_pdf_gives_no_text_and_no_error(data):
    assert extract_pdf_text(io.BytesIO(data)) == ""


@pytest.mark.django_db
def test_a_phrase_inside_an_attached_pdf_finds_the_document():
    document = DocumentFactory()
    other = DocumentFactory()
    assert [hit.object for hit in search(PHRASE)[1][:10]] == []

    Attachment.objects.create(
        document=document,
        title="Toàn văn",
        file=SimpleUploadedFile("toan-van.pdf", pdf_with_text(PHRASE), "application/pdf"),
    )

    found = [hit.object for hit in search(PHRASE)[1][:10]]
    assert found == [document]
    assert other not in found


@pytest.mark.django_db
def test_deleting_the_attachment_removes_its_text_from_search():
    document = DocumentFactory()
    attachment = Attachment.objects.create(
        document=document, file=SimpleUploadedFile("a.pdf", pdf_with_text(PHRASE))
    )
    assert search(PHRASE)[1].count() == 1
    attachment.delete()
    document.refresh_from_db()
    assert search(PHRASE)[1].count() == 0
    assert Document.objects.filter(search_text__contains=" phoi hop giam").count() == 0
