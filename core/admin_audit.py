"""The admin's "Nhật ký hoạt động": administrators read, filter and export the audit log; nobody
adds, changes or deletes an entry through the admin (no form, no action, a crafted POST is
refused with 403)."""

import io

from django.apps import apps
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from core import audit
from core.dates import format_datetime
from core.models import AuditEntry
from core.second_factor import has_verified_access
from core.spreadsheet import guard

EXPORT_COLUMNS = [
    ("Thời điểm", 20),
    ("Hành động", 24),
    ("Kết quả", 12),
    ("Người thực hiện", 20),
    ("Địa chỉ IP", 18),
    ("Loại đối tượng", 20),
    ("Mã đối tượng", 12),
    ("Đối tượng", 40),
    ("Chi tiết", 80),
]
# A workbook of more rows than this is refused: narrow the filters (a year of a busy board is
# well under it).
EXPORT_MAX_ROWS = 200_000
LIST_DETAILS = 160


def is_administrator(user):
    """Administrators (superusers) who passed the second factor they owe."""
    return bool(user and user.is_active and user.is_superuser and has_verified_access(user))


def changes_text(entry):
    return "; ".join(f"{key}: {value}" for key, value in (entry.changes or {}).items())


class ModelFilter(admin.SimpleListFilter):
    """What was acted on: the kinds the log speaks of, listed from the app registry (no query
    over the log itself)."""

    title = "loại đối tượng"
    parameter_name = "loai"

    def lookups(self, request, model_admin):
        from core.publishing import Publishable  # noqa: PLC0415 (models loaded: a filter runs late)

        wanted = [m for m in apps.get_models() if issubclass(m, Publishable)]
        wanted += [apps.get_model("auth", "User"), apps.get_model("auth", "Group")]
        types = ContentType.objects.get_for_models(*wanted, for_concrete_models=False)
        return sorted(
            (
                (str(ct.pk), str(model._meta.verbose_name).capitalize())
                for model, ct in types.items()
            ),
            key=lambda item: item[1],
        )

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(content_type_id=int(value))
        return queryset


class ActorFilter(admin.SimpleListFilter):
    """Who acted: staff accounts (the log's own names are searched with the search box)."""

    title = "người thực hiện"
    parameter_name = "nguoi"

    def lookups(self, request, model_admin):
        users = apps.get_model("auth", "User")._default_manager.filter(is_staff=True)
        return [(str(u.pk), u.get_username()) for u in users.order_by("username")[:200]]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(actor_id=int(value))
        return queryset


class AuditEntryAdmin(admin.ModelAdmin):
    list_display = (
        "when",
        "action_label",
        "outcome",
        "actor_name",
        "address",
        "kind",
        "target",
        "details",
    )
    list_filter = (ActorFilter, "action", ModelFilter, "outcome", ("at", admin.DateFieldListFilter))
    date_hierarchy = "at"
    search_fields = ("actor_name", "object_repr", "=address")
    list_per_page = 100
    show_full_result_count = False
    actions = None
    fields = (
        "at",
        "action",
        "outcome",
        "actor_name",
        "address",
        "content_type",
        "object_id",
        "object_repr",
        "details",
    )
    readonly_fields = fields

    # -- read-only, administrators only -------------------------------------------------

    def has_module_permission(self, request):
        return is_administrator(request.user)

    def has_view_permission(self, request, obj=None):
        return is_administrator(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied("Nhật ký hoạt động chỉ để xem.")
        return super().changeform_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied("Nhật ký hoạt động chỉ để xem.")
        extra_context = {**(extra_context or {}), "export_query": request.GET.urlencode()}
        return super().changelist_view(request, extra_context)

    # -- columns ------------------------------------------------------------------------

    @admin.display(description="Thời điểm", ordering="at")
    def when(self, entry):
        return format_datetime(entry.at)

    @admin.display(description="Hành động", ordering="action")
    def action_label(self, entry):
        return entry.get_action_display()

    @admin.display(description="Loại đối tượng")
    def kind(self, entry):
        if not entry.content_type_id:
            return ""
        model = ContentType.objects.get_for_id(entry.content_type_id).model_class()
        return str(model._meta.verbose_name).capitalize() if model else ""

    @admin.display(description="Đối tượng")
    def target(self, entry):
        return entry.object_repr

    @admin.display(description="Chi tiết")
    def details(self, entry):
        text = changes_text(entry)
        # The list shows the start; the entry's own page and the export show all of it.
        return text if len(text) <= LIST_DETAILS else text[: LIST_DETAILS - 1] + "…"

    # -- export ---------------------------------------------------------------------------

    def get_urls(self):
        export = path(
            "xuat-excel/",
            self.admin_site.admin_view(self.export_view),
            name="core_auditentry_export",
        )
        return [export, *super().get_urls()]

    def export_view(self, request):
        """The filtered list as an .xlsx workbook (same filters as the list's query string)."""
        if not is_administrator(request.user) or request.method != "GET":
            raise PermissionDenied
        try:
            entries = self.get_changelist_instance(request).get_queryset(request)
        except IncorrectLookupParameters:
            self.message_user(request, "Bộ lọc không hợp lệ.", messages.ERROR)
            return HttpResponseRedirect(reverse("admin:core_auditentry_changelist"))
        count = entries.count()
        if count > EXPORT_MAX_ROWS:
            self.message_user(
                request,
                f"Quá nhiều mục ({count}); hãy lọc theo thời gian hoặc người thực hiện.",
                messages.ERROR,
            )
            return HttpResponseRedirect(reverse("admin:core_auditentry_changelist"))
        body = xlsx_bytes(entries)
        audit.record(
            audit.Action.EXPORTED,
            request=request,
            changes={"Nhật ký hoạt động": f"{count} mục", "Bộ lọc": request.GET.urlencode()},
        )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response = HttpResponse(
            body,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="nhat-ky-hoat-dong-{stamp}.xlsx"'
        response["Cache-Control"] = "no-store"
        return response


def export_row(entry, kinds):
    return [
        timezone.localtime(entry.at).replace(tzinfo=None),
        entry.get_action_display(),
        entry.get_outcome_display(),
        entry.actor_name,
        entry.address or "",
        kinds.get(entry.content_type_id, ""),
        entry.object_id,
        entry.object_repr,
        changes_text(entry),
    ]


def xlsx_bytes(entries):
    """One sheet, bold frozen header, real times, every text cell through the formula guard."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Nhật ký hoạt động")
    for index, (_, width) in enumerate(EXPORT_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    header = []
    for title, _ in EXPORT_COLUMNS:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    kinds = {}
    for entry in entries.iterator(chunk_size=2000):
        if entry.content_type_id and entry.content_type_id not in kinds:
            model = ContentType.objects.get_for_id(entry.content_type_id).model_class()
            kinds[entry.content_type_id] = str(model._meta.verbose_name) if model else ""
        row = export_row(entry, kinds)
        sheet.append([row[0], *(guard(value) for value in row[1:])])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


admin.site.register(AuditEntry, AuditEntryAdmin)
