"""The catalogue's filters (django-filter) and their facet counts.

Recognition level and year are read together ("recognised at provincial level in 2024" is one
recognition), as one EXISTS over the recognitions; every facet counts models (distinct), each
with the other filters applied, so an option's count is the length of the list it leads to."""

import django_filters
from django.db.models import Count, Exists, OuterRef, Q, Value

from core import search
from core.facets import FacetErrorsMixin, FacetOption, Facets
from core.publishing import published_q
from core.text import collation_key, words
from taxonomy.units import Unit

from .models import MAX_YEAR, MIN_YEAR, Group, Level, Practice, Recognition, Sector

SORTS = {
    "moi": ("Công nhận mới nhất", "by_recognition"),
    "ten": ("Theo tên (A–Z)", "by_name"),
}
RECOGNITION_FILTERS = {"cap": "level", "nam": "year"}
UNIT_FACET_SIZE = 30  # the units with most models; a chosen one is always shown


class PracticeFilter(FacetErrorsMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Tên hoặc nội dung mô hình",
        method="filter_q",
        max_length=200,
        error_messages={"max_length": "Từ khoá tìm kiếm quá dài (tối đa 200 ký tự)."},
    )
    linh_vuc = django_filters.ModelChoiceFilter(
        label="Lĩnh vực",
        field_name="sector",
        queryset=Sector.objects.all(),
        to_field_name="slug",
        error_messages={"invalid_choice": "Lĩnh vực này không có trong danh mục."},
    )
    don_vi = django_filters.ModelChoiceFilter(
        label="Đơn vị",
        field_name="unit",
        queryset=Unit.objects.all(),
        to_field_name="slug",
        error_messages={"invalid_choice": "Đơn vị này không có trong danh mục."},
    )
    doi_tuong = django_filters.ModelChoiceFilter(
        label="Đối tượng vận động",
        field_name="groups",
        queryset=Group.objects.all(),
        to_field_name="slug",
        method="filter_group",
        error_messages={"invalid_choice": "Đối tượng vận động này không có trong danh mục."},
    )
    cap = django_filters.ChoiceFilter(
        label="Cấp công nhận",
        choices=Level.choices,
        method="filter_nothing",
        error_messages={"invalid_choice": "Cấp công nhận không hợp lệ."},
    )
    nam = django_filters.NumberFilter(
        label="Năm công nhận",
        method="filter_nothing",
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        error_messages={
            "invalid": "Năm công nhận phải là một số, ví dụ 2024.",
            "min_value": f"Năm công nhận phải từ {MIN_YEAR} đến {MAX_YEAR}.",
            "max_value": f"Năm công nhận phải từ {MIN_YEAR} đến {MAX_YEAR}.",
        },
    )
    sort = django_filters.ChoiceFilter(
        label="Sắp xếp",
        choices=[(key, label) for key, (label, _) in SORTS.items()],
        method="filter_nothing",
        empty_label=None,
        error_messages={"invalid_choice": "Cách sắp xếp không hợp lệ."},
    )

    class Meta:
        model = Practice
        fields = ["q", "linh_vuc", "don_vi", "doi_tuong", "cap", "nam", "sort"]

    def filter_q(self, queryset, name, value):
        query_words = words(value)[: search.MAX_WORDS]
        return search.text_matches(queryset, query_words) if query_words else queryset

    def filter_group(self, queryset, name, value):
        through = Practice.groups.through.objects.filter(
            practice_id=OuterRef("pk"), group_id=value.pk
        )
        return queryset.filter(Exists(through))

    def filter_nothing(self, queryset, name, value):
        return queryset  # read by `filtered` (recognitions, sort)

    def is_valid(self):
        return super().is_valid() and self.form.is_valid()

    @property
    def valid_data(self):
        """The cleaned values that filter something, or none at all when any is invalid."""
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.form.cleaned_data.items() if v not in (None, "")}

    def recognition_lookups(self, skip=()):
        wanted = {
            RECOGNITION_FILTERS[name]: int(value) if name == "nam" else value
            for name, value in self.valid_data.items()
            if name in RECOGNITION_FILTERS and name not in skip
        }
        return wanted

    def filtered(self, skip=()):
        """The queryset with every valid filter applied except those in `skip`, sorted."""
        queryset = self.queryset
        for name, value in self.valid_data.items():
            if name not in skip and name not in RECOGNITION_FILTERS:
                queryset = self.filters[name].filter(queryset, value)
        wanted = self.recognition_lookups(skip)
        if wanted:  # the ids from the recognitions' index (an EXISTS per model was slower)
            queryset = queryset.filter(
                pk__in=Recognition.objects.filter(**wanted).values("practice_id")
            )
        sort = self.valid_data.get("sort") or "moi"
        return getattr(queryset, SORTS[sort][1])()


def facet_values(valid_data):
    """The chosen options as the facets write their values (slugs, level, "2024")."""
    chosen = {}
    for name in ("linh_vuc", "don_vi", "doi_tuong"):
        if valid_data.get(name) is not None:
            chosen[name] = valid_data[name].slug
    if valid_data.get("cap"):
        chosen["cap"] = valid_data["cap"]
    if valid_data.get("nam") is not None:
        chosen["nam"] = str(int(valid_data["nam"]))
    return chosen


def _ids(filterset, skip):
    return filterset.filtered(skip).order_by().values("pk")


def _other_filters(filterset, skip):
    """The chosen filters other than `skip`, the recognition filters and the sort."""
    return set(filterset.valid_data) - set(skip) - set(RECOGNITION_FILTERS) - {"sort"}


def _public_recognitions(filterset, skip=()):
    """The public models' recognitions with the level and year chosen (but `skip`), read from
    the recognitions alone: they carry their model's public state (the catalogue's base is
    `published()`, the same rule)."""
    lookups = filterset.recognition_lookups(skip)
    return Recognition.objects.filter(published_q(), **lookups)


def _recognitions(filterset, facet):
    """The recognitions a level or year facet counts: of the models the list shows with every
    filter but the recognition's, at the chosen level or year (but this facet's own). With no
    other filter chosen (the common case) one covering index is read, no model is looked up."""
    recognitions = _public_recognitions(filterset, {facet})
    if _other_filters(filterset, RECOGNITION_FILTERS):
        recognitions = recognitions.filter(practice_id__in=_ids(filterset, {"cap", "nam"}))
    return recognitions


GROUP_COLUMNS = ("group__slug", "group__name", "group__position")


def _models(filterset, other):
    """The count of models among recognitions grouped by level or by year: with the `other`
    one chosen, each model has at most one recognition per group (unique practice, level,
    year), so rows are counted (PostgreSQL sorted every row for the DISTINCT)."""
    if other in filterset.valid_data:
        return Count("*")
    return Count("practice_id", distinct=True)


def _group_counts(filterset):
    """[{slug, name, position, n}] of the group facet: links model–group of the models the
    list shows with every filter but the group's. With only a level or year chosen, the
    models come from the recognitions' index (they carry the public state); with nothing
    chosen, every link is counted from its index, less the links of models not public (few:
    drafts, scheduled), in one query, so no public model is looked up one by one."""
    links = Practice.groups.through.objects
    if _other_filters(filterset, {"doi_tuong"}):
        chosen = links.filter(practice_id__in=_ids(filterset, {"doi_tuong"}))
    elif filterset.recognition_lookups():
        recognised = _public_recognitions(filterset).values("practice_id")
        chosen = links.filter(practice_id__in=recognised)
    else:
        hidden = Practice.objects.exclude(published_q()).values("pk")
        every = links.values(*GROUP_COLUMNS).annotate(n=Count("*"), sign=Value(1))
        less = (
            links.filter(practice_id__in=hidden)
            .values(*GROUP_COLUMNS)
            .annotate(n=Count("*"), sign=Value(-1))
        )
        totals = {}
        for slug, name, position, n, sign in every.union(less, all=True).values_list():
            row = totals.setdefault(slug, {"slug": slug, "name": name, "position": position})
            row["n"] = row.get("n", 0) + sign * n
        return sorted(
            (row for row in totals.values() if row["n"] > 0),
            key=lambda row: (row["position"], row["name"]),
        )
    rows = chosen.values_list(*GROUP_COLUMNS).annotate(n=Count("*"))
    return [
        {"slug": slug, "name": name, "position": position, "n": n}
        for slug, name, position, n in rows.order_by("group__position", "group__name")
    ]


def _options(rows, value_key, label, chosen):
    return [
        FacetOption(str(r[value_key]), label(r), r["n"], chosen == str(r[value_key])) for r in rows
    ]


def _counts(filterset, skip, field):
    """{id or None: models} of one foreign key, over the covering index (no join)."""
    rows = filterset.filtered(skip).order_by().values_list(field).annotate(n=Count("*"))
    return dict(rows)


def _sector_and_unit_counts(filterset, selected):
    """(sector counts, unit counts): one query when neither is chosen (the common case)."""
    if "linh_vuc" not in selected and "don_vi" not in selected:
        sectors, units = {}, {}
        both = filterset.filtered().order_by().values_list("sector_id", "unit_id")
        for sector, unit, n in both.annotate(n=Count("*")):
            sectors[sector] = sectors.get(sector, 0) + n
            units[unit] = units.get(unit, 0) + n
        return sectors, units
    return (
        _counts(filterset, {"linh_vuc"}, "sector_id"),
        _counts(filterset, {"don_vi"}, "unit_id"),
    )


def facets(filterset, selected):
    """Options and counts per facet, each with the other filters applied, and the number of
    models matching every filter (each model has one unit or none: the unit counts, with the
    models without one, sum to it, so the list needs no COUNT of its own)."""
    sector_counts, unit_counts = _sector_and_unit_counts(filterset, selected)
    sectors = [
        {"slug": sector.slug, "name": sector.name, "n": sector_counts.get(sector.pk, 0)}
        for sector in Sector.objects.all()
        if sector.pk in sector_counts or sector.slug == selected.get("linh_vuc")
    ]
    top = sorted((pk for pk in unit_counts if pk), key=lambda pk: -unit_counts[pk])
    wanted = Q(pk__in=top[: UNIT_FACET_SIZE * 3]) | Q(slug=selected.get("don_vi", ""))
    units = {u.pk: u for u in Unit.objects.filter(wanted)}
    unit_rows = sorted(
        (
            {"slug": u.slug, "label": u.label, "n": unit_counts.get(pk, 0)}
            for pk, u in units.items()
            if pk in unit_counts or u.slug == selected.get("don_vi")
        ),
        key=lambda r: (-r["n"], collation_key(r["label"])),
    )
    shown = unit_rows[:UNIT_FACET_SIZE] + [
        r for r in unit_rows[UNIT_FACET_SIZE:] if r["slug"] == selected.get("don_vi")
    ]
    groups = _group_counts(filterset)
    levels = {
        r["level"]: r["n"]
        for r in _recognitions(filterset, "cap")
        .values("level")
        .annotate(n=_models(filterset, "nam"))
        .order_by()
    }
    years = sorted(  # sorted here: SQLite counts in the index's order, then needs no sort
        _recognitions(filterset, "nam")
        .values("year")
        .annotate(n=_models(filterset, "cap"))
        .order_by(),
        key=lambda r: -r["year"],
    )
    total = (
        sum(unit_counts.values())
        if "don_vi" not in selected
        else next((r["n"] for r in unit_rows if r["slug"] == selected["don_vi"]), 0)
    )
    groups = {
        "nam": _options(years, "year", lambda r: str(r["year"]), selected.get("nam")),
        "linh_vuc": _options(sectors, "slug", lambda r: r["name"], selected.get("linh_vuc")),
        "cap": [
            FacetOption(value, label, levels.get(value, 0), selected.get("cap") == value)
            for value, label in Level.choices
            if levels.get(value) or selected.get("cap") == value
        ],
        "doi_tuong": _options(groups, "slug", lambda r: r["name"], selected.get("doi_tuong")),
        "don_vi": _options(shown, "slug", lambda r: r["label"], selected.get("don_vi")),
    }
    return Facets(groups, total)
