"""The registry's back office: the publishing workflow runs through the model methods, which
check permissions; the form never writes the status."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from core.admin_workflow import PublishableAdmin

from . import numbers
from .models import Attachment, Document, DocumentType, Issuer, Validity


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
class DocumentAdmin(PublishableAdmin):
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
    list_per_page = 50
    fieldsets = (
        (None, {"fields": ("number", "doc_type", "issuer", "title", "signer")}),
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
                )
            },
        ),
        ("Phân loại", {"fields": ("tags", "posts", "is_internal", "slug")}),
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
