"""Attachment checks: the content decides the type, not the file name."""

import os

import filetype
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from core.text import slugify

MAX_ATTACHMENT_SIZE = 20 * 1024 * 1024

# MIME type found in the content -> (extension, label shown to readers)
ALLOWED_TYPES = {
    "application/pdf": ("pdf", "PDF"),
    "application/msword": ("doc", "Word (DOC)"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (
        "docx",
        "Word (DOCX)",
    ),
}


def sniff(file):
    """The MIME type of `file` from its first bytes, or None."""
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(8192)
    file.seek(position)
    kind = filetype.guess(head)
    return kind.mime if kind else None


def validate_attachment(file):
    size = getattr(file, "size", None)
    if size is not None and size > MAX_ATTACHMENT_SIZE:
        raise ValidationError(
            "Tệp quá lớn (%(size)s); tối đa %(max)s.",
            code="too_large",
            params={
                "size": filesizeformat(size),
                "max": filesizeformat(MAX_ATTACHMENT_SIZE),
            },
        )
    if not size:
        raise ValidationError("Tệp rỗng.", code="empty")
    if sniff(file) not in ALLOWED_TYPES:
        raise ValidationError(
            "Chỉ nhận tệp PDF, DOC hoặc DOCX; nội dung tệp này không phải các định dạng đó.",
            code="bad_type",
        )


def clean_file_name(name, extension=None):
    """A safe ASCII file name: "Quyết định 23 (bản ký).PDF" -> "quyet-dinh-23-ban-ky.pdf"."""
    stem, ext = os.path.splitext(os.path.basename(name or ""))
    stem = slugify(stem, max_length=80) or "van-ban"
    ext = (extension or ext.lstrip(".")).lower()
    ext = "".join(ch for ch in ext if ch.isalnum())[:5]
    return f"{stem}.{ext}" if ext else stem
