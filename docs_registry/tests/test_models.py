import datetime
import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from core.publishing import Status
from docs_registry.models import Attachment, Document, Validity
from docs_registry.validators import MAX_ATTACHMENT_SIZE, clean_file_name, validate_attachment

from .factories import AttachmentFactory, DocumentFactory, IssuerFactory

pytestmark = pytest.mark.django_db


def test_number_is_stored_canonical_and_year_follows_the_date():
    doc = DocumentFactory(number="23 qđ tw", issue_date=datetime.date(2021, 7, 30))
    assert doc.number == "23-QĐ/TW"
    assert doc.issue_year == 2021
    assert doc.slug == "23-qd-tw-2021"


def test_state_number_gives_the_year_when_no_date():
    doc = DocumentFactory(number="59/2023/NĐ-CP", issue_date=None)
    assert doc.issue_year == 2023


def test_same_number_issuer_and_year_is_refused_by_the_database():
    DocumentFactory(number="23-QĐ/TW", issue_date=datetime.date(2021, 7, 30))
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentFactory(number="23-QĐ/TW", issue_date=datetime.date(2021, 8, 1))


def test_two_undated_rows_with_the_same_number_and_issuer_are_refused():
    # NULLs would be distinct in a unique constraint; the year is 0 when unknown instead.
    DocumentFactory(number="25-NQ/TW", issue_date=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentFactory(number="25-NQ/TW", issue_date=None)


def test_same_number_in_another_term_or_from_another_issuer_is_allowed():
    DocumentFactory(number="05-CT/TW", issue_date=datetime.date(2016, 5, 15))
    DocumentFactory(number="05-CT/TW", issue_date=datetime.date(2001, 8, 7))
    DocumentFactory(
        number="05-CT/TW",
        issue_date=datetime.date(2016, 5, 15),
        issuer=IssuerFactory(name="Ban Bí thư"),
    )
    assert Document.objects.filter(number="05-CT/TW").count() == 3


def test_clean_explains_a_bad_number_and_conflicting_years():
    doc = DocumentFactory.build(number="không phải số", issue_date=None)
    with pytest.raises(ValidationError) as error:
        doc.clean()
    assert "Số ký hiệu chưa đúng mẫu" in str(error.value)
    doc = DocumentFactory.build(number="23-QĐ/TW", issue_date=datetime.date(2021, 7, 30))
    doc.issue_year = 2020
    with pytest.raises(ValidationError) as error:
        doc.clean()
    assert "Năm ban hành khác" in str(error.value)


def test_search_text_has_every_written_form_of_the_number():
    doc = DocumentFactory(number="23-QĐ/TW", title="Quy chế công tác dân vận")
    assert "23 qd tw" in doc.search_text
    assert "quy che cong tac dan van" in doc.search_text
    assert "bo chinh tri" in doc.search_text


# -- status -------------------------------------------------------------------------------


def test_validity_replaced_expired_and_stored():
    old = DocumentFactory(number="290-QĐ/TW", issue_date=datetime.date(2010, 2, 25))
    new = DocumentFactory(number="23-QĐ/TW")
    new.replaces.add(old)
    expired = DocumentFactory(expiry_date=datetime.date(2022, 1, 1))
    stored = DocumentFactory(manual_validity=Validity.EXPIRED)
    plain = DocumentFactory()
    assert old.get_validity() == Validity.REPLACED
    assert expired.get_validity(today=datetime.date(2022, 1, 1)) == Validity.EXPIRED
    assert expired.get_validity(today=datetime.date(2021, 12, 31)) == Validity.IN_FORCE
    assert stored.get_validity() == Validity.EXPIRED
    assert plain.get_validity() == Validity.IN_FORCE
    assert old.get_validity_display() == "Bị thay thế"
    annotated = {d.pk: d.validity for d in Document.objects.with_validity()}
    assert annotated[old.pk] == Validity.REPLACED and annotated[new.pk] == Validity.IN_FORCE


# -- who sees what ---------------------------------------------------------------------------


def test_public_excludes_internal_drafts_and_scheduled():
    public = DocumentFactory()
    DocumentFactory(is_internal=True)
    DocumentFactory(status=Status.DRAFT)
    DocumentFactory(publish_at=datetime.datetime(2999, 1, 1, tzinfo=datetime.UTC))
    assert list(Document.objects.public()) == [public]


def test_publishing_needs_the_publisher_permission(editor, publisher):
    from django.core.exceptions import PermissionDenied

    doc = DocumentFactory(status=Status.DRAFT, publish_at=None)
    with pytest.raises(PermissionDenied):
        doc.publish(editor)
    doc.submit(editor)
    doc.publish(publisher)
    assert Document.objects.public().filter(pk=doc.pk).exists()


# -- attachments -----------------------------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_pdf_and_docx_are_accepted_by_content():
    validate_attachment(SimpleUploadedFile("a.pdf", PDF))
    validate_attachment(SimpleUploadedFile("a.docx", docx_bytes()))


def test_a_renamed_executable_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_attachment(SimpleUploadedFile("quyet-dinh.pdf", EXE))
    assert "Chỉ nhận tệp PDF, DOC hoặc DOCX" in error.value.messages[0]


def test_an_oversized_file_is_refused():
    upload = SimpleUploadedFile("lon.pdf", PDF)
    upload.size = MAX_ATTACHMENT_SIZE + 1
    with pytest.raises(ValidationError) as error:
        validate_attachment(upload)
    assert "Tệp quá lớn" in error.value.messages[0]


def test_saved_attachment_has_a_clean_name_size_and_type():
    doc = DocumentFactory()
    attachment = Attachment.objects.create(
        document=doc, file=SimpleUploadedFile("Quyết định 23 (bản ký).PDF", PDF)
    )
    # A clean name and a random part (docs_registry/tests/test_private_files.py).
    assert re.search(r"/quyet-dinh-23-ban-ky-[0-9a-f]{16}\.pdf$", attachment.file.name)
    assert attachment.size == len(PDF)
    assert attachment.type_label == "PDF"


def test_clean_file_name_removes_paths_and_odd_characters():
    assert clean_file_name("../../etc/Đề án số 02.docx") == "de-an-so-02.docx"
    assert clean_file_name("tệp", "pdf") == "tep.pdf"


def test_attachment_factory_makes_a_pdf():
    assert AttachmentFactory().type_label == "PDF"
