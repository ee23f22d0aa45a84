"""Fill the database with synthetic Vietnamese content (for benchmarks): `tools.synthetic`."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tools import synthetic, synthetic_practices


class Command(BaseCommand):
    help = (
        "Thêm nội dung tiếng Việt giả lập (bài viết, văn bản, sự kiện, chủ đề và liên kết) "
        "để đo hiệu năng."
    )

    def add_arguments(self, parser):
        defaults = synthetic.Sizes()
        parser.add_argument("--posts", type=int, default=defaults.posts, help="Số bài viết.")
        parser.add_argument("--documents", type=int, default=defaults.documents, help="Số văn bản.")
        parser.add_argument("--events", type=int, default=defaults.events, help="Số sự kiện.")
        parser.add_argument("--practices", type=int, default=2_000, help="Số mô hình Dân vận khéo.")
        parser.add_argument("--seed", type=int, default=0, help="Hạt giống ngẫu nhiên.")
        parser.add_argument("--force", action="store_true", help="Chạy cả khi DEBUG tắt.")

    def handle(self, *args, posts, documents, events, practices, seed, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Không thêm nội dung giả lập khi DEBUG tắt (máy chủ thật); dùng --force nếu chắc chắn."
            )
        if min(posts, documents, events, practices) < 0:
            raise CommandError("Số lượng không được âm.")
        started = time.perf_counter()

        def progress(counts):
            if options["verbosity"] >= 2:
                self.stdout.write(
                    f"{time.perf_counter() - started:.0f} s: {counts['posts']} bài viết, "
                    f"{counts['documents']} văn bản, {counts['events']} sự kiện"
                )

        counts = synthetic.generate(
            synthetic.Sizes(posts=posts, documents=documents, events=events),
            seed=seed,
            progress=progress,
        )
        counts |= synthetic_practices.generate(practices, seed=seed)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã thêm {counts['posts']} bài viết, {counts['documents']} văn bản, "
                f"{counts['events']} sự kiện, {counts['practices']} mô hình Dân vận khéo "
                f"trong {elapsed:.1f} giây."
            )
        )
