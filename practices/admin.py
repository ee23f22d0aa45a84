"""The catalogue's back office: models on the publishing workflow (PublishableAdmin), their
recognitions and results inline, the two vocabularies, and the candidates from articles with
accept / merge / dismiss."""

from django.contrib import admin, messages
from django.urls import path, reverse
from django.utils.html import format_html

from core.admin_workflow import WORKFLOW_FIELDS, PublishableAdmin
from practices import candidates
from practices.models import (
    Candidate,
    CandidateStatus,
    Group,
    Practice,
    Recognition,
    Result,
    Sector,
)
from practices.summary_admin import summary_view
from practices.upload_admin import upload_view
from taxonomy.unit_pickers import UnitPickerMixin


class PartOfPracticeInline(admin.TabularInline):
    """Recognitions and results are part of their model: who may edit the model edits them (no
    permissions of their own to grant)."""

    def _may_edit(self, request, obj):
        if obj is None:
            return Practice.can_write(request.user)
        return obj.can_edit(request.user)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("practices.view_practice") or self._may_edit(request, obj)

    def has_add_permission(self, request, obj=None):
        return self._may_edit(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_edit(request, obj)


class RecognitionInline(PartOfPracticeInline):
    model = Recognition
    extra = 1
    fields = ("level", "year", "decision", "document")
    raw_id_fields = ("document",)


class ResultInline(PartOfPracticeInline):
    model = Result
    extra = 2
    fields = ("value", "unit", "label", "year", "position")


@admin.register(Practice)
class PracticeAdmin(UnitPickerMixin, PublishableAdmin):
    system_fields = (*WORKFLOW_FIELDS, "import_key")
    list_display = ("title", "unit", "sector", "recognised", "status_label", "publish_at")
    list_filter = ("status", "sector", "groups", "recognitions__level", "recognitions__year")
    list_select_related = ("unit", "sector")
    ordering = ("name_key",)
    raw_id_fields = ("posts", "pictures")
    filter_horizontal = ("groups",)
    inlines = [RecognitionInline, ResultInline]
    list_per_page = 50
    fieldsets = (
        (None, {"fields": ("title", "slug", "unit", "units", "sector", "groups", "year_started")}),
        ("Nội dung", {"fields": ("summary", "how_to_copy", "contact")}),
        ("Ảnh và bài viết", {"fields": ("pictures", "posts")}),
        (
            "Xuất bản",
            {"fields": ("status", "publish_at", "status_changed_at", "status_changed_by")},
        ),
    )

    @admin.display(description="Công nhận gần nhất", ordering="last_recognised_year")
    def recognised(self, obj):
        return obj.last_recognised_year or "—"

    def get_urls(self):
        summary = self.admin_site.admin_view(summary_view)
        upload = self.admin_site.admin_view(upload_view)
        return [
            path("thong-ke/", summary, name="practices_practice_summary"),
            path("nap-bang-tinh/", upload, name="practices_practice_upload"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "summary_url": reverse("admin:practices_practice_summary"),
            "upload_url": reverse("admin:practices_practice_upload"),
        }
        return super().changelist_view(request, extra_context)


class VocabularyAdmin(admin.ModelAdmin):
    list_display = ("name", "position", "slug")
    list_editable = ("position",)
    search_fields = ("name",)
    readonly_fields = ("slug",)
    fields = ("name", "position", "slug")


admin.site.register(Sector, VocabularyAdmin)
admin.site.register(Group, VocabularyAdmin)


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin):
    list_display = ("name", "unit_text", "year", "source", "post_link", "status", "practice")
    list_filter = ("status", "source")
    search_fields = ("name", "unit_text")
    list_select_related = ("post", "practice")
    autocomplete_fields = ("practice",)
    actions = ["accept_selected", "dismiss_selected"]
    fields = (
        "name",
        "unit_text",
        "unit",
        "year",
        "source",
        "sentence",
        "post",
        "status",
        "practice",
    )
    readonly_fields = ("name", "unit_text", "unit", "year", "source", "sentence", "post", "status")

    def has_add_permission(self, request):
        return False  # candidates come from articles (manage.py find_practice_candidates)

    def get_queryset(self, request):
        """An editor limited to units sees the candidates of their units' posts."""
        posts = Candidate.post.field.related_model.objects.in_scope_of(request.user)
        return super().get_queryset(request).filter(post__in=posts.values("pk"))

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status != CandidateStatus.NEW:
            return (*self.readonly_fields, "practice")
        return self.readonly_fields

    @admin.display(description="Bài viết")
    def post_link(self, obj):
        return format_html('<a href="{}">{}</a>', obj.post.get_absolute_url(), obj.post.title)

    def save_model(self, request, obj, form, change):
        """Choosing a model in "Mô hình" and saving merges the candidate into it."""
        practice = form.cleaned_data.get("practice")
        if change and practice is not None and obj.status == CandidateStatus.NEW:
            obj.practice = None
            candidates.merge(obj, practice, request.user)
            messages.success(request, f"Đã gộp “{obj.name}” vào mô hình “{practice}”.")
        else:
            super().save_model(request, obj, form, change)

    def _each_new(self, request, queryset, action, done):
        count = 0
        for candidate in queryset.filter(status=CandidateStatus.NEW).select_related("post"):
            action(candidate, request.user)
            count += 1
        skipped = queryset.count() - count
        messages.success(request, f"{done}: {count} đề xuất.")
        if skipped:
            messages.warning(request, f"Bỏ qua {skipped} đề xuất đã được xử lý trước đó.")

    @admin.action(
        description="Tạo mô hình (bản nháp) từ các đề xuất đã chọn", permissions=["change"]
    )
    def accept_selected(self, request, queryset):
        if not Practice.can_write(request.user):
            messages.error(request, "Bạn không có quyền tạo mô hình.")
            return
        self._each_new(request, queryset, candidates.accept, "Đã tạo mô hình")

    @admin.action(description="Bỏ qua các đề xuất đã chọn", permissions=["change"])
    def dismiss_selected(self, request, queryset):
        self._each_new(request, queryset, candidates.dismiss, "Đã bỏ qua")
