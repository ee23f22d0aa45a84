import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ops.backup import BackupError, write_backup
from ops.backup_crypto import generate_key
from ops.backup_store import archive_name, list_backups, prune, target_storage, upload
from ops.backup_verify import verify


class Command(BaseCommand):
    help = (
        "Sao lưu cơ sở dữ liệu (JSON di chuyển được) và media vào một tệp mã hoá, gửi tới "
        "DJANGO_BACKUP_URL (thư mục hoặc s3://) rồi xoá các bản cũ theo chế độ lưu giữ."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            help="Ghi bản sao lưu vào tệp này (quyền 0600) thay vì gửi tới DJANGO_BACKUP_URL.",
        )
        parser.add_argument(
            "--verify",
            action="store_true",
            help="Không sao lưu: khôi phục thử bản mới nhất vào một cơ sở dữ liệu tạm và so "
            "số bản ghi, mã kiểm tra từng tệp.",
        )
        parser.add_argument("--list", action="store_true", help="Liệt kê các bản sao lưu đang giữ.")
        parser.add_argument(
            "--no-prune", action="store_true", help="Không xoá bản cũ sau khi sao lưu."
        )
        parser.add_argument(
            "--generate-key",
            action="store_true",
            help="In ra một khoá mã hoá mới (cho DJANGO_BACKUP_KEY) rồi thoát.",
        )

    def handle(self, *args, output=None, verify=False, list=False, no_prune=False, **options):
        if options["generate_key"]:
            self.stdout.write(generate_key())
            return
        # Whatever this command writes is its owner's only (archives, temporary copies).
        previous_umask = os.umask(0o077)
        try:
            if list:
                self._list()
            elif verify:
                self._verify()
            elif output:
                self._to_file(Path(output))
            else:
                self._to_target(prune_after=not no_prune)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        finally:
            os.umask(previous_umask)

    def _done(self, manifest, where):
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã sao lưu {rows} bản ghi và {len(manifest['media'])} tệp media "
                f"(đã mã hoá) vào {where}"
            )
        )

    def _to_file(self, path):
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._done(write_backup(path), path)

    def _to_target(self, *, prune_after):
        storage = target_storage()
        name = archive_name()
        with tempfile.TemporaryDirectory(prefix="dvsite-backup-") as folder:
            local = Path(folder) / name
            manifest = write_backup(local)
            upload(storage, local, name)
        self._done(manifest, f"{settings.BACKUP_URL.rstrip('/')}/{name}")
        if prune_after:
            for gone in prune(storage):
                self.stdout.write(f"Đã xoá bản cũ theo chế độ lưu giữ: {gone}")

    def _list(self):
        backups = list_backups(target_storage())
        for when, name in backups:
            self.stdout.write(f"{timezone.localtime(when):%d/%m/%Y %H:%M:%S}\t{name}")
        self.stdout.write(f"{len(backups)} bản sao lưu ở {settings.BACKUP_URL}.")

    def _verify(self):
        name, manifest, _ = verify(target_storage())
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Kiểm tra {name}: khôi phục vào cơ sở dữ liệu tạm đủ {rows} bản ghi "
                f"và {len(manifest['media'])} tệp, khớp danh mục."
            )
        )
