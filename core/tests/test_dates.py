import datetime
import zoneinfo

from django.template import Context, Template

from core.dates import format_datetime, format_long_date

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def test_long_date_spells_the_weekday():
    assert format_long_date(datetime.date(2022, 10, 6)) == "Thứ Năm, 06/10/2022"
    assert format_long_date(datetime.date(2022, 10, 9)) == "Chủ Nhật, 09/10/2022"


def test_aware_datetimes_are_shown_in_vietnam_time():
    # 20/09/2023 01:15 UTC is 08:15 in Hà Nội.
    moment = datetime.datetime(2023, 9, 20, 1, 15, tzinfo=datetime.UTC)
    assert format_datetime(moment) == "Thứ Tư, 20/09/2023 08:15"


def test_late_utc_evening_is_the_next_day_in_vietnam():
    moment = datetime.datetime(2022, 10, 5, 20, 0, tzinfo=datetime.UTC)
    assert format_long_date(moment) == "Thứ Năm, 06/10/2022"


def test_template_filters():
    out = Template("{% load vi %}{{ d|vi_long_date }} | {{ d|vi_date }}").render(
        Context({"d": datetime.date(2016, 10, 4)})
    )
    assert out == "Thứ Ba, 04/10/2016 | 04/10/2016"
