"""The units' pages: `/don-vi/` (every unit, current and former, searchable by any of its
names) and `/don-vi/<slug>/` (a unit's content, with what became part of it, and its history).

They span the content apps, so they live in the site layer. The sections are discovered, never
listed: every public model (`core.publishing.Publishable`) that belongs to units
(`taxonomy.units.UnitScoped`) and declares a `unit_section` gets one, filled from its own public
queryset. Each page costs the same few queries whatever the number of units and rows.
"""

import functools

from django.apps import apps
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from core.publishing import Publishable
from core.text import nfc, strip_control_chars
from taxonomy.units import PLACE_KINDS, Kind, Succession, Unit, UnitScoped, UnitSection

QUERY_MAX_LENGTH = 100
GROUPS = (
    ("Tỉnh, thành phố", {Kind.PROVINCE, Kind.CITY}),
    ("Xã, phường, đặc khu", PLACE_KINDS - {Kind.PROVINCE, Kind.CITY}),
    ("Cơ quan, tổ chức", {Kind.AGENCY, Kind.ORGANISATION}),
)
# The dates a card shows, the first the model has.
CARD_DATES = ("start_date", "issue_date", "publish_at")


@functools.cache
def unit_sections():
    """[(model, UnitSection)] of every public model that belongs to units, in app order."""
    found = []
    for model in apps.get_models():
        if issubclass(model, Publishable) and issubclass(model, UnitScoped):
            section = UnitSection.of(model)
            if section is not None:
                found.append((model, section))
    return found


def clean_query(value):
    return nfc(strip_control_chars(value or "", multiline=False)).strip()[:QUERY_MAX_LENGTH]


def _successions():
    """{unit id: [(successor, date)]} for every merger: one query."""
    became = {}
    for row in Succession.objects.select_related("successor").order_by("date", "successor__name"):
        became.setdefault(row.predecessor_id, []).append(row)
    return became


@require_safe
def unit_index(request):
    query = clean_query(request.GET.get("q"))
    units = Unit.objects.select_related("parent")
    if query:
        units = units.matching(query)
    units = list(units)
    became = _successions()
    for unit in units:
        unit.became = became.get(unit.pk, [])
    current = [u for u in units if u.is_current]
    groups = [(title, [u for u in current if u.kind in kinds]) for title, kinds in GROUPS]
    context = {
        "query": query,
        "groups": [(title, rows) for title, rows in groups if rows],
        "former": [u for u in units if not u.is_current],
        "found": len(units),
        "crumbs": [("Đơn vị", None)],
    }
    return render(request, "units/unit_list.html", context)


def _section_rows(model, section, family):
    rows = getattr(model._default_manager, section.queryset)().filter(model.unit_q(family))
    rows = list(rows[: section.limit])
    for row in rows:
        # What a card names: the model's own choice (`unit_card_title`), else its title; the
        # template falls back to its name.
        row.card_title = getattr(row, "unit_card_title", None) or getattr(row, "title", "")
        row.card_date = next(
            (getattr(row, name) for name in CARD_DATES if getattr(row, name, None)), None
        )
    return rows


@require_safe
def unit_detail(request, slug):
    unit = get_object_or_404(Unit.objects.select_related("parent"), slug=slug)
    family = Unit.objects.family_ids([unit.pk])
    sections = []
    for model, section in unit_sections():
        list_url = reverse(section.list_url) if section.list_url else ""
        sections.append(
            {
                "title": section.title,
                "id": f"muc-{model._meta.app_label}-{model._meta.model_name}",
                "rows": _section_rows(model, section, family),
                "more_url": f"{list_url}?don_vi={unit.slug}" if list_url else "",
            }
        )
    context = {
        "unit": unit,
        "sections": sections,
        "successors": Succession.objects.filter(predecessor=unit).select_related("successor"),
        "predecessors": Succession.objects.filter(successor=unit).select_related("predecessor"),
        "members": unit.children.current() if unit.is_current else [],
        "crumbs": [("Đơn vị", reverse("units:index")), (unit.label, None)],
    }
    return render(request, "units/unit_detail.html", context)
