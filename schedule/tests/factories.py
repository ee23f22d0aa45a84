import datetime

import factory
from django.utils import timezone

from core.publishing import Status
from schedule.models import Session, WorkItem, WorkWeek
from schedule.weeks import Week


class WorkWeekFactory(factory.django.DjangoModelFactory):
    """A published schedule of this week (pass `iso_week=Week(...)` for another)."""

    class Meta:
        model = WorkWeek
        skip_postgeneration_save = True

    class Params:
        iso_week = factory.LazyFunction(Week.current)

    year = factory.LazyAttribute(lambda o: o.iso_week.year)
    week = factory.LazyAttribute(lambda o: o.iso_week.number)
    title = factory.Sequence(lambda n: f"Lịch công tác của Thường trực Ban {n}")
    status = Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    public_since = factory.LazyAttribute(
        lambda o: o.publish_at if o.status == Status.PUBLISHED else None
    )


class WorkItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkItem

    week = factory.SubFactory(WorkWeekFactory)
    weekday = 1
    session = Session.MORNING
    time = datetime.time(8, 0)
    content = factory.Sequence(lambda n: f"Họp giao ban công tác dân vận số {n}")
    chair = "Đồng chí Trưởng ban"
    participants = "Lãnh đạo các phòng"
    location = "Phòng họp số 1"
    unit_in_charge = "Văn phòng Ban"
