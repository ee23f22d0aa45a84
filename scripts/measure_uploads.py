"""Time and memory of the two hostile uploads of issue 17, finding 5, before and after.

    .venv/bin/python scripts/measure_uploads.py

Makes the files here (a 6320×6320 PNG of ~130 KB, a ~60 KB PDF content-stream bomb), then runs
each step in a fresh Python process and prints its wall time and peak resident memory:
- what the request does now (validate and store the picture; store the PDF and queue a task);
- what the background worker does (renditions; PDF text in the limited child process);
- what the request used to do (renditions / PDF text in the request).
"""

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dvsite.test_settings")
    import django

    django.setup()


def step_png_request(path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from news.images import validate_image_upload

    upload = SimpleUploadedFile("anh.png", Path(path).read_bytes(), "image/png")
    validate_image_upload(upload)
    from django.core.files.storage import FileSystemStorage

    FileSystemStorage(tempfile.mkdtemp()).save("anh.png", upload)


def step_png_renditions(path):
    from django.core.files.storage import FileSystemStorage
    from django.db.models.fields.files import FieldFile

    folder = tempfile.mkdtemp()
    storage = FileSystemStorage(folder)
    name = storage.save("anh.png", open(path, "rb"))  # noqa: SIM115

    class Field:
        def __init__(self):
            self.storage = storage

    from news.images import make_renditions

    make_renditions(FieldFile(None, Field(), name))


def step_pdf_request(path):
    from django.core.files.storage import FileSystemStorage

    from docs_registry.validators import sniff

    data = Path(path).read_bytes()
    with open(path, "rb") as handle:
        sniff(handle)
    FileSystemStorage(tempfile.mkdtemp()).save("a.pdf", __import__("io").BytesIO(data))


def step_pdf_worker(path):
    from django.conf import settings

    from docs_registry.pdf_text import extract_pdf_text_bounded

    extract_pdf_text_bounded(
        Path(path).read_bytes(), settings.PDF_EXTRACT_SECONDS, settings.PDF_EXTRACT_MEMORY_MB
    )


def step_pdf_in_request_before(path):
    from docs_registry.pdf_text import extract_pdf_text

    with open(path, "rb") as handle:
        extract_pdf_text(handle)


STEPS = {
    "png: request now (validate + store)": step_png_request,
    "png: worker task (renditions)": step_png_renditions,
    "pdf: request now (sniff + store)": step_pdf_request,
    "pdf: worker task (limited child process)": step_pdf_worker,
    "pdf: request before (text in process)": step_pdf_in_request_before,
}


def run_step(name, path):
    _setup()
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    STEPS[name](path)
    elapsed = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"seconds": elapsed, "base_mb": baseline / 1024, "peak_mb": own / 1024,
                      "child_peak_mb": child / 1024}))  # fmt: skip


def main():
    _setup()
    from docs_registry.tests.pdfs import content_stream_bomb
    from dvsite.tests.test_bounded_work import big_png

    folder = Path(tempfile.mkdtemp())
    png, pdf = folder / "6320.png", folder / "bomb.pdf"
    png.write_bytes(big_png(6320, 6320))
    pdf.write_bytes(content_stream_bomb(40))
    print(
        f"PNG 6320×6320: {png.stat().st_size // 1024} KB; PDF bomb: {pdf.stat().st_size // 1024} KB"
    )
    print(f"{'step':<44} {'seconds':>8} {'process MB':>18} {'child MB':>9}")
    for name in STEPS:
        path = png if name.startswith("png") else pdf
        result = subprocess.run(  # noqa: S603
            [sys.executable, __file__, name, str(path)],
            capture_output=True, text=True, check=True, cwd=ROOT,
        )  # fmt: skip
        r = json.loads(result.stdout.strip().splitlines()[-1])
        memory = f"{r['base_mb']:.0f} → {r['peak_mb']:.0f}"
        print(f"{name:<44} {r['seconds']:>8.2f} {memory:>18} {r['child_peak_mb']:>9.0f}")


if __name__ == "__main__":
    if len(sys.argv) == 3:
        run_step(sys.argv[1], sys.argv[2])
    else:
        main()
