"""`?don_vi=<slug>`: the lists that filter by unit (news, calendar, registry, site search).

One reading for all of them: the unit of that slug and what became part of it (its former
units' content is its content); an unknown slug is "not found" (404, never a 500)."""

from django.http import Http404

from .units import Unit

PARAMETER = "don_vi"
NOT_FOUND = "Không tìm thấy đơn vị này."


def requested_unit(request):
    """The unit `?don_vi=` names, None without one; Http404 for a slug no unit has."""
    slug = request.GET.get(PARAMETER, "").strip()
    if not slug:
        return None
    unit = Unit.objects.filter(slug=slug[:220]).first()
    if unit is None:
        raise Http404(NOT_FOUND)
    return unit


def unit_q(model, unit):
    """The items of `model` (UnitScoped) in `unit` or a unit that became part of it."""
    return model.unit_q(Unit.objects.family_ids([unit.pk]))
