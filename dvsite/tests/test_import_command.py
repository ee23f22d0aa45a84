"""`manage.py import_seeds`: the five seeds end to end, idempotency, dry run, bad files."""

import datetime
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import timezone

from docs_registry.models import Document
from events.models import Event
from news.models import Post
from taxonomy.models import TopicRule

pytestmark = pytest.mark.django_db
SEEDS = Path(settings.BASE_DIR) / "seeds"
SAMPLES = Path(settings.BASE_DIR) / "news" / "tests" / "samples"


D = datetime.date
# What each seed cites: (canonical number, year when the text gives it).
EXPECTED_DOCUMENTS = {
    "000": {("503-QĐ/ĐUK", 2021)},
    "001": {("23-QĐ/TW", 2021), ("290-QĐ/TW", 2010), ("02-ĐA/TU", 2021), ("05-QC/TU", 2021)},
    "002": {("25-NQ/TW", None), ("74-KH/ĐUK", None)},
    "003": set(),
    "004": set(),
}
# What each seed reports: (kind, first day, last day).
EXPECTED_EVENTS = {
    "000": ("training", D(2022, 10, 6), D(2022, 10, 6)),
    "001": ("conference", D(2022, 1, 6), D(2022, 1, 6)),
    "002": ("survey", D(2016, 9, 28), D(2016, 9, 29)),
    "003": ("training", D(2024, 3, 22), D(2024, 3, 22)),
    "004": ("training", D(2020, 9, 17), D(2020, 9, 17)),
}


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_seeds", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def table_row(output, kind):
    """{status: count} from the summary table line of `kind`."""
    header = next(line for line in output.splitlines() if line.startswith("loại / kind"))
    row = next(line for line in output.splitlines() if line.startswith(kind))
    return dict(zip(header.split()[-5:], map(int, row.split()[-5:]), strict=True))


def post(prefix):
    return Post.objects.get(import_key__startswith=f"{prefix}_")


def test_the_five_seeds_become_posts_with_tags_documents_and_events():
    output, errors = run()
    assert errors == ""
    assert table_row(output, "posts") == {
        "created": 5,
        "updated": 0,
        "unchanged": 0,
        "kept": 0,
        "failed": 0,
    }
    assert Post.objects.published().count() == 5
    assert TopicRule.objects.filter(name="Dân vận khéo").exists()

    assert post("000").source_name == "dukcqtw.dcs.vn"
    assert timezone.localtime(post("001").publish_at).date() == datetime.date(2022, 1, 6)
    assert post("002").byline == "Phạm Anh Thiện"
    assert {"Dân vận khéo", "Quy chế dân chủ"} <= set(post("004").tags.names())
    assert "Dân vận chính quyền" not in post("002").tags.names()

    for prefix, expected in EXPECTED_DOCUMENTS.items():
        cited = {(d.number, d.issue_year or None) for d in post(prefix).cited_documents.all()}
        assert cited == expected, prefix
    assert Document.objects.get(number="23-QĐ/TW").issue_date == datetime.date(2021, 7, 30)

    for prefix, (kind, start, end) in EXPECTED_EVENTS.items():
        event = Event.objects.get(posts=post(prefix))
        assert (event.kind, event.start_date, event.end_date) == (kind, start, end), prefix
    assert "Hà Nội" in Event.objects.get(posts=post("002")).location
    online = Event.objects.get(posts=post("001"))
    assert (online.format, online.connection_points) == ("online", 91)


def test_running_twice_changes_nothing_the_second_time():
    run()
    counts = (Post.objects.count(), Document.objects.count(), Event.objects.count())
    stamps = list(Post.objects.order_by("pk").values_list("updated_at", flat=True))
    output, _ = run()
    for kind in ("posts", "events", "documents", "tags"):
        row = table_row(output, kind)
        assert row["created"] == row["updated"] == row["failed"] == 0, (kind, row)
    assert table_row(output, "posts")["unchanged"] == 5
    assert (Post.objects.count(), Document.objects.count(), Event.objects.count()) == counts
    assert list(Post.objects.order_by("pk").values_list("updated_at", flat=True)) == stamps


def test_dry_run_reports_but_writes_nothing():
    output, _ = run("--dry-run")
    assert table_row(output, "posts")["created"] == 5
    assert "chạy thử" in output
    assert not Post.objects.exists()
    assert not Document.objects.exists()
    assert not Event.objects.exists()
    assert not TopicRule.objects.exists()


def test_an_edited_post_survives_a_reimport_unless_forced(publisher):
    run()
    edited = post("003")
    edited.summary = "Sapo do biên tập viên viết lại."
    edited.save()
    output, _ = run()
    assert table_row(output, "posts")["kept"] == 1
    assert post("003").summary == "Sapo do biên tập viên viết lại."
    run("--force")
    assert post("003").summary.startswith("Ngày 22/3, Ban Dân vận Thành ủy Hà Nội")


def test_the_same_document_cited_by_two_articles_is_one_row(tmp_path):
    shutil.copy(next(SEEDS.glob("001_*.txt")), tmp_path / "001.txt")
    (tmp_path / "khac.txt").write_text(
        "Sơ kết 3 năm thực hiện Quyết định 23-QĐ/TW\n\n"
        "Sáng 5/8/2024, Ban Dân vận Tỉnh ủy tổ chức hội nghị sơ kết 3 năm thực hiện Quyết định "
        "số 23-QĐ/TW ngày 30/7/2021 của Bộ Chính trị về Quy chế công tác dân vận của hệ thống "
        "chính trị, với sự tham dự của đại diện các sở, ban, ngành và các huyện, thành phố.\n",
        encoding="utf-8",
    )
    run(str(tmp_path))
    document = Document.objects.get(number="23-QĐ/TW")
    assert document.posts.count() == 2


def test_bad_files_get_one_line_each_and_the_good_ones_still_import(tmp_path):
    shutil.copy(next(SEEDS.glob("003_*.txt")), tmp_path / "good.txt")
    for name in ("empty.txt", "binary.bin", "navigation_only.txt"):
        shutil.copy(SAMPLES / name, tmp_path / name)
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="3/4"):
        call_command("import_seeds", str(tmp_path), stdout=out, stderr=err)
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 3
    assert any("empty.txt" in line and "tệp rỗng" in line for line in lines)
    assert any("binary.bin" in line and "nhị phân" in line for line in lines)
    assert any("navigation_only.txt" in line and "điều hướng" in line for line in lines)
    assert table_row(out.getvalue(), "posts")["failed"] == 3
    assert Post.objects.get().title == "Hà Nội tổ chức bồi dưỡng về công tác dân vận"


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("wordpress.txt", "Tập huấn kỹ năng dân vận cho cán bộ cơ sở năm 2023"),
        ("utf16_bom.txt", "Tập huấn kỹ năng dân vận cho cán bộ cơ sở năm 2023"),
        ("legacy_cp1258.txt", "Hội nghị sơ kết công tác tôn giáo 6 tháng đầu năm 2021"),
        ("nfd.txt", "Hà Nội tổ chức bồi dưỡng về công tác dân vận"),
    ],
)
def test_other_encodings_and_portals_import_in_nfc(name, title):
    run(str(SAMPLES / name))
    imported = Post.objects.get()
    assert imported.title == title
    assert imported.import_key.startswith(f"{name}#")  # path in the folder given + fingerprint
    assert "\r" not in imported.body


def test_a_missing_path_is_refused():
    with pytest.raises(CommandError, match="Không tìm thấy"):
        run("/nonexistent/folder")


def test_a_file_that_turned_bad_leaves_its_stored_post_alone(tmp_path):
    copy = tmp_path / "003.txt"
    shutil.copy(next(SEEDS.glob("003_*.txt")), copy)
    run(str(tmp_path))
    before = Post.objects.values().get()
    copy.write_bytes(b"\x00\x01\x02 binary now")
    with pytest.raises(CommandError):
        run(str(tmp_path))
    assert Post.objects.values().get() == before


def test_the_seeds_state_nothing_their_source_does_not():
    """Issue 15: facts of the source site stay the source's; validity is not invented."""
    from docs_registry.models import SuggestedReplacement, Validity

    run()
    assert (post("002").view_count, post("002").source_view_count) == (0, 4050)
    validities = set(Document.objects.with_validity().values_list("validity", flat=True))
    assert validities == {Validity.UNKNOWN}
    suggestion = SuggestedReplacement.objects.get()
    assert (suggestion.newer.number, suggestion.older.number) == ("23-QĐ/TW", "290-QĐ/TW")
    assert suggestion.post == post("001")
    assert post("004").source_name == "Ban Dân vận Tỉnh uỷ"


def test_posts_imported_under_the_old_keys_keep_their_address(tmp_path):
    """Keys used to be the path under the project folder; such a post is found and re-keyed."""
    run()
    first = post("003")
    Post.objects.filter(pk=first.pk).update(import_key=f"seeds/{first.import_key.split('#')[0]}")
    output, _ = run()
    assert table_row(output, "posts")["created"] == 0
    again = post("003")
    assert (again.pk, again.slug, again.import_key) == (first.pk, first.slug, first.import_key)
