"""Text of attached PDF documents, so a phrase inside a regulation finds it in search."""

import logging

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from core.text import nfc

logger = logging.getLogger(__name__)

MAX_PAGES = 300
MAX_CHARS = 300_000


def extract_pdf_text(file):
    """The text of the PDF in `file` (an open file or path), "" when it has none or is broken.

    Bounded in pages and characters: an upload must not make a save take minutes.
    """
    try:
        reader = PdfReader(file)
        if reader.is_encrypted:
            return ""
        parts, length = [], 0
        for page in reader.pages[:MAX_PAGES]:
            text = page.extract_text() or ""
            parts.append(text)
            length += len(text)
            if length >= MAX_CHARS:
                break
    except (PyPdfError, OSError, ValueError, KeyError, TypeError) as error:
        logger.info("No text extracted from PDF: %s", error)
        return ""
    return nfc(" ".join(" ".join(parts).split()))[:MAX_CHARS]
