"""ISO weeks as the schedule names them: "2026-W49", Monday to Sunday, in the site's time zone.

Pure functions, no database: the views read `?tuan=` through `parse`, which refuses anything
that is not a real week of a year the schedule can hold (a 404, never a 500).
"""

import dataclasses
import datetime
import re

from django.utils import timezone

from core.dates import format_date

FIRST_YEAR, LAST_YEAR = 2000, 2100
_WEEK = re.compile(r"\s*([0-9]{4})-?W([0-9]{1,2})\s*", re.IGNORECASE)


class InvalidWeek(ValueError):
    """Not a week the schedule can show."""


@dataclasses.dataclass(frozen=True, order=True)
class Week:
    year: int
    number: int

    def __post_init__(self):
        if not FIRST_YEAR <= self.year <= LAST_YEAR:
            raise InvalidWeek(f"Năm {self.year} nằm ngoài khoảng {FIRST_YEAR}–{LAST_YEAR}.")
        try:
            datetime.date.fromisocalendar(self.year, self.number, 1)
        except ValueError:
            raise InvalidWeek(f"Năm {self.year} không có tuần {self.number}.") from None

    @classmethod
    def of(cls, day):
        year, number, _ = day.isocalendar()
        return cls(year, number)

    @classmethod
    def current(cls, today=None):
        return cls.of(today or timezone.localdate())

    @property
    def monday(self):
        return datetime.date.fromisocalendar(self.year, self.number, 1)

    @property
    def sunday(self):
        return self.monday + datetime.timedelta(days=6)

    def day(self, weekday):
        """The date of ISO `weekday` (1 = Monday … 7 = Sunday) in this week."""
        return datetime.date.fromisocalendar(self.year, self.number, weekday)

    def days(self):
        return [self.day(weekday) for weekday in range(1, 8)]

    def shifted(self, weeks):
        """The week `weeks` later (earlier when negative), or None outside the years held."""
        try:
            return Week.of(self.monday + datetime.timedelta(weeks=weeks))
        except InvalidWeek:
            return None

    @property
    def previous(self):
        return self.shifted(-1)

    @property
    def next(self):
        return self.shifted(1)

    @property
    def code(self):
        """ "2026-W49", the value of `?tuan=`."""
        return f"{self.year}-W{self.number:02d}"

    @property
    def label(self):
        """ "Tuần 49 năm 2026 (từ 30/11/2026 đến 06/12/2026)" """
        return (
            f"Tuần {self.number} năm {self.year} "
            f"(từ {format_date(self.monday)} đến {format_date(self.sunday)})"
        )

    def __str__(self):
        return self.code


def parse(value):
    """The week named by `value` ("2026-W49", "2026W49", "2026-w5"), or InvalidWeek."""
    match = _WEEK.fullmatch(value or "")
    if not match:
        raise InvalidWeek("Tuần không hợp lệ: hãy viết dạng 2026-W49.")
    return Week(int(match[1]), int(match[2]))
