"""Offer the models named by every post tagged "Dân vận khéo" (practices/candidates.py)."""

from django.core.management.base import BaseCommand

from practices import candidates


class Command(BaseCommand):
    help = "Tìm mô hình Dân vận khéo được nêu trong các bài viết gắn chủ đề “Dân vận khéo”."

    def handle(self, *args, **options):
        made = candidates.offer_candidates()
        self.stdout.write(self.style.SUCCESS(f"Đã thêm {made} mô hình đề xuất mới."))
