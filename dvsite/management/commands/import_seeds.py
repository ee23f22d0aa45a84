"""`manage.py import_seeds [PATH ...]`: import copied articles as posts, events and documents."""

from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from dvsite.importing.pipeline import KINDS, import_file
from news.importing.decoding import ImportProblem
from news.importing.loading import sync_topic_rules
from news.importing.topics import load_vocabulary

STATUSES = ("created", "updated", "unchanged", "kept", "failed")
KIND_LABELS = {"posts": "bài viết", "events": "sự kiện", "documents": "văn bản", "tags": "chủ đề"}


class _DryRun(Exception):
    """Raised to roll back everything a dry run did."""


class Command(BaseCommand):
    help = "Nhập các bài viết sao chép (mặc định thư mục seeds/) thành bài viết, sự kiện, văn bản."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="Tệp hoặc thư mục (mặc định: seeds/)")
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ in ra những gì sẽ thay đổi, không ghi gì."
        )
        parser.add_argument(
            "--force", action="store_true", help="Ghi đè cả bài đã được biên tập viên sửa."
        )

    def handle(self, *args, paths, dry_run, force, **options):
        files = self._files(paths or [settings.BASE_DIR / "seeds"])
        totals = {kind: Counter() for kind in KINDS}
        try:
            with transaction.atomic():
                rules_created, rules_updated = sync_topic_rules(load_vocabulary())
                for path in files:
                    self._import(path, force, totals)
                if dry_run:
                    raise _DryRun
        except _DryRun:
            self.stdout.write("(chạy thử / dry run: không ghi gì vào cơ sở dữ liệu)")
        self.stdout.write(
            f"Quy tắc chủ đề / topic rules: {rules_created} thêm mới, {rules_updated} bổ sung"
        )
        self._print_table(totals)
        failed = totals["posts"]["failed"]
        if failed:
            raise CommandError(f"{failed}/{len(files)} tệp không nhập được (files failed).")

    def _files(self, paths):
        files = []
        for raw in paths:
            path = Path(raw)
            if path.is_dir():
                files.extend(
                    sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
                )
            elif path.exists():
                files.append(path)
            else:
                raise CommandError(f"Không tìm thấy {path} (no such file or folder).")
        return files

    def _import(self, path, force, totals):
        try:
            with transaction.atomic():
                result = import_file(path, base_dir=settings.BASE_DIR, force=force)
        except ImportProblem as problem:
            totals["posts"]["failed"] += 1
            self.stderr.write(f"LỖI {path}: {problem}")
            return
        except Exception as exc:  # one bad file must not stop the others; its work is rolled back
            totals["posts"]["failed"] += 1
            self.stderr.write(f"LỖI {path}: lỗi khi ghi ({type(exc).__name__}: {exc})")
            return
        for kind in KINDS:
            totals[kind].update(result.counts[kind])
        note = (
            " (đã được biên tập, giữ nguyên / edited, kept)" if result.post_status == "kept" else ""
        )
        self.stdout.write(f"{result.post_status:>9}  {result.key}: {result.post.title}{note}")

    def _print_table(self, totals):
        self.stdout.write(f"{'loại / kind':<20}" + "".join(f"{s:>11}" for s in STATUSES))
        for kind in KINDS:
            label = f"{kind} ({KIND_LABELS[kind]})"
            self.stdout.write(f"{label:<20}" + "".join(f"{totals[kind][s]:>11}" for s in STATUSES))
        self.stdout.write(
            "chủ đề / tags: created = thẻ mới, updated = thẻ có sẵn được gắn thêm vào bài; "
            "kept = bài đã được biên tập viên sửa, không ghi đè (dùng --force để ghi đè)."
        )
