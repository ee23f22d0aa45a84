from django.conf import settings
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core import fragments
from dvsite import home as home_page
from dvsite import search
from dvsite.suggest import suggest
from taxonomy.units import Unit


@require_safe
def home(request):
    context = {}
    for name, kinds, compute in home_page.PARTS:
        context.update(fragments.cached(f"home:{name}", compute, kinds=kinds))
    return render(request, "home.html", context)


@never_cache
@require_safe
def healthz(request):
    """Liveness and database check for load balancers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def server_error(request):
    """The 500 page, rendered without touching the database (it may be what failed)."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"site": settings.SITE_INFO, "request": None}))


# -- Site-wide search ---------------------------------------------------------------------

RESULTS_PER_PAGE = 10


@require_safe
def search_view(request):
    raw_query = request.GET.get("q", "")
    kind = request.GET.get("kind", "")
    available = search.sources()
    context = {
        "query": raw_query[: search.MAX_QUERY_LENGTH],
        "kind": kind,
        "kinds": [(key, source.label) for key, source in available.items()],
        "crumbs": [("Tìm kiếm", None)],
    }
    if kind and kind not in available:
        context["notice"] = "Loại nội dung không hợp lệ; đang tìm trong tất cả các loại."
        context["kind"] = kind = ""
    unit_ids = _unit_filter(request, context)
    if "q" not in request.GET:
        return render(request, "search/results.html", context)
    try:
        words, results = search.search(raw_query, unit_ids=unit_ids)
    except search.QueryError as error:
        context["error"] = str(error)
        return render(request, "search/results.html", context)
    counts = results.counts()
    if not sum(counts.values()):
        # Nothing found: read the query again from the site's own words ("dan van keo").
        suggestion = suggest(words)
        if suggestion:
            better = search.Results(suggestion[1], set(available), suggestion[0], unit_ids)
            better_counts = better.counts()
            # Only a suggestion that finds public content: the vocabulary may be minutes old.
            if sum(better_counts.values()):
                (context["suggestion"], words), results, counts = suggestion, better, better_counts
    if kind:
        raw = context.get("suggestion") or raw_query
        results = search.Results(words, {kind}, raw, unit_ids)
    context.update(_results_page(request, words, results, counts))
    return render(request, "search/results.html", context)


def _unit_filter(request, context):
    """`?don_vi=<slug>`: the ids of that unit and of what became part of it, or None. An
    unknown unit is said, and the search goes on over everything."""
    slug = request.GET.get("don_vi", "").strip()
    if not slug:
        return None
    unit = Unit.objects.filter(slug=slug[:220]).first()
    if unit is None:
        context["notice"] = "Không tìm thấy đơn vị này; đang tìm trong tất cả các đơn vị."
        return None
    context["unit"] = unit
    return Unit.objects.family_ids([unit.pk])


def _results_page(request, words, results, counts):
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return {
        "words": words,
        "counts": counts,
        "total": sum(counts.values()),
        "count_limit": search.COUNT_LIMIT,
        "capped": any(count > search.COUNT_LIMIT for count in counts.values()),
        "page_obj": page,
        "hits": [
            {
                "hit": hit,
                "title": search.highlight(str(hit.object), words, width=1000),
                "snippet": search.highlight(hit.source.text(hit.object), words),
            }
            for hit in page.object_list
        ],
    }


@require_safe
def robots_txt(request):
    # Never the admin path: robots.txt is public, and naming a hidden admin URL would reveal
    # it. The admin keeps itself out of indexes with `X-Robots-Tag: noindex` (middleware).
    lines = [
        "User-agent: *",
        "Disallow: /tim-kiem/",
        f"Sitemap: {settings.SITE_INFO['base_url']}/sitemap.xml",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
