import datetime

import factory
from django.utils import timezone

from core.publishing import Status
from events.models import Event, Format, Kind


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Hội nghị công tác dân vận số {n}")
    kind = Kind.CONFERENCE
    start_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))
    end_date = factory.LazyAttribute(lambda o: o.start_date)
    location = "Hội trường Tỉnh ủy"
    format = Format.IN_PERSON
    organiser = "Ban Dân vận Tỉnh ủy"
    status = Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
