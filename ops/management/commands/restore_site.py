import json
import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, media_checksums, restore, row_counts
from ops.backup_store import choose, download, list_backups, parse_moment, target_storage


class Command(BaseCommand):
    help = (
        "Khôi phục một bản sao lưu của backup_site vào bản cài đặt trống (kiểm tra mã hoá và "
        "mã kiểm tra trước, chạy migrate; từ chối nếu đã có nội dung, trừ khi có --force)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "archive",
            nargs="?",
            help="Tệp sao lưu trên máy này, hoặc tên một bản ở DJANGO_BACKUP_URL.",
        )
        which = parser.add_mutually_exclusive_group()
        which.add_argument(
            "--latest", action="store_true", help="Bản mới nhất ở DJANGO_BACKUP_URL."
        )
        which.add_argument(
            "--at",
            metavar="NGÀY",
            help="Bản mới nhất tạo trước hoặc trong ngày (giờ) này: 05/12/2026, 2026-12-05, "
            "05/12/2026 14:30.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Xoá toàn bộ dữ liệu hiện có rồi thay bằng bản sao lưu.",
        )
        parser.add_argument(
            "--report-json",
            action="store_true",
            help="Sau khi khôi phục, in số bản ghi và mã kiểm tra các tệp dạng JSON "
            "(dùng cho backup_site --verify).",
        )

    def handle(self, *args, archive=None, latest=False, at=None, force=False, **options):
        # No umask here: restored uploads get the modes the site gives them (nginx reads
        # media); the decrypted copy and the fixture are created 0600 in a 0700 folder.
        if bool(archive) == bool(latest or at):
            raise CommandError("Cho biết một tệp sao lưu, hoặc --latest, hoặc --at NGÀY.")
        try:
            # A path is a file of this machine; a bare name, an archive at DJANGO_BACKUP_URL.
            if archive and (Path(archive).exists() or os.sep in archive or "/" in archive):
                manifest = restore(archive, force=force)
                where = archive
            else:
                storage = target_storage()
                name = archive or choose(list_backups(storage), at=parse_moment(at) if at else None)
                with tempfile.TemporaryDirectory(prefix="dvsite-restore-") as folder:
                    local = Path(folder) / Path(name).name
                    download(storage, name, local)
                    manifest = restore(local, force=force)
                where = name
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        if options["report_json"]:
            self.stdout.write(json.dumps({"counts": row_counts(), "media": media_checksums()}))
            return
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã khôi phục {rows} bản ghi và {len(manifest['media'])} tệp media từ {where}"
            )
        )
