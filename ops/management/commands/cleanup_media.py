import datetime

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.template.defaultfilters import filesizeformat

from ops.media_cleanup import orphans


class Command(BaseCommand):
    help = (
        "Liệt kê (mặc định, không xoá gì) hoặc xoá (--delete) các tệp media không bản ghi nào "
        "dùng đến, ví dụ tệp còn lại khi một lần lưu bị ngắt giữa chừng."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--delete", action="store_true", help="Xoá các tệp tìm thấy (mặc định chỉ liệt kê)."
        )
        parser.add_argument(
            "--min-age-hours",
            type=float,
            default=24,
            help="Chỉ xét tệp cũ hơn chừng này giờ (mặc định 24), để không đụng tới tệp "
            "đang được lưu hay đang tạo ảnh thu nhỏ.",
        )

    def handle(self, *args, delete=False, min_age_hours=24, **options):
        found = orphans(min_age=datetime.timedelta(hours=min_age_hours))
        for name, size in found:
            self.stdout.write(f"{name}\t{filesizeformat(size)}")
            if delete:
                default_storage.delete(name)
        total = filesizeformat(sum(size for _, size in found))
        if delete:
            message = f"Đã xoá {len(found)} tệp không dùng đến ({total})."
        else:
            message = (
                f"Tìm thấy {len(found)} tệp không dùng đến ({total}); chưa xoá gì "
                "(thêm --delete để xoá)."
            )
        self.stdout.write(self.style.SUCCESS(message))
