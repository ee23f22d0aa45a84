"""The field × year summary in the admin, over every model staff may see (drafts included,
marked as such), beside the public one over published models."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from . import summary
from .models import Practice


def summary_view(request):
    if not request.user.has_perm("practices.view_practice"):
        raise PermissionDenied
    in_scope = Practice.objects.in_scope_of(request.user).filter(revision_of__isnull=True)
    context = {
        **admin.site.each_context(request),
        "title": "Thống kê mô hình theo lĩnh vực và năm công nhận",
        "table": summary.field_year_table(Practice.objects.published()),
        "all_table": summary.field_year_table(in_scope),
        "opts": Practice._meta,
    }
    return TemplateResponse(request, "admin/practices/summary.html", context)
