"""Text of attached PDF documents, so a phrase inside a regulation finds it in search.

`extract_pdf_text_bounded` runs the extraction in a child process (`python -m
docs_registry.pdf_text`, the PDF on stdin, the text on stdout) with a CPU-time, wall-time and
address-space limit: a 46 KB content-stream bomb took 6.8 s and 350 MB in the request before.
A PDF that hits a limit simply has no text.
"""

import logging
import resource
import subprocess
import sys
from pathlib import Path

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


PROJECT_ROOT = Path(__file__).resolve().parents[1]


def _limit(seconds, memory_bytes):
    def apply():
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))

    return apply


def extract_pdf_text_bounded(data, seconds=10, memory_mb=256):
    """`extract_pdf_text` of the bytes `data` in a child process held to `seconds` of CPU (and
    twice that of wall time) and `memory_mb` of address space; "" when it exceeds them."""
    try:
        result = subprocess.run(  # noqa: S603 (our own interpreter and module)
            [sys.executable, "-E", "-s", "-m", "docs_registry.pdf_text"],
            input=data,
            capture_output=True,
            cwd=PROJECT_ROOT,
            timeout=seconds * 2 + 5,
            preexec_fn=_limit(seconds, memory_mb * 1024 * 1024),  # noqa: PLW1509 (no threads)
            check=False,
        )
    except subprocess.TimeoutExpired:
        logger.warning("PDF text extraction timed out after %s s", seconds * 2 + 5)
        return ""
    if result.returncode != 0:
        logger.warning(
            "PDF text extraction stopped (exit %s): %s",
            result.returncode,
            result.stderr.decode(errors="replace")[-300:],
        )
        return ""
    return result.stdout.decode("utf-8", errors="replace")


if __name__ == "__main__":
    import io

    sys.stdout.write(extract_pdf_text(io.BytesIO(sys.stdin.buffer.read())))
