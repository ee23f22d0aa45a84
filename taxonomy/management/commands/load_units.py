"""`manage.py load_units FILE.csv`: load units and their history (layout: taxonomy/unit_loading).

Without a file it loads `taxonomy/data/units-sample.csv`, a small sample for the demo and the
tests (a few provinces and former districts as the 2025 reform left them), not an official list.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from taxonomy.unit_loading import UnitFileError, load_units

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "units-sample.csv"


class Command(BaseCommand):
    help = "Nạp danh mục đơn vị (tỉnh, xã, phường, tổ chức) và lịch sử sắp xếp từ tệp CSV."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(SAMPLE), help="Tệp CSV (UTF-8)")

    def handle(self, path, **options):
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise CommandError(f"Không đọc được tệp {path}: {error.strerror}.") from None
        try:
            report = load_units(data)
        except UnitFileError as error:
            raise CommandError(
                "Tệp không được nạp, chưa ghi gì:\n" + "\n".join(error.errors)
            ) from None
        self.stdout.write(
            f"Đơn vị: thêm {report.created}, cập nhật {report.updated}; "
            f"sắp xếp mới: {report.successions}."
        )
