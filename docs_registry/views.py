import hashlib

from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.functional import cached_property
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView

from core import fragments
from core.preview import PreviewableDetailMixin

from . import exports
from .filters import SORTS, DocumentFilter, facet_values, facets
from .models import Attachment, Document

FACET_TITLES = {
    "year": "Năm ban hành",
    "type": "Loại văn bản",
    "issuer": "Cơ quan ban hành",
    "validity": "Tình trạng",
    "don_vi": "Đơn vị",
}


def registry_filter(request, include_internal=True):
    """The registry's filters over what the public may see; internal records only for who may
    read them (never in the CSV export: `include_internal=False`)."""
    documents = (
        Document.objects.registry_for(request.user)
        if include_internal
        else Document.objects.public()
    )
    queryset = documents.with_validity().select_related("doc_type", "issuer").newest_first()
    return DocumentFilter(request.GET, queryset=queryset, request=request)


def _facets_key(valid_data):
    chosen = repr(sorted((name, str(value)) for name, value in valid_data.items()))
    return "docs_registry:facets:" + hashlib.sha256(chosen.encode()).hexdigest()


class DocumentListView(ListView):
    template_name = "docs_registry/document_list.html"
    context_object_name = "documents"
    paginate_by = 20

    def get_queryset(self):
        self.filterset = registry_filter(self.request)
        return self.filterset.filtered()

    @cached_property
    def facet_counts(self):
        """The facets of this choice of filters; what the public sees is the same for every
        visitor until documents change, so it is kept per generation of the documents: counting
        every public document per facet grew with the registry (4 × 43,000 index entries, 150 ms
        of the page at 100,000 posts / 50,000 documents)."""

        def compute():
            return facets(self.filterset, self.selected)

        if Document.can_read_internal(self.request.user):  # internal records counted too
            return compute()
        return fragments.cached(
            _facets_key(self.filterset.valid_data), compute, kinds={"docs_registry"}
        )

    @cached_property
    def selected(self):
        """The facet values chosen (valid ones only), written as the facets write them."""
        return facet_values(self.filterset.valid_data)

    def get_paginator(self, queryset, *args, **kwargs):
        paginator = super().get_paginator(queryset, *args, **kwargs)
        paginator.count = self.facet_counts.total  # the facets counted them already
        return paginator

    def paginate_queryset(self, queryset, page_size):
        """The page's ids in the list's order, then those rows with their validity (`few`), in
        one query: labelling every row of the list's own query made PostgreSQL collect every
        replaced document first, the registry's costliest query at 500,000 documents."""
        paginator, page, ids, is_paginated = super().paginate_queryset(
            queryset.values("pk"), page_size
        )
        page.object_list = (
            Document.objects.filter(pk__in=ids)
            .with_validity(few=True)
            .select_related("doc_type", "issuer")
            .order_by(*queryset.query.order_by)
        )
        return paginator, page, page.object_list, is_paginated

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if self.request.user.is_authenticated:
            add_never_cache_headers(response)  # may list internal documents
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        selected, groups = self.selected, self.facet_counts.groups
        params = self.request.GET.copy()
        params.pop("page", None)
        for name, options in groups.items():
            for option in options:
                option.url = _toggle_url(params, name, option)
        context.update(
            filterset=self.filterset,
            filter_errors=self.filterset.error_messages(),
            facet_groups=[(name, FACET_TITLES[name], groups[name]) for name in FACET_TITLES],
            has_filters=bool(selected)
            or any(self.filterset.valid_data.get(n) for n in ("q", "tu_ngay", "den_ngay")),
            query=self.request.GET.get("q", ""),
            sorts=[(key, label) for key, (label, _) in SORTS.items()],
            sort=self.request.GET.get("sort", ""),
            date_from=self.request.GET.get("tu_ngay", ""),
            date_to=self.request.GET.get("den_ngay", ""),
            csv_url=reverse("docs_registry:csv") + (f"?{params.urlencode()}" if params else ""),
            xlsx_url=reverse("docs_registry:xlsx") + (f"?{params.urlencode()}" if params else ""),
            crumbs=[("Văn bản", None)],
        )
        return context


def _toggle_url(params, name, option):
    """The list URL with this option chosen, or without it when it is the current choice."""
    params = params.copy()
    if option.selected:
        params.pop(name, None)
    else:
        params[name] = option.value
    return f"?{params.urlencode()}" if params else "?"


def _export(request, content_type, extension, write):
    filterset = registry_filter(request, include_internal=False)  # exports stay public-only
    if not filterset.is_valid():
        return redirect(f"{reverse('docs_registry:list')}?{request.GET.urlencode()}")
    response = HttpResponse(content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="van-ban.{extension}"'
    write(response, filterset.filtered())
    return response


@require_safe
def document_csv(request):
    """The filtered list as CSV (UTF-8 with BOM, comma-separated)."""
    return _export(
        request,
        "text/csv; charset=utf-8",
        "csv",
        lambda response, docs: exports.write_csv(response, docs, request),
    )


@require_safe
def document_xlsx(request):
    """The filtered list as an Excel workbook: the file to open in Excel on any Windows."""
    return _export(
        request,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
        lambda response, docs: response.write(exports.xlsx_bytes(docs, request)),
    )


class DocumentDetailView(PreviewableDetailMixin, DetailView):
    template_name = "docs_registry/document_detail.html"
    context_object_name = "document"

    def get_queryset(self):
        linked = Document.objects.visible_to(self.request.user).select_related("doc_type")
        # The posts citing a document, through the relation (the registry imports no news code).
        citing_posts = Document.posts.field.related_model.objects
        return (
            Document.objects.with_validity()
            .select_related("doc_type", "issuer")
            .prefetch_related(
                "tags",
                Prefetch("attachments", queryset=Attachment.objects.all()),
                Prefetch("replaces", queryset=linked),
                Prefetch("replaced_by", queryset=linked),
                Prefetch("posts", queryset=citing_posts.published().order_by("-publish_at")),
            )
            .visible_to(self.request.user)  # drafts for staff only; internal rows for staff only
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["crumbs"] = [
            ("Văn bản", reverse("docs_registry:list")),
            (self.object.number, None),
        ]
        return context
