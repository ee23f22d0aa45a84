"""The public catalogue /mo-hinh/: the list with facets, a model's page, the exports and the
field × year summary. Every list starts from `Practice.objects.published()`."""

from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView

from core import fragments
from core.preview import PreviewableDetailMixin
from core.publishing import Status

from . import exports, summary
from .filters import SORTS, PracticeFilter, facet_values, facets
from .models import Practice, Recognition

FACET_TITLES = {
    "nam": "Năm công nhận",
    "linh_vuc": "Lĩnh vực",
    "cap": "Cấp công nhận",
    "doi_tuong": "Đối tượng vận động",
    "don_vi": "Đơn vị",
}
SAME_UNIT_LIMIT = 6


def catalogue_filter(request):
    queryset = Practice.objects.published().select_related("unit", "sector")
    return PracticeFilter(request.GET, queryset=queryset, request=request)


def _query_string(params):
    return f"?{params.urlencode()}" if params else ""


def _toggle_url(params, name, option):
    """The list URL with this option chosen, or without it when it is the current choice."""
    params = params.copy()
    if option.selected:
        params.pop(name, None)
    else:
        params[name] = option.value
    return _query_string(params) or "?"


class IdsFirst:
    """The catalogue for the paginator: a page's ids are picked in order first, then only those
    rows are read (with their unit, field and recognitions); the count is the facets' total.

    The ids come from the catalogue's order index: the rows with status published, in order
    (`candidates`, filtered like the page), of which `published()` — the one public rule —
    keeps those already public. SQLite otherwise served `published()`'s time range from the
    publishing index and sorted every public row for each page."""

    SLACK = 50  # scheduled rows a window may hold before the plain query is used

    def __init__(self, queryset, candidates, total):
        self.queryset, self.candidates, self.total = queryset, candidates, total

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def _ids(self, key):
        start, stop = key.start or 0, key.stop
        window = list(self.candidates.values_list("pk", flat=True)[: stop + self.SLACK])
        public = set(
            Practice.objects.published().filter(pk__in=window).values_list("pk", flat=True)
        )
        ordered = [pk for pk in window if pk in public]
        if len(ordered) >= stop or len(window) < stop + self.SLACK:
            return ordered[start:stop]
        return list(self.queryset.values_list("pk", flat=True)[key])

    def __getitem__(self, key):
        ids = self._ids(key)
        rows = (
            Practice.objects.filter(pk__in=ids)
            .select_related("unit", "sector")
            .prefetch_related(
                Prefetch("recognitions", queryset=Recognition.objects.order_by("-year", "level"))
            )
        )
        by_id = {row.pk: row for row in rows}
        return [by_id[pk] for pk in ids if pk in by_id]


class PracticeListView(ListView):
    template_name = "practices/practice_list.html"
    context_object_name = "practices"
    paginate_by = 20
    http_method_names = ["get", "head", "options"]

    def get_queryset(self):
        self.filterset = catalogue_filter(self.request)
        candidates = PracticeFilter(
            self.request.GET, queryset=Practice.objects.filter(status=Status.PUBLISHED)
        ).filtered()
        return IdsFirst(self.filterset.filtered(), candidates, self.facet_counts.total)

    @cached_property
    def selected(self):
        return facet_values(self.filterset.valid_data)

    @cached_property
    def facet_counts(self):
        """Kept per generation of the catalogue for each choice of facets (a free-text query,
        which could make unbounded keys, is counted each time)."""
        if self.filterset.valid_data.get("q"):
            return facets(self.filterset, self.selected)
        key = "practices:facets:" + "&".join(f"{k}={v}" for k, v in sorted(self.selected.items()))
        return fragments.cached(
            key, lambda: facets(self.filterset, self.selected), kinds=("practices",)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        groups = self.facet_counts.groups
        params = self.request.GET.copy()
        params.pop("page", None)
        for name, options in groups.items():
            for option in options:
                option.url = _toggle_url(params, name, option)
        valid = self.filterset.valid_data
        context.update(
            filterset=self.filterset,
            filter_errors=self.filterset.error_messages(),
            facet_groups=[(name, FACET_TITLES[name], groups[name]) for name in FACET_TITLES],
            has_filters=bool(self.selected) or bool(valid.get("q")),
            query=self.request.GET.get("q", ""),
            sorts=[(key, label) for key, (label, _) in SORTS.items()],
            sort=valid.get("sort") or "moi",
            csv_url=reverse("practices:csv") + _query_string(params),
            xlsx_url=reverse("practices:xlsx") + _query_string(params),
            summary_url=reverse("practices:summary") + _query_string(params),
            crumbs=[("Mô hình Dân vận khéo", None)],
        )
        return context


def _export_rows(filterset):
    return filterset.filtered().prefetch_related("groups", "recognitions", "results")


def _export(request, content_type, extension, write):
    filterset = catalogue_filter(request)
    if not filterset.is_valid():
        return redirect(f"{reverse('practices:list')}?{request.GET.urlencode()}")
    response = HttpResponse(content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="mo-hinh-dan-van-kheo.{extension}"'
    write(response, filterset)
    return response


@require_safe
def practice_csv(request):
    return _export(
        request,
        "text/csv; charset=utf-8",
        "csv",
        lambda response, fs: exports.write_csv(response, _export_rows(fs), request),
    )


@require_safe
def practice_xlsx(request):
    def write(response, fs):
        table = summary.field_year_table(fs.filtered())
        response.write(exports.xlsx_bytes(_export_rows(fs), request, summary=table))

    return _export(
        request, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", write
    )


@require_safe
def summary_page(request):
    """Models by field × recognition year, for the catalogue's filters (the year filter aside:
    the table is by year)."""
    filterset = catalogue_filter(request)
    table = summary.field_year_table(filterset.filtered({"nam"}))
    params = request.GET.copy()
    params.pop("nam", None)
    context = {
        "table": table,
        "filter_errors": filterset.error_messages(),
        "list_url": reverse("practices:list") + _query_string(params),
        "crumbs": [
            ("Mô hình Dân vận khéo", reverse("practices:list")),
            ("Thống kê theo lĩnh vực và năm", None),
        ],
    }
    return render(request, "practices/summary.html", context)


class PracticeDetailView(PreviewableDetailMixin, DetailView):
    model = Practice
    template_name = "practices/practice_detail.html"
    context_object_name = "practice"
    http_method_names = ["get", "head", "options"]

    def get_queryset(self):
        posts = Practice.posts.field.related_model.objects.published().order_by("-publish_at")
        return (
            super()
            .get_queryset()
            .select_related("unit", "sector")
            .prefetch_related(
                "groups",
                "results",
                "pictures",
                Prefetch("posts", queryset=posts.only("title", "slug", "publish_at")),
                Prefetch(
                    "recognitions",
                    queryset=Recognition.objects.select_related("document").order_by("-year"),
                ),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        practice = self.object
        context["same_unit"] = (
            list(
                Practice.objects.published()
                .filter(unit_id=practice.unit_id)
                .exclude(pk=practice.pk)
                .by_recognition()
                .only("title", "slug", "last_recognised_year")[:SAME_UNIT_LIMIT]
            )
            if practice.unit_id
            else []
        )
        context["crumbs"] = [
            ("Mô hình Dân vận khéo", reverse("practices:list")),
            (practice.title, None),
        ]
        return context
