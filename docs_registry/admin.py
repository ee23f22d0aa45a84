"""The registry's back office: the publishing workflow runs through the model methods, which
check permissions; the form never writes the status."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from core.admin_workflow import PublishableAdmin
from taxonomy.unit_pickers import UnitPickerMixin

from . import numbers
from .models import (
    Attachment,
    Document,
    DocumentType,
    Issuer,
    SuggestedReplacement,
    Validity,
)


class YearListFilter(admin.SimpleListFilter):
    title = "năm ban hành"
    parameter_name = "nam"

    def lookups(self, request, model_admin):
        years = (
            Document.objects.exclude(issue_year=0)
            .order_by("-issue_year")
            .values_list("issue_year", flat=True)
            .distinct()
        )
        return [(str(year), str(year)) for year in years]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(issue_year=int(value))
        return queryset


class ValidityListFilter(admin.SimpleListFilter):
    title = "tình trạng hiệu lực"
    parameter_name = "hieu_luc"

    def lookups(self, request, model_admin):
        return Validity.choices

    def queryset(self, request, queryset):
        if self.value() in Validity.values:
            return queryset.filter(validity=self.value())
        return queryset


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 1
    fields = ("file", "title", "position", "file_info")
    readonly_fields = ("file_info",)

    @admin.display(description="Loại và dung lượng")
    def file_info(self, obj):
        if not obj or not obj.pk:
            return "—"
        return f"{obj.type_label}, {filesizeformat(obj.size)}"


class DocumentAdminForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ("number",)  # the admin adds the fieldsets' fields

    def clean_number(self):
        value = self.cleaned_data["number"]
        parsed = numbers.parse(value)
        if not parsed:
            raise ValidationError(
                "Số ký hiệu chưa đúng mẫu (ví dụ 23-QĐ/TW, 59/2023/NĐ-CP, 959/QĐ-UBND)."
            )
        return parsed.number


@admin.register(Document)
class DocumentAdmin(UnitPickerMixin, PublishableAdmin):
    form = DocumentAdminForm
    list_display = (
        "number",
        "doc_type",
        "issuer",
        "issue_label",
        "validity_label",
        "status_label",
        "is_internal",
    )
    list_filter = (
        YearListFilter,
        "doc_type",
        "issuer",
        ValidityListFilter,
        "status",
        "is_internal",
    )
    list_select_related = ("doc_type", "issuer")
    autocomplete_fields = ("doc_type", "issuer", "replaces")
    raw_id_fields = ("posts",)
    inlines = [AttachmentInline]
    readonly_fields = ("suggested_replacements",)
    list_per_page = 50
    fieldsets = (
        (None, {"fields": ("number", "doc_type", "issuer", "issuing_unit", "title", "signer")}),
        (
            "Ngày tháng và hiệu lực",
            {
                "fields": (
                    "issue_date",
                    "issue_year",
                    "effective_date",
                    "expiry_date",
                    "manual_validity",
                    "replaces",
                    "suggested_replacements",
                )
            },
        ),
        ("Phân loại", {"fields": ("tags", "units", "posts", "is_internal", "slug")}),
        (
            "Xuất bản",
            {"fields": ("status", "publish_at", "status_changed_at", "status_changed_by")},
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).with_validity()

    def get_search_results(self, request, queryset, search_term):
        """A written number in any form ("23 qđ tw"), else folded words of number and title."""
        parsed = numbers.parse(search_term)
        if parsed:
            return queryset.filter(number=parsed.number), False
        return super().get_search_results(request, queryset, search_term)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.save()  # search text includes the type and issuer names

    @admin.display(description="Đề xuất thay thế từ bài viết")
    def suggested_replacements(self, obj):
        """What imported articles suggest this document replaces, until an editor confirms."""
        if obj is None or not obj.pk:
            return "–"
        pending = obj.suggested_replacements.filter(confirmed_at__isnull=True).select_related(
            "older"
        )
        if not pending:
            return "–"
        url = reverse("admin:docs_registry_suggestedreplacement_changelist")
        rows = format_html_join(
            "", "<li>{} – “{}”</li>", ((s.older.number, s.evidence[:200]) for s in pending)
        )
        return format_html(
            '<ul>{}</ul><a href="{}?newer__id__exact={}">Xác nhận hoặc bỏ qua đề xuất</a>',
            rows,
            url,
            obj.pk,
        )

    # -- list columns -----------------------------------------------------------------------

    @admin.display(description="Ban hành", ordering="issue_date")
    def issue_label(self, obj):
        if obj.issue_date:
            return obj.issue_date.strftime("%d/%m/%Y")
        return obj.year_label or "—"

    @admin.display(description="Hiệu lực", ordering="validity")
    def validity_label(self, obj):
        return obj.get_validity_display()


@admin.register(DocumentType)
class DocumentTypeAdmin(admin.ModelAdmin):
    list_display = ("name", "abbreviation", "slug")
    search_fields = ("name", "abbreviation")
    fields = ("name", "abbreviation", "slug")


@admin.register(Issuer)
class IssuerAdmin(admin.ModelAdmin):
    list_display = ("name", "suffix", "slug")
    search_fields = ("name", "suffix")
    fields = ("name", "suffix", "slug")


@admin.register(SuggestedReplacement)
class SuggestedReplacementAdmin(admin.ModelAdmin):
    list_display = ("newer", "older", "evidence_preview", "post", "confirmed_at")
    list_filter = (("confirmed_at", admin.EmptyFieldListFilter),)
    list_select_related = ("newer", "older", "post")
    fields = ("newer", "older", "evidence", "post", "confirmed_at", "created_at")
    readonly_fields = fields
    actions = ["confirm_selected"]

    def has_add_permission(self, request):
        return False

    def lookup_allowed(self, lookup, value, request=None):
        # The document's page links to its own suggestions.
        return lookup == "newer__id__exact" or super().lookup_allowed(lookup, value, request)

    @admin.display(description="Câu trong bài")
    def evidence_preview(self, obj):
        return obj.evidence if len(obj.evidence) <= 160 else obj.evidence[:159] + "…"

    @admin.action(description="Xác nhận: văn bản mới thay thế văn bản cũ", permissions=["change"])
    def confirm_selected(self, request, queryset):
        if not request.user.has_perm("docs_registry.publish_document"):
            self.message_user(request, "Bạn không có quyền sửa văn bản.", messages.ERROR)
            return
        count = 0
        for suggestion in queryset.select_related("newer", "older"):
            suggestion.confirm()
            count += 1
        self.message_user(request, f"Đã xác nhận {count} văn bản bị thay thế.", messages.SUCCESS)
