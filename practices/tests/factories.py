import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from core.publishing import Status
from practices.models import Group, Level, Practice, Recognition, Result, Sector
from taxonomy.tests.factories import UnitFactory


def sector(slug="kinh-te"):
    return Sector.objects.get(slug=slug)


def group(slug="nong-dan"):
    return Group.objects.get(slug=slug)


class PracticeFactory(DjangoModelFactory):
    class Meta:
        model = Practice
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Tuyến đường hoa tự quản số {n}")
    unit = factory.SubFactory(UnitFactory)
    sector = factory.LazyFunction(sector)
    year_started = 2021
    summary = "<p>Nhân dân hiến đất, góp công làm đường hoa.</p>"
    status = Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))


class RecognitionFactory(DjangoModelFactory):
    class Meta:
        model = Recognition

    practice = factory.SubFactory(PracticeFactory)
    level = Level.PROVINCE
    year = 2024


class ResultFactory(DjangoModelFactory):
    class Meta:
        model = Result

    practice = factory.SubFactory(PracticeFactory)
    value = "12"
    unit = "km"
    label = "đường giao thông"


def recognised(year=2024, level=Level.PROVINCE, **kwargs):
    practice = PracticeFactory(**kwargs)
    RecognitionFactory(practice=practice, year=year, level=level)
    practice.refresh_from_db()
    return practice
