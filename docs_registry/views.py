import csv

from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView, ListView

from core.dates import format_date
from core.preview import PreviewableDetailMixin

from .filters import DocumentFilter, facets
from .models import Attachment, Document

FACET_TITLES = {
    "year": "Năm ban hành",
    "type": "Loại văn bản",
    "issuer": "Cơ quan ban hành",
    "validity": "Tình trạng",
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


class DocumentListView(ListView):
    template_name = "docs_registry/document_list.html"
    context_object_name = "documents"
    paginate_by = 20

    def get_queryset(self):
        self.filterset = registry_filter(self.request)
        return self.filterset.filtered()

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if self.request.user.is_authenticated:
            add_never_cache_headers(response)  # may list internal documents
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        selected = {
            name: self.request.GET.get(name, "")
            for name in FACET_TITLES
            if name in self.filterset.valid_data
            and self.filterset.valid_data[name] not in (None, "")
        }
        groups = facets(self.filterset, selected)
        params = self.request.GET.copy()
        params.pop("page", None)
        for name, options in groups.items():
            for option in options:
                option.url = _toggle_url(params, name, option)
        context.update(
            filterset=self.filterset,
            filter_errors=self.filterset.error_messages(),
            facet_groups=[(name, FACET_TITLES[name], groups[name]) for name in FACET_TITLES],
            has_filters=bool(selected) or bool(self.filterset.valid_data.get("q")),
            query=self.request.GET.get("q", ""),
            csv_url=reverse("docs_registry:csv") + (f"?{params.urlencode()}" if params else ""),
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


CSV_HEADER = [
    "Số ký hiệu",
    "Loại văn bản",
    "Cơ quan ban hành",
    "Ngày ban hành",
    "Năm ban hành",
    "Ngày hiệu lực",
    "Trích yếu",
    "Người ký",
    "Tình trạng",
    "Đường dẫn",
]


def _cell(value):
    """Keep spreadsheet programs from reading a cell as a formula."""
    value = str(value or "")
    return f"'{value}" if value[:1] in ("=", "+", "@", "\t", "\r") else value


def document_csv(request):
    filterset = registry_filter(request, include_internal=False)
    if not filterset.is_valid():
        return redirect(f"{reverse('docs_registry:list')}?{request.GET.urlencode()}")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="van-ban.csv"'
    response.write("\ufeff")  # BOM: Excel then reads the file as UTF-8
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    for doc in filterset.filtered():
        writer.writerow(
            _cell(value)
            for value in (
                doc.number,
                doc.doc_type.name,
                doc.issuer.name,
                format_date(doc.issue_date),
                doc.year_label,
                format_date(doc.effective_date),
                doc.title,
                doc.signer,
                doc.get_validity_display(),
                request.build_absolute_uri(doc.get_absolute_url()),
            )
        )
    return response


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
