"""Load a list of models from a spreadsheet (practices/loading.py: the layout)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from practices import loading


class Command(BaseCommand):
    help = "Nạp danh sách mô hình Dân vận khéo từ tệp .xlsx hoặc CSV UTF-8 (xem README)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Tệp .xlsx hoặc .csv")

    def handle(self, *args, path, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"Không tìm thấy tệp {path}.")
        try:
            report = loading.load(file.read_bytes(), file.name)
        except loading.PracticeFileError as error:
            raise CommandError("Không nạp gì cả, vì:\n" + "\n".join(error.errors)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã thêm {report.created}, cập nhật {report.updated}, "
                f"giữ nguyên {report.unchanged} mô hình."
            )
        )
