from django.core.management.base import BaseCommand

from core import tasks


class Command(BaseCommand):
    help = (
        "Áp dụng các bản sửa đã được duyệt hẹn giờ mà đến giờ áp dụng (khi không có tác vụ nền "
        "chờ giờ, ví dụ môi trường phát triển)."
    )

    def handle(self, *args, **options):
        applied = tasks.apply_due_revisions()
        self.stdout.write(f"Đã áp dụng {len(applied)} bản sửa đến giờ.")
