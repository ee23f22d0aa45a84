"""Publication-date lines as portals print them, and lines that only look like dates."""

import datetime

import pytest

from news.importing.dates import first_dated_sentence, parse_date_line

D = datetime.date


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Thứ Năm, 6/10/2022", (D(2022, 10, 6), None, None)),
        ("04/10/2016 | 4050", (D(2016, 10, 4), None, 4050)),
        ("Thứ Tư, 20/09/2023 08:15", (D(2023, 9, 20), datetime.time(8, 15), None)),
        ("Thứ tư, 20/09/2023 - 08:15 (GMT+7)", (D(2023, 9, 20), datetime.time(8, 15), None)),
        ("Ngày đăng: 12/05/2021", (D(2021, 5, 12), None, None)),
        ("Cập nhật lúc 08:15 ngày 20/9/2023", (D(2023, 9, 20), datetime.time(8, 15), None)),
        ("20/09/2023 | Lượt xem: 1.234", (D(2023, 9, 20), None, 1234)),
        # The long form the first importer could not read (it published under the import time).
        ("Thứ tư, ngày 12 tháng 3 năm 2025", (D(2025, 3, 12), None, None)),
        ("2023-06-05 08:15", (D(2023, 6, 5), datetime.time(8, 15), None)),
    ],
)
def test_date_lines(line, expected):
    assert parse_date_line(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Hội nghị ngày 6/10/2022 tại Hà Nội",  # a sentence, not a date line
        "31/02/2022",  # no such day
        "Tin tức, sự kiện",
        "Quyết định 23, ngày 30/7/2021 của Bộ Chính trị",
    ],
)
def test_lines_that_are_not_date_lines(line):
    assert parse_date_line(line) is None


@pytest.mark.parametrize(
    ("paragraph", "year", "expected"),
    [
        ("Sáng 6/1/2022, Tỉnh ủy tổ chức hội nghị.", None, D(2022, 1, 6)),
        ("Ngày 22/3, Ban Dân vận Thành ủy khai giảng lớp bồi dưỡng.", 2024, D(2024, 3, 22)),
        ("Chiều ngày 5/4, đoàn công tác làm việc tại huyện.", 2023, D(2023, 4, 5)),
        # A date inside a sentence is a citation, not when the article's event happened.
        ("Hội nghị quán triệt Quyết định 23, ngày 30/7/2021 của Bộ Chính trị.", None, None),
    ],
)
def test_first_dated_sentence(paragraph, year, expected):
    found = first_dated_sentence([paragraph], year)
    assert found == expected
