"""The Vietnamese lunar calendar (âm lịch), after Hồ Ngọc Đức's astronomical algorithm.

New moons and solar terms are computed for the local meridian: UTC+7 for Việt Nam, which is why
Tết sometimes falls a day before the Chinese New Year (UTC+8), e.g. 17 February 2007 against 18
February. The algorithm is accurate for the years 1800–2199; the site only uses 1900–2199.
"""

import datetime
import math
from dataclasses import dataclass
from functools import lru_cache

VIETNAM_TZ = 7.0

CAN = ("Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý")
CHI = ("Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi")

_SYNODIC_MONTH = 29.530588853
_EPOCH_NEW_MOON = 2415021.076998695  # the new moon of 1 January 1900, in Julian days


@dataclass(frozen=True)
class LunarDate:
    day: int
    month: int
    year: int
    leap: bool = False

    @property
    def year_name(self):
        """The can-chi name of the lunar year: 2024 -> "Giáp Thìn"."""
        return can_chi_year(self.year)

    @property
    def month_label(self):
        return f"{self.month} nhuận" if self.leap else str(self.month)

    @property
    def short(self):
        """As calendars print it beside the solar day: "6/1", "1/4 nhuận"."""
        return f"{self.day}/{self.month_label}"

    @property
    def long(self):
        """ "ngày 15 tháng 8 năm Giáp Thìn" """
        return f"ngày {self.day} tháng {self.month_label} năm {self.year_name}"

    def __str__(self):
        return f"{self.short} ÂL"


def can_chi_year(year):
    return f"{CAN[(year + 6) % 10]} {CHI[(year + 8) % 12]}"


def _jd_from_date(day, month, year):
    """The Julian day number of a (proleptic Gregorian) date."""
    a = (14 - month) // 12
    y = year + 4800 - a
    m = month + 12 * a - 3
    return day + (153 * m + 2) // 5 + 365 * y + y // 4 - y // 100 + y // 400 - 32045


def _new_moon(k):
    """The Julian day (UT, fractional) of the k-th new moon after 1 January 1900."""
    t = k / 1236.85
    t2, t3 = t * t, t * t * t
    dr = math.pi / 180
    jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    jd1 += 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)
    m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3  # sun's mean anomaly
    mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3  # moon's mean anomaly
    f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3  # moon's latitude argument
    c1 = (0.1734 - 0.000393 * t) * math.sin(m * dr) + 0.0021 * math.sin(2 * dr * m)
    c1 += -0.4068 * math.sin(mpr * dr) + 0.0161 * math.sin(dr * 2 * mpr)
    c1 += -0.0004 * math.sin(dr * 3 * mpr)
    c1 += 0.0104 * math.sin(dr * 2 * f) - 0.0051 * math.sin(dr * (m + mpr))
    c1 += -0.0074 * math.sin(dr * (m - mpr)) + 0.0004 * math.sin(dr * (2 * f + m))
    c1 += -0.0004 * math.sin(dr * (2 * f - m)) - 0.0006 * math.sin(dr * (2 * f + mpr))
    c1 += 0.0010 * math.sin(dr * (2 * f - mpr)) + 0.0005 * math.sin(dr * (2 * mpr + m))
    if t < -11:
        delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    else:
        delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2
    return jd1 + c1 - delta_t


def _sun_longitude(jdn):
    """The sun's apparent longitude, in radians [0, 2π), at Julian day `jdn` (UT)."""
    t = (jdn - 2451545.0) / 36525
    t2 = t * t
    dr = math.pi / 180
    m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
    l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
    dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * math.sin(dr * m)
    dl += (0.019993 - 0.000101 * t) * math.sin(dr * 2 * m) + 0.000290 * math.sin(dr * 3 * m)
    longitude = (l0 + dl) * dr
    return longitude - math.pi * 2 * math.floor(longitude / (math.pi * 2))


def _new_moon_day(k, tz):
    """The local day number on which the k-th new moon falls."""
    return math.floor(_new_moon(k) + 0.5 + tz / 24)


def _sun_sector(day_number, tz):
    """Which of the 12 solar-term sectors (0–11) the sun is in at the start of the local day."""
    return math.floor(_sun_longitude(day_number - 0.5 - tz / 24) / math.pi * 6)


@lru_cache(maxsize=512)
def _lunar_month_11(year, tz):
    """The day number of the start of the 11th lunar month (the one holding the winter solstice)."""
    off = _jd_from_date(31, 12, year) - 2415021
    k = math.floor(off / _SYNODIC_MONTH)
    new_moon = _new_moon_day(k, tz)
    if _sun_sector(new_moon, tz) >= 9:
        new_moon = _new_moon_day(k - 1, tz)
    return new_moon


@lru_cache(maxsize=512)
def _leap_month_offset(a11, tz):
    """Index (after month 11) of the first month without a major solar term: the leap month."""
    k = math.floor((a11 - _EPOCH_NEW_MOON) / _SYNODIC_MONTH + 0.5)
    i = 1
    arc = _sun_sector(_new_moon_day(k + i, tz), tz)
    while True:
        last = arc
        i += 1
        arc = _sun_sector(_new_moon_day(k + i, tz), tz)
        if arc == last or i >= 14:
            break
    return i - 1


def to_lunar(date, tz=VIETNAM_TZ):
    """The lunar date of the solar `date` (a datetime.date), for the time zone `tz` (hours)."""
    day_number = _jd_from_date(date.day, date.month, date.year)
    k = math.floor((day_number - _EPOCH_NEW_MOON) / _SYNODIC_MONTH)
    month_start = _new_moon_day(k + 1, tz)
    if month_start > day_number:
        month_start = _new_moon_day(k, tz)
    a11 = _lunar_month_11(date.year, tz)
    b11 = a11
    if a11 >= month_start:
        lunar_year = date.year
        a11 = _lunar_month_11(date.year - 1, tz)
    else:
        lunar_year = date.year + 1
        b11 = _lunar_month_11(date.year + 1, tz)
    lunar_day = day_number - month_start + 1
    diff = math.floor((month_start - a11) / 29)
    leap = False
    lunar_month = diff + 11
    if b11 - a11 > 365:  # a leap year: 13 lunar months between the two 11th months
        leap_diff = _leap_month_offset(a11, tz)
        if diff >= leap_diff:
            lunar_month = diff + 10
            leap = diff == leap_diff
    if lunar_month > 12:
        lunar_month -= 12
    if lunar_month >= 11 and diff < 4:
        lunar_year -= 1
    return LunarDate(lunar_day, lunar_month, lunar_year, leap)


def tet(year, tz=VIETNAM_TZ):
    """The solar date of Tết Nguyên Đán (1st day of the 1st lunar month) in `year`."""
    day = datetime.date(year, 1, 19)  # Tết falls between 21 January and 20 February
    while True:
        lunar = to_lunar(day, tz)
        if lunar.day == 1 and lunar.month == 1 and not lunar.leap:
            return day
        day += datetime.timedelta(days=1)
