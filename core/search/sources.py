"""What each app offers to site search: its `search.py`'s `SEARCH_SOURCE`, found through the app
registry (the search backends and the site read them from here)."""

import dataclasses
import functools
from collections.abc import Callable
from importlib import import_module

from django.apps import apps
from django.utils.module_loading import module_has_submodule


@dataclasses.dataclass(frozen=True)
class SearchSource:
    kind: str  # "post", "event", "document"
    label: str  # "Tin tức"
    queryset: Callable  # () -> the public queryset (published(), minus internal rows …)
    date: Callable  # (obj) -> the date shown beside a result
    date_field: str  # the field recency is ordered by
    text: Callable  # (obj) -> plain text the snippet is cut from
    related: tuple = ()  # select_related() of the rows shown (`date` and `text` read them)
    # (queryset, raw query) -> the rows the query names outright (a document number), or None
    lookup: Callable | None = None


@functools.cache
def sources():
    """{kind: SearchSource} from the `SEARCH_SOURCE` of every installed app's `search` module."""
    found = {}
    for app in apps.get_app_configs():
        if module_has_submodule(app.module, "search"):
            source = getattr(import_module(f"{app.name}.search"), "SEARCH_SOURCE", None)
            if isinstance(source, SearchSource):
                found[source.kind] = source
    return found
