from django.core.management.base import BaseCommand

from voice.tasks import purge_expired_personal_data


class Command(BaseCommand):
    help = "Xóa dữ liệu cá nhân của các mục đã đóng quá thời hạn lưu trữ (chạy hằng ngày)."

    def handle(self, *args, **options):
        count = purge_expired_personal_data()
        self.stdout.write(f"Đã xóa dữ liệu cá nhân của {count} mục.")
