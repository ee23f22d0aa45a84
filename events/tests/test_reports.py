"""The report parser on the five seeds and on samples written in other portals' phrasings."""

import datetime
from pathlib import Path

import pytest

from events.reports import ReportedEvent, find_events

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SAMPLES = Path(__file__).resolve().parent / "samples"


def seed(prefix):
    """(title, body) of a seed, its page chrome left in: the parser must cope either way."""
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    lines = path.read_text(encoding="utf-8").splitlines()
    skip = ("Thứ", "Banner", "Skip")
    title = next(line for line in lines if len(line.split()) > 4 and not line.startswith(skip))
    return title, "\n".join(lines)


def sample(name):
    title, published, _, *body = (SAMPLES / name).read_text(encoding="utf-8").splitlines()
    return title, "\n".join(body), datetime.date.fromisoformat(published)


def only(events):
    assert len(events) == 1
    assert isinstance(events[0], ReportedEvent)
    return events[0]


def test_seed_000_training_conference_on_the_publication_date():
    title, text = seed("000")
    event = only(find_events(title, text, datetime.date(2022, 10, 6)))
    assert event.kind == "training"
    assert event.start == event.end == datetime.date(2022, 10, 6)
    assert event.organiser == "Đảng ủy Khối các cơ quan Trung ương"
    assert len(event.themes) == 3
    assert event.themes[0].startswith("Công tác dân vận của đảng bộ các cơ quan nhà nước")
    assert event.themes[1].startswith("Việc thực hiện quy chế dân chủ ở cơ sở")
    assert event.themes[2].startswith("Quy chế công tác dân vận của Đảng bộ Khối")
    assert event.format == "in_person" and event.start_time is None


def test_seed_001_online_conference_with_91_connection_points():
    title, text = seed("001")
    event = only(find_events(title, text, datetime.date(2022, 1, 7)))
    assert event.kind == "conference"
    assert event.start == event.end == datetime.date(2022, 1, 6)  # not 30/7/2021 of Quyết định 23
    assert event.organiser == "Tỉnh ủy"
    assert event.format == "online"
    assert event.connection_points == 91


def test_seed_002_two_day_survey_in_ha_noi():
    title, text = seed("002")
    event = only(find_events(title, text, datetime.date(2016, 10, 4)))
    assert event.kind == "survey"
    assert (event.start, event.end) == (datetime.date(2016, 9, 28), datetime.date(2016, 9, 29))
    assert event.location == "Hà Nội"


def test_seed_003_training_class_with_the_year_from_the_text():
    title, text = seed("003")
    # Even with a publication date from another year, "năm 2024" in the sentence decides.
    event = only(find_events(title, text, datetime.date(2024, 12, 30)))
    assert event.kind == "training"
    assert event.start == event.end == datetime.date(2024, 3, 22)
    assert event.organiser == "Ban Dân vận Thành ủy Hà Nội"
    assert event.themes == ("Một số vấn đề về công tác dân vận trong tình hình mới",)
    assert event.speakers == ("Nguyễn Thế Trung",)


def test_seed_004_one_day_training_class():
    title, text = seed("004")
    event = only(find_events(title, text, datetime.date(2020, 9, 18)))
    assert event.kind == "training"
    assert event.start == event.end == datetime.date(2020, 9, 17)
    assert event.participants == 300
    assert event.speakers == ("TS Nguyễn Minh Thơ",)
    assert event.themes == (
        "công tác dân vận trong tình hình mới",
        "xây dựng và thực hiện quy chế dân chủ ở cơ sở",
    )
    assert event.organiser == "Ban Dân vận Tỉnh ủy"


def test_from_to_range_at_a_hall_with_numbered_topics_and_titled_speaker():
    event = only(find_events(*sample("range_from_to.txt")))
    assert (event.start, event.end) == (datetime.date(2023, 5, 12), datetime.date(2023, 5, 14))
    assert event.location == "Hội trường Trường Chính trị tỉnh"
    assert event.organiser == "Ban Dân vận Tỉnh ủy"
    assert event.participants == 150
    assert event.speakers == ("PGS.TS Trần Văn Hải",)
    assert event.themes == (
        "Quan điểm của Đảng về công tác dân tộc",
        "Chính sách tôn giáo trong tình hình mới",
        "Kỹ năng vận động đồng bào có đạo",
    )


def test_clock_time_hybrid_format_and_thousands_of_participants():
    event = only(find_events(*sample("timed_hybrid.txt")))
    assert event.start == datetime.date(2023, 4, 20)
    assert event.start_time == datetime.time(8, 30)
    assert event.format == "hybrid"
    assert event.connection_points == 18
    assert event.participants == 1200
    assert event.organiser == "Huyện ủy Kim Bảng"
    assert event.speakers == ("Lê Thị Hương",)


def test_day_range_without_a_year_takes_it_from_the_publication_date():
    event = only(find_events(*sample("short_range_seminar.txt")))
    assert event.kind == "seminar"
    assert (event.start, event.end) == (datetime.date(2023, 7, 3), datetime.date(2023, 7, 4))


def test_document_dates_are_not_event_dates():
    event = only(find_events(*sample("document_dates_only.txt")))
    assert event.kind == "conference"
    assert event.start == datetime.date(2023, 11, 15)
    assert event.organiser == "Ban Thường vụ Tỉnh ủy"


@pytest.mark.parametrize("name", ["no_event.txt", "findings_not_an_event.txt"])
def test_articles_reporting_no_event_give_nothing(name):
    assert find_events(*sample(name)) == []


def test_empty_input_gives_nothing():
    assert find_events("", "", datetime.date(2024, 1, 1)) == []


def test_the_parser_never_touches_the_database():
    # No django_db mark: a query would fail the test.
    title, text = seed("001")
    assert find_events(title, text, datetime.date(2022, 1, 7))
