from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Khôi phục một bản sao lưu của backup_site vào bản cài đặt trống "
        "(chạy migrate trước; từ chối nếu đã có nội dung, trừ khi có --force)."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Tệp .tar.gz do backup_site tạo ra.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Xoá toàn bộ dữ liệu hiện có rồi thay bằng bản sao lưu.",
        )

    def handle(self, *args, archive, force=False, **options):
        try:
            manifest = restore(archive, force=force)
        except (BackupError, FileNotFoundError) as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã khôi phục {rows} bản ghi và {len(manifest['media'])} tệp media từ {archive}"
            )
        )
