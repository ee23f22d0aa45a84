"""Which query parameters a cached page may vary by (dvsite/cache.py).

Every unknown query string (`?utm_x=<unique>`) used to store a whole page for the cache time: a
flood of them filled the cache. Now the page key holds only the parameters the page reads, by
URL name (`PAGE_PARAMS`), in a stable order; tracking parameters (utm_*, fbclid, gclid, Zalo's
zarsrc …) are dropped — from the key and from the request, so the page cannot echo them to
the next visitor — and a request with any other parameter is answered but not stored. Pages keep
their hit rate (a post shared on Facebook or Zalo is one entry, whatever the click id), and a
page is stored at most once per real combination of its own filters.

The fallback is "not stored", never "stored under a shorter key": a page whose parameters are
missing here is served right, only uncached.
"""

import functools
import re
from urllib.parse import parse_qsl, urlencode

from django.http import QueryDict
from django.urls import Resolver404, resolve

TRACKING = re.compile(
    r"utm_[a-z0-9_]*|fbclid|gclid|gclsrc|gbraid|wbraid|dclid|msclkid|yclid|twclid|ttclid|"
    r"igshid|mc_cid|mc_eid|_ga|_gl|zarsrc|ref_src",
    re.IGNORECASE,
)
# Parameters whose value is a page number: anything else (a unique string, which `get_page()`
# answers with a page all the same) is not stored.
PAGE_NUMBERS = {"page", "p"}
PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,3}")


PAGE_PARAMS = {
    "news:list": frozenset({"page", "don_vi"}),
    "news:category": frozenset({"page"}),
    "news:tag": frozenset({"page"}),
    "events:list": frozenset({"page", "don_vi"}),
    "events:calendar": frozenset({"don_vi"}),
    "events:calendar_current": frozenset({"don_vi"}),
    "search": frozenset({"q", "kind", "page", "don_vi"}),
    "units:index": frozenset({"q"}),
    "sitemap_section": frozenset({"p"}),
    # Only real weeks answer 200 (others are a 404 or a redirect), so at most one entry a week.
    "schedule:week": frozenset({"tuan"}),
    "schedule:print": frozenset({"tuan"}),
    "schedule:ics": frozenset({"tuan"}),
    # The "Dân vận khéo" catalogue's filters (practices/filters.py) and its page.
    "practices:list": frozenset(
        {"q", "linh_vuc", "don_vi", "doi_tuong", "cap", "nam", "sort", "page"}
    ),
    "practices:csv": frozenset({"q", "linh_vuc", "don_vi", "doi_tuong", "cap", "nam", "sort"}),
    "practices:xlsx": frozenset({"q", "linh_vuc", "don_vi", "doi_tuong", "cap", "nam", "sort"}),
    "practices:summary": frozenset({"q", "linh_vuc", "don_vi", "doi_tuong", "cap", "sort"}),
}


@functools.cache
def _registry_filters():
    from docs_registry.filters import DocumentFilter  # noqa: PLC0415 (apps are loaded by now)

    return frozenset(DocumentFilter.base_filters)


def page_params(view_name):
    """The query parameters the page of `view_name` reads (empty: none)."""
    if view_name in ("docs_registry:list",):
        return _registry_filters() | {"page"}
    if view_name in ("docs_registry:csv", "docs_registry:xlsx"):
        return _registry_filters()
    return PAGE_PARAMS.get(view_name, frozenset())


def is_tracking(name):
    return TRACKING.fullmatch(name) is not None


def cache_query(request):
    """The query string the page key uses ("" for none), or None when the response to this
    request must not be stored. Drops tracking parameters from `request` as a side effect."""
    raw = request.META.get("QUERY_STRING", "")
    if not raw:
        return ""
    pairs = parse_qsl(raw, keep_blank_values=True)
    own = [(name, value) for name, value in pairs if not is_tracking(name)]
    if len(own) != len(pairs):
        request.META["QUERY_STRING"] = urlencode(own)
        request.GET = QueryDict(request.META["QUERY_STRING"])
    if not own:
        return ""
    try:
        allowed = page_params(resolve(request.path_info).view_name)
    except Resolver404:
        return None
    for name, value in own:
        if name not in allowed:
            return None
        if name in PAGE_NUMBERS and not PAGE_NUMBER.fullmatch(value):
            return None
    # Sorted by name only: the order of one parameter's values is kept (the last one counts).
    return urlencode(sorted(own, key=lambda pair: pair[0]))
