"""Where backups go (a folder here; S3 in test_s3_end_to_end.py), which are kept, and
`restore_site --latest` / `--at DATE`."""

import datetime
import io
import zoneinfo

import pytest
from django.core.management import CommandError, call_command

from news.models import Post
from ops.backup import write_backup
from ops.backup_store import (
    archive_name,
    archive_time,
    list_backups,
    parse_moment,
    prune,
    target_storage,
    to_keep,
)

HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def _at(*args):
    return datetime.datetime(*args, tzinfo=HANOI)


def test_names_say_the_instant_in_utc_and_sort_by_it():
    name = archive_name(_at(2026, 12, 6, 2, 30))
    assert name == "dvsite-20261205T193000Z.dvbak"
    assert archive_time(name) == _at(2026, 12, 6, 2, 30)
    assert archive_time("ghi-chu.txt") is None
    assert archive_time("dvsite-2026.dvbak") is None


def test_retention_keeps_the_newest_of_each_day_week_and_month():
    # Every night at 02:30 for 400 nights, and a second, manual backup on the last day.
    last = _at(2026, 12, 6, 2, 30)
    times = [last - datetime.timedelta(days=n) for n in range(400)]
    manual = _at(2026, 12, 6, 10, 0)
    keep = to_keep([*times, manual], daily=7, weekly=5, monthly=12)
    local = sorted(timezone_date(when) for when in keep)
    # 7 days: the manual backup stands for 6/12 (the newest of that day), then 5/12 … 30/11.
    assert manual in keep and last not in keep
    assert [d for d in local if d >= datetime.date(2026, 11, 30)] == [
        datetime.date(2026, 11, 30),
        *(datetime.date(2026, 12, day) for day in range(1, 7)),
    ]
    # Weeks: the newest of each of the five latest ISO weeks (Sundays, and today's).
    for sunday in (datetime.date(2026, 11, 29), datetime.date(2026, 11, 22)):
        assert sunday in local
    # Months: the last day of each of the twelve latest months.
    for month_end in (datetime.date(2026, 10, 31), datetime.date(2026, 1, 31)):
        assert month_end in local
    assert datetime.date(2025, 12, 31) not in local  # the 13th month back
    assert len(keep) == len(set(keep)) <= 7 + 5 + 12


def timezone_date(when):
    return when.astimezone(HANOI).date()


def test_retention_never_deletes_the_only_or_newest_backup():
    only = [_at(2026, 1, 1)]
    assert to_keep(only, daily=0, weekly=0, monthly=0) == set(only)
    assert to_keep([], daily=7, weekly=5, monthly=12) == set()


def test_prune_deletes_what_retention_does_not_keep_and_nothing_else(tmp_path, settings):
    settings.BACKUP_URL = str(tmp_path)
    settings.BACKUP_KEEP_DAILY, settings.BACKUP_KEEP_WEEKLY, settings.BACKUP_KEEP_MONTHLY = 2, 0, 0
    names = [archive_name(_at(2026, 12, day, 2, 30)) for day in (1, 2, 3, 4)]
    for name in [*names, "ghi-chu.txt"]:
        (tmp_path / name).write_bytes(b"x")
    assert prune(target_storage()) == [names[1], names[0]]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([names[2], names[3], "ghi-chu.txt"])


def test_moments_are_read_the_vietnamese_way_and_the_iso_way():
    assert parse_moment("05/12/2026") == datetime.datetime.combine(
        datetime.date(2026, 12, 5), datetime.time.max, tzinfo=HANOI
    )
    assert parse_moment("2026-12-05") == parse_moment("05/12/2026")
    assert parse_moment("05/12/2026 14:30") == _at(2026, 12, 5, 14, 30)
    assert parse_moment("2026-12-05T14:30") == _at(2026, 12, 5, 14, 30)


@pytest.fixture
def two_backups(db, tmp_path, settings):
    """A backup on 1/12 with one post and one on 5/12 with two, in the backup folder."""
    settings.BACKUP_URL = str(tmp_path / "kho")
    (tmp_path / "kho").mkdir()
    Post.objects.create(title="Bài thứ nhất", body="<p>1</p>")
    write_backup(tmp_path / "kho" / archive_name(_at(2026, 12, 1, 2, 30)))
    Post.objects.create(title="Bài thứ hai", body="<p>2</p>")
    write_backup(tmp_path / "kho" / archive_name(_at(2026, 12, 5, 2, 30)))
    Post.objects.all().delete()
    return tmp_path / "kho"


def _titles():
    return sorted(Post.objects.values_list("title", flat=True))


def test_restore_latest_and_at_a_date(two_backups):
    out = io.StringIO()
    call_command("restore_site", latest=True, force=True, stdout=out)
    assert _titles() == ["Bài thứ hai", "Bài thứ nhất"]
    assert "dvsite-20261204T193000Z.dvbak" in out.getvalue()

    call_command("restore_site", at="03/12/2026", force=True, stdout=io.StringIO())
    assert _titles() == ["Bài thứ nhất"]
    call_command("restore_site", at="2026-12-05T02:30", force=True, stdout=io.StringIO())
    assert len(_titles()) == 2

    # By name, as `backup_site --list` prints it.
    call_command("restore_site", "dvsite-20261130T193000Z.dvbak", force=True, stdout=io.StringIO())
    assert _titles() == ["Bài thứ nhất"]


def test_backup_list_shows_local_times(two_backups):
    out = io.StringIO()
    call_command("backup_site", list=True, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("05/12/2026 02:30:00\tdvsite-20261204T193000Z.dvbak")
    assert lines[1].startswith("01/12/2026 02:30:00")
    assert "2 bản sao lưu" in lines[-1]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"at": "30/11/2026"}, "Không có bản sao lưu nào từ 30/11/2026"),
        ({"at": "hôm kia"}, "Không hiểu ngày"),
        ({"at": "31/02/2026"}, "Không hiểu ngày"),
        ({}, "Cho biết một tệp sao lưu"),
        ({"archive": "x.dvbak", "latest": True}, "Cho biết một tệp sao lưu"),
        ({"archive": "dvsite-20200101T000000Z.dvbak"}, "Không có bản sao lưu"),
    ],
)
def test_restore_explains_what_it_cannot_find(two_backups, arguments, message):
    Post.objects.create(title="Còn nguyên", body="<p>x</p>")
    archive = arguments.pop("archive", None)
    args = [archive] if archive else []
    with pytest.raises(CommandError, match=message):
        call_command("restore_site", *args, force=True, stdout=io.StringIO(), **arguments)
    assert _titles() == ["Còn nguyên"]


def test_an_empty_target_says_there_is_no_backup_yet(db, tmp_path, settings):
    settings.BACKUP_URL = str(tmp_path / "chua-co")
    with pytest.raises(CommandError, match="Chưa có bản sao lưu nào"):
        call_command("restore_site", latest=True, stdout=io.StringIO())
    settings.BACKUP_URL = "ftp://kho.example.vn/sao-luu"
    with pytest.raises(CommandError, match="không được hỗ trợ"):
        call_command("backup_site", stdout=io.StringIO())


def test_each_backup_prunes_by_the_retention_settings(db, tmp_path, settings):
    settings.BACKUP_URL = str(tmp_path)
    settings.BACKUP_KEEP_DAILY, settings.BACKUP_KEEP_WEEKLY, settings.BACKUP_KEEP_MONTHLY = 1, 0, 0
    old = archive_name(_at(2026, 1, 1))
    (tmp_path / old).write_bytes(b"x")
    out = io.StringIO()
    call_command("backup_site", stdout=out)
    assert f"Đã xoá bản cũ theo chế độ lưu giữ: {old}" in out.getvalue()
    [(_, kept)] = list_backups(target_storage())
    assert kept != old
