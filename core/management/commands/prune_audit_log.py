from django.core.management.base import BaseCommand

from core import audit


class Command(BaseCommand):
    help = "Xóa các mục nhật ký hoạt động cũ hơn thời hạn lưu (DJANGO_AUDIT_RETENTION_DAYS)."

    def handle(self, *args, **options):
        removed = audit.prune()
        self.stdout.write(f"Đã xóa {removed} mục nhật ký cũ hơn {audit.retention_days()} ngày.")
