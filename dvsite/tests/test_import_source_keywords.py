"""The source portal's own tags ("Từ khóa:", "Tags:", "Thẻ:") and captions whose picture is not
in the copy, on samples of other portal families imported with `import_seeds`."""

import datetime
import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from news.models import Post
from taxonomy.models import Topic

pytestmark = pytest.mark.django_db
SAMPLES = Path(settings.BASE_DIR) / "news" / "tests" / "samples"

# name: (published at, the keyword line's label, topics, keywords as the source wrote them,
#        keywords no topic knows)
FAMILIES = {
    # WordPress: the tags are links in the entry footer, without commas; the sidebar's tag
    # cloud ("Thẻ: Công tác tôn giáo …") is not the article's.
    "wordpress_tags.html": (
        datetime.datetime(2023, 11, 21, 14, 40),
        "Tags:",
        {"Dân vận khéo", "Mặt trận Tổ quốc"},
        "Dân vận khéo, Mặt trận Tổ quốc, VietGAP",
        "VietGAP",
    ),
    # Liferay: the keyword line and the date line are paragraphs of the journal article.
    "liferay_journal.html": (
        datetime.datetime(2024, 8, 5, 9, 10),
        "Từ khóa:",
        {"Quy chế dân chủ", "Dân vận chính quyền"},
        "Quy chế dân chủ, Dân vận chính quyền, Công đoàn",
        "Công đoàn",
    ),
    # Joomla: "Thẻ:" with "|", the date as "14h20 ngày 15-3-2024".
    "joomla_the.txt": (
        datetime.datetime(2024, 3, 15, 14, 20),
        "Thẻ:",
        {"Học tập và làm theo Bác", "Dân vận khéo"},
        "Học tập và làm theo Bác, Đoàn Thanh niên, Dân vận khéo",
        "Đoàn Thanh niên",
    ),
    # A commune's portal after the 2025 reorganisation, UTF-16 with CRLF: keywords without
    # diacritics and with a typo ("Mặt trận Tổ quố").
    "commune_2025_utf16.txt": (
        datetime.datetime(2025, 9, 8, 10, 15),
        "Từ khoá:",
        {"Dân vận khéo", "Mặt trận Tổ quốc"},
        "dan van kheo, Mặt trận Tổ quố, Chính quyền địa phương hai cấp",
        "Chính quyền địa phương hai cấp",
    ),
}


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_seeds", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize("name", sorted(FAMILIES))
def test_the_sources_tags_propose_topics_and_leave_the_body(name):
    published, label, topics, keywords, unknown = FAMILIES[name]
    _, errors = run(str(SAMPLES / name))
    assert errors == ""
    post = Post.objects.get()
    assert timezone.localtime(post.publish_at).replace(tzinfo=None) == published
    assert set(post.tags.names()) == topics
    first, second = keywords.split(", ")[:2]
    for text in (post.body, post.summary):
        assert label not in text
        assert not re.search(rf"{re.escape(first)}\s*[,;|]?\s*{re.escape(second)}", text)
    assert f"Từ khóa tại trang nguồn: {keywords}." in post.import_warnings
    assert f"Từ khóa chưa có trong danh mục chủ đề: {unknown} " in post.import_warnings
    # An unknown keyword is the editor's to decide: never a topic made on the quiet.
    assert not Topic.objects.filter(name__iexact=unknown).exists()


def test_the_dry_run_shows_the_sources_tags_and_a_second_run_changes_nothing():
    out, _ = run(str(SAMPLES / "joomla_the.txt"), "--dry-run")
    assert "Từ khóa tại trang nguồn: Học tập và làm theo Bác, Đoàn Thanh niên" in out
    assert not Post.objects.exists()
    run(str(SAMPLES / "joomla_the.txt"))
    updated_at = Post.objects.get().updated_at
    run(str(SAMPLES / "joomla_the.txt"))
    assert Post.objects.get().updated_at == updated_at


def test_a_caption_without_its_picture_is_told_to_the_editor_not_framed_in_the_body():
    # The copy kept the caption but lost its picture (only a blank line holds its place).
    run(str(SAMPLES / "caption_without_picture.txt"))
    post = Post.objects.get()
    caption = "Chủ tịch Hội Liên hiệp Phụ nữ tỉnh trao bò giống cho hội viên"
    assert "<figure" not in post.body and "<figcaption" not in post.body
    assert caption not in post.body
    assert f"Chú thích “{caption}” không kèm ảnh: cần bổ sung ảnh." in post.import_warnings
    assert post.body.endswith("phát huy hiệu quả lâu dài.</p>")
