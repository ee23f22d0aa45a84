"""Articles in other portals' styles import with what an editor would have typed, and nothing
the source does not say (issue 15)."""

import datetime
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from core.publishing import Status
from docs_registry.models import Document, SuggestedReplacement, Validity
from events.models import Event
from news.models import Post

pytestmark = pytest.mark.django_db
SAMPLES = Path(settings.BASE_DIR) / "news" / "tests" / "samples"
D = datetime.date

# name: title, (date, time) or None, byline, source, topics, events (kind, day), documents.
EXPECTED = {
    "national_portal.txt": (
        "Triển khai Quy chế công tác dân vận của hệ thống chính trị tại huyện Tân Kỳ",
        (D(2025, 3, 14), datetime.time(9, 45)),
        "Trần Thu Trang (Trung tâm Văn hóa - Thông tin huyện)",
        "Cổng thông tin điện tử Ban Dân vận Trung ương",
        set(),  # "Ủy ban MTTQ huyện" in the list of attendees is a passing mention
        [("conference", D(2025, 3, 13))],
        {"23-QĐ/TW", "290-QĐ/TW"},
    ),
    "saved_page.html": (
        "Ra mắt mô hình “Dân vận khéo” về chuyển đổi số ở xã Tân Lập",
        (D(2024, 5, 14), datetime.time(8, 30)),
        "Minh Hằng",
        "Ban Dân vận Tỉnh ủy Bình Phước",
        {"Dân vận khéo"},
        [],
        {"114-KL/TW"},
    ),
    "commission_bom_crlf.txt": (
        "Hội nghị tập huấn công tác dân vận chính quyền năm 2023",
        (D(2023, 6, 5), None),
        "BDV",
        "Ban Dân vận Tỉnh ủy Quảng Nam",
        {"Dân vận chính quyền", "Bồi dưỡng – tập huấn"},
        [("training", D(2023, 6, 2))],
        set(),
    ),
    "long_form_date.txt": (
        "Tổng kết phong trào thi đua “Dân vận khéo” năm 2024",
        (D(2025, 3, 12), None),
        "Ngọc Lan - Ban Dân vận Tỉnh ủy",
        "Trang thông tin điện tử Ban Dân vận Tỉnh ủy Quảng Ngãi",
        {"Dân vận khéo"},
        [("conference", D(2025, 3, 12))],  # "Sáng nay" on the article's own date
        set(),
    ),
    "no_date.txt": (
        "Gặp mặt người có uy tín trong đồng bào dân tộc thiểu số",
        None,
        "Thanh Tâm",  # "Bài và ảnh: Thanh Tâm" under the title
        "",
        set(),
        [],
        set(),
    ),
    "brief.txt": (
        "Tân Kỳ giao ban công tác dân vận quý II",
        (D(2025, 6, 5), None),
        "Thu Hà - Văn Nam",
        "",
        set(),
        [("conference", D(2025, 6, 5))],
        set(),
    ),
}


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_seeds", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_sample_imports_what_an_editor_would_have_typed(name):
    title, dated, byline, source, topics, events, documents = EXPECTED[name]
    _, errors = run(str(SAMPLES / name))
    assert errors == ""
    post = Post.objects.get()
    assert post.title == title
    if dated is None:
        assert (post.status, post.publish_at) == (Status.DRAFT, None)
    else:
        moment = timezone.localtime(post.publish_at)
        assert (moment.date(), moment.time() if dated[1] else None) == dated
        assert post.status == Status.PUBLISHED
    assert post.byline == byline
    assert post.source_name == source
    assert set(post.tags.names()) == topics
    assert [(e.kind, e.start_date) for e in Event.objects.filter(posts=post)] == events
    assert {d.number for d in post.cited_documents.all()} == documents
    assert post.view_count == 0
    assert "\u200b" not in post.body and "\xa0" not in post.body and "\r" not in post.body


def test_an_article_without_a_date_is_a_draft_waiting_for_an_editor():
    run(str(SAMPLES / "no_date.txt"))
    post = Post.objects.get()
    assert post not in Post.objects.published()
    assert list(Post.objects.needs_date()) == [post]
    assert "cần bổ sung ngày" in post.import_warnings
    assert not Event.objects.exists()
    assert not post.workflow_notes.exists()  # nobody published it


def test_the_sources_view_count_is_kept_as_the_sources():
    run(str(SAMPLES / "commission_bom_crlf.txt"))
    post = Post.objects.get()
    assert (post.view_count, post.source_view_count) == (0, 1254)


def test_a_saved_page_keeps_its_pictures_file_name_for_the_editor():
    run(str(SAMPLES / "saved_page.html"))
    post = Post.objects.get()
    # Changed: the caption was in the body as a <figure> without its picture; it waits in the
    # warnings, beside the picture's file name, until the editor uploads the picture.
    caption = "Tổ công nghệ số ấp 3 hướng dẫn người dân cài đặt ứng dụng."
    assert caption not in post.body and "<figure" not in post.body
    assert f"to-cong-nghe-so-tan-lap.jpg (chú thích “{caption}”)" in post.import_warnings
    assert "Cỡ chữ" not in post.body and "Tin cùng chuyên mục" not in post.body
    assert "Hội nghị giao ban công tác dân vận" not in post.body


def test_cited_documents_have_an_unknown_validity_and_a_suggested_replacement():
    run(str(SAMPLES / "national_portal.txt"))
    older = Document.objects.with_validity().get(number="290-QĐ/TW")
    newer = Document.objects.with_validity().get(number="23-QĐ/TW")
    assert older.validity == newer.validity == Validity.UNKNOWN
    assert older.get_validity_display() == "Chưa xác định"
    suggestion = SuggestedReplacement.objects.get()
    assert (suggestion.newer, suggestion.older, suggestion.confirmed_at) == (newer, older, None)
    assert "thay thế" in suggestion.evidence


def test_the_samples_import_idempotently(tmp_path):
    for name in EXPECTED:
        shutil.copy(SAMPLES / name, tmp_path / name)
    run(str(tmp_path))
    counts = (Post.objects.count(), Event.objects.count(), Document.objects.count())
    assert counts[0] == len(EXPECTED)
    output, _ = run(str(tmp_path))
    assert "created" not in output.split("loại / kind")[0]
    assert (Post.objects.count(), Event.objects.count(), Document.objects.count()) == counts
    assert SuggestedReplacement.objects.count() == 1


def test_dry_run_prints_what_each_file_would_store_and_writes_nothing():
    output, _ = run("--dry-run", str(SAMPLES / "national_portal.txt"), str(SAMPLES / "no_date.txt"))
    assert "Tác giả: Trần Thu Trang (Trung tâm Văn hóa - Thông tin huyện)" in output
    assert "Ngày đăng: 14/03/2025 09:45 – Đã xuất bản" in output
    assert "Nguồn: Cổng thông tin điện tử Ban Dân vận Trung ương" in output
    assert "Sự kiện: Triển khai Quy chế công tác dân vận" in output
    assert "Văn bản: 23-QĐ/TW, 290-QĐ/TW" in output
    assert "Đề xuất thay thế: 23-QĐ/TW thay 290-QĐ/TW" in output
    assert "Ngày đăng: (không có) – Bản nháp" in output
    assert "Cảnh báo: Không tìm thấy ngày đăng" in output
    assert not Post.objects.exists() and not Document.objects.exists()
