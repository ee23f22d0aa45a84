"""The registry's filters (django-filter) and their facet counts."""

import functools

import django_filters
from django import forms
from django.db.models import Count, F, Func, IntegerField, Q

from core.facets import FacetErrorsMixin, FacetOption, Facets
from core.text import collation_key
from taxonomy.units import Unit, UnitGraph

from . import numbers
from .models import Document, DocumentType, Issuer, Validity

MIN_YEAR, MAX_YEAR = 1930, 2100
UNKNOWN_YEAR = "chua-ro"  # the year facet's value for documents without a date


class YearField(forms.IntegerField):
    """A year, or "chua-ro" for documents whose year nobody knows (stored as 0)."""

    def to_python(self, value):
        return 0 if value == UNKNOWN_YEAR else super().to_python(value)

    def run_validators(self, value):
        if value != 0:
            super().run_validators(value)


class YearFilter(django_filters.NumberFilter):
    field_class = YearField


class LeadingNumber(Func):
    """The number a document number starts with ("23-QĐ/TW" -> 23), for sorting by number."""

    output_field = IntegerField()

    def as_sql(self, compiler, connection, **extra):  # SQLite reads the leading digits
        return super().as_sql(compiler, connection, template="CAST(%(expressions)s AS INTEGER)")

    def as_postgresql(self, compiler, connection, **extra):
        return super().as_sql(
            compiler,
            connection,
            template="CAST(NULLIF(substring(%(expressions)s from '^[0-9]+'), '') AS INTEGER)",
        )


SORTS = {
    "moi": ("Mới nhất", (F("issue_date").desc(nulls_last=True), "-issue_year", "-id")),
    "cu": ("Cũ nhất", (F("issue_date").asc(nulls_last=True), "issue_year", "id")),
    "so": ("Theo số ký hiệu", (LeadingNumber("number").asc(nulls_last=True), "number", "id")),
}
# What the date inputs send (ISO), and what people type ("30/7/2021", "30-7-2021").
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"]
DATE_MESSAGE = "Ngày phải có dạng ngày/tháng/năm, ví dụ 30/07/2021."


def number_matches(queryset, value):
    """Documents whose number is what `value` writes (numbers.lookup), or None if it is no
    number: the one reading of numbers for the registry box and the site search."""
    wanted = numbers.lookup(value)
    if wanted is None:
        return None
    if wanted.numbers:
        return queryset.filter(number__in=wanted.numbers)
    num, abbr = wanted.num, wanted.type_abbr
    return queryset.filter(
        Q(number__startswith=f"{num}-{abbr}/")
        | Q(number__startswith=f"{num}/{abbr}-")
        | Q(number__startswith=f"{num}/", number__contains=f"/{abbr}-")
    )


def issue_date_filter(label, lookup):
    """One end of the issue-date range, read in any of the date forms people type."""
    return django_filters.DateFilter(
        label=label,
        field_name="issue_date",
        lookup_expr=lookup,
        input_formats=DATE_INPUT_FORMATS,
        error_messages={"invalid": DATE_MESSAGE},
    )


class DocumentFilter(FacetErrorsMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Số ký hiệu hoặc trích yếu",
        method="filter_q",
        max_length=200,
        error_messages={"max_length": "Từ khoá tìm kiếm quá dài (tối đa 200 ký tự)."},
    )
    year = YearFilter(
        label="Năm ban hành",
        field_name="issue_year",
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        error_messages={
            "invalid": "Năm ban hành phải là một số, ví dụ 2021.",
            "min_value": f"Năm ban hành phải từ {MIN_YEAR} đến {MAX_YEAR}.",
            "max_value": f"Năm ban hành phải từ {MIN_YEAR} đến {MAX_YEAR}.",
        },
    )
    type = django_filters.ModelChoiceFilter(
        label="Loại văn bản",
        field_name="doc_type",
        queryset=DocumentType.objects.all(),
        to_field_name="slug",
        error_messages={"invalid_choice": "Loại văn bản này không có trong danh mục."},
    )
    issuer = django_filters.ModelChoiceFilter(
        label="Cơ quan ban hành",
        field_name="issuer",
        queryset=Issuer.objects.all(),
        to_field_name="slug",
        error_messages={"invalid_choice": "Cơ quan ban hành này không có trong danh mục."},
    )
    tu_ngay = issue_date_filter("Từ ngày", "gte")
    den_ngay = issue_date_filter("Đến ngày", "lte")
    sort = django_filters.ChoiceFilter(
        label="Sắp xếp",
        choices=[(key, label) for key, (label, _) in SORTS.items()],
        method="filter_sort",
        empty_label=None,
        error_messages={"invalid_choice": "Cách sắp xếp không hợp lệ."},
    )
    validity = django_filters.ChoiceFilter(
        label="Tình trạng hiệu lực",
        field_name="validity",
        choices=Validity.choices,
        error_messages={"invalid_choice": "Tình trạng hiệu lực không hợp lệ."},
    )
    # The unit that issued a document or that it applies to, or a unit that became part of it.
    don_vi = django_filters.ModelChoiceFilter(
        label="Đơn vị",
        queryset=Unit.objects.all(),
        to_field_name="slug",
        method="filter_unit",
        error_messages={"invalid_choice": "Đơn vị này không có trong danh mục."},
    )

    class Meta:
        model = Document
        fields = [
            "q",
            "year",
            "type",
            "issuer",
            "tu_ngay",
            "den_ngay",
            "sort",
            "validity",
            "don_vi",
        ]

    @functools.cached_property
    def unit_graph(self):
        """Read once for the filter and the facet, though every facet filters again."""
        return UnitGraph.load_with_units()

    def filter_unit(self, queryset, name, value):
        return queryset.filter(Document.unit_q(self.unit_graph.family({value.pk})))

    def filter_q(self, queryset, name, value):
        by_number = number_matches(queryset, value)
        return by_number if by_number is not None else queryset.search(value)

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*SORTS[value][1]) if value else queryset

    def clean_range(self):
        """ "Từ ngày" after "đến ngày" is a mistake worth saying, not an empty list."""
        data = self.form.cleaned_data
        if data.get("tu_ngay") and data.get("den_ngay") and data["tu_ngay"] > data["den_ngay"]:
            self.form.add_error("den_ngay", "“Đến ngày” phải sau hoặc trùng “Từ ngày”.")

    def is_valid(self):
        valid = super().is_valid()
        if valid:
            self.clean_range()
        return valid and self.form.is_valid()

    @property
    def valid_data(self):
        """The cleaned filter values, or none at all when any value is invalid."""
        return self.form.cleaned_data if self.is_valid() else {}

    def filtered(self, skip=None):
        """The queryset with every valid filter applied except `skip`."""
        queryset = self.queryset
        for name, value in self.valid_data.items():
            if name != skip:
                queryset = self.filters[name].filter(queryset, value)
        return queryset


def facet_values(valid_data):
    """The chosen facet options of cleaned filter data, as the options write their values:
    "2021" or "chua-ro", the type's and the issuer's slug, the validity."""
    chosen = {}
    if valid_data.get("year") is not None:
        chosen["year"] = str(valid_data["year"] or UNKNOWN_YEAR)
    for name in ("type", "issuer"):
        if valid_data.get(name) is not None:
            chosen[name] = valid_data[name].slug
    if valid_data.get("validity"):
        chosen["validity"] = valid_data["validity"]
    if valid_data.get("don_vi") is not None:
        chosen["don_vi"] = valid_data["don_vi"].slug
    return chosen


def facets(filterset, selected):
    """Options and counts per facet, each with the other filters applied: one query each.

    They also give the number of documents matching every filter, so the list needs no COUNT
    of its own: the sum of the counts of a facet not chosen, or the count of the chosen option.
    """

    def grouped(skip, *fields):
        # COUNT(*), not COUNT(id): the public-facets index has no id column, and PostgreSQL
        # then answers from the index alone.
        return filterset.filtered(skip).order_by().values(*fields).annotate(n=Count("*"))

    # Known years newest first, then the documents without a date ("Chưa rõ năm").
    years = sorted(grouped("year", "issue_year"), key=lambda row: -(row["issue_year"] or -1))
    types = sorted(
        grouped("type", "doc_type__slug", "doc_type__name"),
        key=lambda row: collation_key(row["doc_type__name"]),
    )
    issuers = sorted(
        grouped("issuer", "issuer__slug", "issuer__name"),
        key=lambda row: collation_key(row["issuer__name"]),
    )
    validities = {row["validity"]: row["n"] for row in grouped("validity", "validity")}
    groups = {
        "year": [
            FacetOption(
                str(r["issue_year"] or UNKNOWN_YEAR),
                str(r["issue_year"] or "Chưa rõ năm"),
                r["n"],
                selected.get("year") == str(r["issue_year"] or UNKNOWN_YEAR),
            )
            for r in years
        ],
        "type": [
            FacetOption(
                r["doc_type__slug"],
                r["doc_type__name"],
                r["n"],
                selected.get("type") == r["doc_type__slug"],
            )
            for r in types
        ],
        "issuer": [
            FacetOption(
                r["issuer__slug"],
                r["issuer__name"],
                r["n"],
                selected.get("issuer") == r["issuer__slug"],
            )
            for r in issuers
        ],
        "validity": [
            FacetOption(value, label, validities.get(value, 0), selected.get("validity") == value)
            for value, label in Validity.choices
            if validities.get(value) or selected.get("validity") == value
        ],
        "don_vi": unit_options(filterset, selected.get("don_vi")),
    }
    return Facets(groups, total=_total(groups["validity"], chosen="validity" in selected))


def _total(options, chosen):
    """Every document has one validity (as one year, type and issuer), so the counts of a facet
    partition what the other filters let through: their sum is the total, or, when an option is
    chosen, that option's count (none shown: no document)."""
    if not chosen:
        return sum(option.count for option in options)
    return next((option.count for option in options if option.selected), 0)


def unit_options(filterset, selected):
    """The units of the documents the other filters let through, with how many each has, its
    former units' included (what choosing it lists); a document may name several units, so
    these counts overlap and the list's total comes from the validity facet. One query, and
    the units' two (shared with the filter) when any document names a unit."""
    documents = filterset.filtered("don_vi").order_by()
    named = Document.units.through.objects.filter(document__in=documents.values("pk"))
    pairs = named.values_list("unit_id", "document_id").union(
        documents.filter(issuing_unit__isnull=False).values_list("issuing_unit_id", "pk")
    )
    by_unit = {}
    for unit_id, document_id in pairs:
        by_unit.setdefault(unit_id, set()).add(document_id)
    if not by_unit and not selected:
        return []
    graph = filterset.unit_graph
    options = []
    for unit in graph.units:
        found = set().union(*(by_unit.get(pk, ()) for pk in graph.family({unit.pk})))
        if found or unit.slug == selected:
            options.append(FacetOption(unit.slug, unit.label, len(found), unit.slug == selected))
    return sorted(options, key=lambda o: collation_key(o.label))
