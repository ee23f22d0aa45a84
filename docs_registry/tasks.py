"""Background work of the regulations registry (Django's tasks API, see TASKS in settings)."""

from django.conf import settings
from django_tasks import task

from core.text import strip_control_chars

from .pdf_text import extract_pdf_text_bounded


@task()
def extract_attachment_text(attachment_id, file_name):
    """The text of an uploaded PDF, for search, extracted in a child process held to
    `PDF_EXTRACT_SECONDS` and `PDF_EXTRACT_MEMORY_MB`; then the document's search text."""
    from .models import Attachment

    attachment = (
        Attachment.objects.select_related("document")
        .filter(pk=attachment_id, file=file_name)
        .first()
    )
    if attachment is None or attachment.mime_type != "application/pdf":
        return
    with attachment.file.open("rb") as handle:
        data = handle.read()
    text = extract_pdf_text_bounded(
        data, seconds=settings.PDF_EXTRACT_SECONDS, memory_mb=settings.PDF_EXTRACT_MEMORY_MB
    )
    Attachment.objects.filter(pk=attachment_id, file=file_name).update(
        text=strip_control_chars(text)
    )
    attachment.document.save(update_fields=["updated_at"])
