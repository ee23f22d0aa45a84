"""Faceted lists (the registry, the "Dân vận khéo" catalogue): an option of a facet with its
count, the facets of a list with its total, and a filter set's messages for invalid values."""

from dataclasses import dataclass


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    url: str = ""


@dataclass
class Facets:
    groups: dict  # facet name -> [FacetOption]
    total: int  # rows matching every filter


class FacetErrorsMixin:
    """For a django-filter FilterSet: its form's messages, one list, for the page."""

    def error_messages(self):
        return [message for errors in self.errors.values() for message in errors]
