"""`manage.py import_seeds [PATH ...]`: import copied articles as posts, events and documents.

Each file is imported in its own transaction, so the site keeps serving (and writing) between
files of a long run; a dry run rolls each file back after reporting what it would store.
"""

from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from dvsite.importing.pipeline import KINDS, prepare_file, store_prepared
from news.importing.decoding import ImportProblem
from taxonomy.vocabulary import load_vocabulary, sync_topic_rules

STATUSES = ("created", "updated", "unchanged", "kept", "failed")
KIND_LABELS = {"posts": "bài viết", "events": "sự kiện", "documents": "văn bản", "tags": "chủ đề"}


class _RollBack(Exception):
    """Raised to roll back what a dry run did; carries the result."""

    def __init__(self, result=None):
        super().__init__()
        self.result = result


class Command(BaseCommand):
    help = "Nhập các bài viết sao chép (mặc định thư mục seeds/) thành bài viết, sự kiện, văn bản."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="Tệp hoặc thư mục (mặc định: seeds/)")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Chỉ in ra những gì sẽ ghi cho từng tệp, không ghi gì.",
        )
        parser.add_argument(
            "--force", action="store_true", help="Ghi đè cả bài đã được biên tập viên sửa."
        )

    def handle(self, *args, paths, dry_run, force, **options):
        files = self._files(paths or [settings.BASE_DIR / "seeds"])
        totals = {kind: Counter() for kind in KINDS}
        rules = self._sync_rules(dry_run)
        for path, base_dir in files:
            self._import(path, base_dir, force, dry_run, totals)
        if dry_run:
            self.stdout.write("(chạy thử / dry run: không ghi gì vào cơ sở dữ liệu)")
        self.stdout.write(f"Quy tắc chủ đề / topic rules: {rules[0]} thêm mới, {rules[1]} bổ sung")
        self._print_table(totals)
        failed = totals["posts"]["failed"]
        if failed:
            raise CommandError(f"{failed}/{len(files)} tệp không nhập được (files failed).")

    def _sync_rules(self, dry_run):
        try:
            with transaction.atomic():
                counts = sync_topic_rules(load_vocabulary())
                if dry_run:
                    raise _RollBack(counts)
        except _RollBack as rolled_back:
            counts = rolled_back.result
        return counts

    def _files(self, paths):
        """[(file, the folder it was given in)]: keys are paths relative to that folder."""
        files = []
        for raw in paths:
            path = Path(raw)
            if path.is_dir():
                found = (
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
                files.extend((p, path) for p in sorted(found))
            elif path.exists():
                files.append((path, path.parent))
            else:
                raise CommandError(f"Không tìm thấy {path} (no such file or folder).")
        return files

    def _import(self, path, base_dir, force, dry_run, totals):
        try:
            # Reading and parsing hold no lock: between two files' writes the site gets its turn.
            prepared = prepare_file(path, base_dir=base_dir)
            with transaction.atomic():
                if dry_run:  # the rules a real run would have synced, rolled back with the file
                    sync_topic_rules(load_vocabulary())
                result = store_prepared(*prepared, force=force)
                if dry_run:  # read what would be stored before it is rolled back
                    result.details = self._details(result) if result.article else []
                    raise _RollBack(result)
        except _RollBack as rolled_back:
            result = rolled_back.result
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
        for line in result.details:
            self.stdout.write(f"           {line}")

    def _details(self, result):
        """What the file would store, field by field, for the operator to check."""
        post = result.post
        date = "(không có)"
        if post.publish_at:
            date = f"{timezone.localtime(post.publish_at):%d/%m/%Y %H:%M}".removesuffix(" 00:00")
        rows = [
            ("Tiêu đề", post.title),
            ("Ngày đăng", f"{date} – {post.get_status_display()}"),
            ("Tác giả", post.byline or "(không có)"),
            ("Nguồn", " ".join(filter(None, [post.source_name, post.source_url])) or "(không có)"),
            ("Chủ đề", ", ".join(post.tags.names()) or "(không có)"),
            ("Sự kiện", "; ".join(f"{e.title} ({e.start_date:%d/%m/%Y})" for e in result.events)),
            ("Văn bản", ", ".join(d.number for d in result.documents)),
            (
                "Đề xuất thay thế",
                ", ".join(f"{s.newer.number} thay {s.older.number}" for s in result.suggestions),
            ),
        ]
        lines = [f"{label}: {value or '(không có)'}" for label, value in rows]
        lines += [f"Cảnh báo: {w}" for w in post.import_warnings.splitlines() if w]
        return lines

    def _print_table(self, totals):
        self.stdout.write(f"{'loại / kind':<20}" + "".join(f"{s:>11}" for s in STATUSES))
        for kind in KINDS:
            label = f"{kind} ({KIND_LABELS[kind]})"
            self.stdout.write(f"{label:<20}" + "".join(f"{totals[kind][s]:>11}" for s in STATUSES))
        self.stdout.write(
            "chủ đề / tags: created = thẻ mới, updated = thẻ có sẵn được gắn thêm vào bài; "
            "kept = bài đã được biên tập viên sửa, không ghi đè (dùng --force để ghi đè)."
        )
