"""The registry's filters (django-filter) and their facet counts."""

from dataclasses import dataclass

import django_filters
from django import forms
from django.db.models import Count

from .models import Document, DocumentType, Issuer, Validity

MIN_YEAR, MAX_YEAR = 1930, 2100


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class DocumentFilter(django_filters.FilterSet):
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
    validity = django_filters.ChoiceFilter(
        label="Tình trạng hiệu lực",
        field_name="validity",
        choices=Validity.choices,
        error_messages={"invalid_choice": "Tình trạng hiệu lực không hợp lệ."},
    )

    class Meta:
        model = Document
        fields = ["q", "year", "type", "issuer", "validity"]

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

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

    def error_messages(self):
        return [message for errors in self.errors.values() for message in errors]


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    url: str = ""


def facets(filterset, selected):
    """Options and counts per facet, each with the other filters applied: one query each."""

    def grouped(skip, *fields):
        # COUNT(*), not COUNT(id): the public-facets index has no id column, and PostgreSQL
        # then answers from the index alone.
        return filterset.filtered(skip).order_by().values(*fields).annotate(n=Count("*"))

    years = sorted(
        (row for row in grouped("year", "issue_year") if row["issue_year"]),
        key=lambda row: -row["issue_year"],
    )
    types = sorted(
        grouped("type", "doc_type__slug", "doc_type__name"), key=lambda row: row["doc_type__name"]
    )
    issuers = sorted(
        grouped("issuer", "issuer__slug", "issuer__name"), key=lambda row: row["issuer__name"]
    )
    validities = {row["validity"]: row["n"] for row in grouped("validity", "validity")}
    return {
        "year": [
            FacetOption(
                str(r["issue_year"]),
                str(r["issue_year"]),
                r["n"],
                selected.get("year") == str(r["issue_year"]),
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
    }
