"""The events back office. As for posts, the workflow is enforced on the server: status is never
a form field, publish_at is one only for publishers, editors cannot change a published event,
and every transition goes through the model methods, which check permissions.
"""

from django.contrib import admin

from core.admin_workflow import WORKFLOW_FIELDS, PublishableAdmin
from events.models import Event
from taxonomy.unit_pickers import UnitPickerMixin


@admin.register(Event)
class EventAdmin(UnitPickerMixin, PublishableAdmin):
    system_fields = (*WORKFLOW_FIELDS, "import_key", "import_checksum")
    list_display = (
        "title",
        "kind",
        "start_date",
        "end_date",
        "format",
        "status_label",
        "publish_at",
    )
    list_filter = ("status", "kind", "format", ("start_date", admin.DateFieldListFilter))
    date_hierarchy = "start_date"
    ordering = ("-start_date",)
    raw_id_fields = ("posts",)
    list_per_page = 50
    fieldsets = (
        (None, {"fields": ("title", "slug", "kind", "description", "tags")}),
        ("Thời gian", {"fields": (("start_date", "start_time"), ("end_date", "end_time"))}),
        (
            "Địa điểm và hình thức",
            {"fields": ("location", "format", "connection_points")},
        ),
        (
            "Tổ chức và tham dự",
            {
                "fields": (
                    "organiser",
                    "units",
                    "audience",
                    "participants",
                    "speakers",
                    "themes",
                )
            },
        ),
        ("Bài viết đưa tin", {"fields": ("posts",)}),
        (
            "Xuất bản",
            {"fields": ("status", "publish_at", "status_changed_at", "status_changed_by")},
        ),
    )
