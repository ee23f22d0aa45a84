import factory
from factory.django import DjangoModelFactory

from taxonomy.units import Kind, Succession, Unit


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = Unit

    kind = Kind.COMMUNE
    name = factory.Sequence(lambda n: f"Thử Nghiệm {n}")


def merge(predecessors, successor, date):
    """`predecessors` became part of `successor` on `date` (they end that day)."""
    for unit in predecessors:
        Succession.objects.create(predecessor=unit, successor=successor, date=date)
        unit.ended_on = date
        unit.save()
