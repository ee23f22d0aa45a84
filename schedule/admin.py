"""The schedule's back office: a week with its rows inline, the workflow of the publishing base
(the publisher who publishes a week approves it), and "copy last week's rows"."""

from django import forms
from django.contrib import admin, messages
from django.db import models

from core.admin_workflow import WORKFLOW_FIELDS, PublishableAdmin
from core.publishing import Status
from schedule.models import WorkItem, WorkWeek
from schedule.weeks import Week
from taxonomy.unit_pickers import UnitPickerMixin


class WorkItemInline(admin.TabularInline):
    model = WorkItem
    extra = 3
    fields = (
        "weekday",
        "session",
        "time",
        "content",
        "chair",
        "participants",
        "location",
        "unit_in_charge",
        "postponed",
        "adjusted",
    )
    readonly_fields = ("adjusted",)
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 30})}
    }

    # The rows follow their week: whoever may edit the week edits its rows.
    def _week_editable(self, request, obj):
        return obj is None or obj.pk is None or obj.can_edit(request.user)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._week_editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._week_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        # Once readers may have seen a row it is marked "Hoãn", never silently removed.
        if obj is not None and obj.pk and obj.has_been_public():
            return False
        return super().has_delete_permission(request, obj) and self._week_editable(request, obj)


@admin.register(WorkWeek)
class WorkWeekAdmin(UnitPickerMixin, PublishableAdmin):
    system_fields = (*WORKFLOW_FIELDS, "approved_by", "approved_at", "public_since")
    list_display = ("__str__", "date_range", "unit", "status_label", "approved_by")
    list_filter = ("status", "year")
    ordering = ("-year", "-week")
    inlines = [WorkItemInline]
    actions = [*PublishableAdmin.actions, "copy_previous_week"]
    fieldsets = (
        (None, {"fields": (("year", "week"), "title", "unit", "units", "note")}),
        (
            "Duyệt và xuất bản",
            {
                "fields": (
                    "status",
                    "publish_at",
                    "approved_by",
                    "approved_at",
                    "status_changed_at",
                    "status_changed_by",
                )
            },
        ),
    )

    @admin.display(description="Thời gian", ordering="starts_on")
    def date_range(self, obj):
        return obj.iso_week.label

    def get_changeform_initial_data(self, request):
        # A new schedule is usually next week's.
        upcoming = Week.current().next
        initial = {"year": upcoming.year, "week": upcoming.number}
        return {**initial, **super().get_changeform_initial_data(request)}

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.refresh_search()

    @admin.action(
        description="Chép các dòng của tuần trước vào tuần đã chọn", permissions=["change"]
    )
    def copy_previous_week(self, request, queryset):
        for week in queryset:
            if not week.can_edit(request.user) or week.status != Status.DRAFT:
                self.message_user(
                    request, f"“{week}”: chỉ chép vào bản nháp bạn được sửa.", messages.WARNING
                )
                continue
            if week.rows.exists():
                self.message_user(
                    request, f"“{week}” đã có các dòng lịch, không chép đè.", messages.WARNING
                )
                continue
            source = week.previous_week_source()
            if source is None:
                self.message_user(
                    request, f"“{week}”: tuần trước không có lịch cùng tên.", messages.WARNING
                )
                continue
            count = week.copy_rows_from(source)
            self.message_user(
                request, f"Đã chép {count} dòng từ “{source}” vào “{week}”.", messages.SUCCESS
            )
