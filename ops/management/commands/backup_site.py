from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from ops.backup import write_backup


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu (JSON di chuyển được) và thư mục media vào một tệp .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            help="Tệp sao lưu (mặc định backups/dvsite-<ngày giờ>.tar.gz).",
        )

    def handle(self, *args, output=None, **options):
        if output is None:
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
            output = Path("backups") / f"dvsite-{stamp}.tar.gz"
        output = Path(output)
        output.parent.mkdir(parents=True, exist_ok=True)
        manifest = write_backup(output)
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã sao lưu {rows} bản ghi và {len(manifest['media'])} tệp media vào {output}"
            )
        )
