"""The news back office. The workflow is enforced here on the server, not by hiding buttons:
status is never a form field, publish_at is one only for publishers, editors cannot change a
published post, and every transition goes through the model methods, which check permissions.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from core.admin_workflow import WORKFLOW_FIELDS, PublishableAdmin
from core.dates import format_datetime as vi_datetime
from core.publishing import Status
from core.text import fold
from news.admin_preview import PREVIEW_BUTTON, preview_response
from news.models import Category, Picture, Post, WorkflowNote
from news.models.posts import category_scope
from taxonomy.unit_pickers import UnitPickerMixin

WORKFLOW_BUTTON_PREFIX = "_workflow_"
COMMENT_FIELD = "workflow_comment"


class NeedsDateFilter(admin.SimpleListFilter):
    """Imported posts whose source gave no certain date ("Cần bổ sung ngày")."""

    title = "ngày đăng"
    parameter_name = "can_bo_sung_ngay"

    def lookups(self, request, model_admin):
        return [("1", "Cần bổ sung ngày")]

    def queryset(self, request, queryset):
        return queryset.needs_date() if self.value() == "1" else queryset


@admin.register(Post)
class PostAdmin(UnitPickerMixin, PublishableAdmin):
    system_fields = (
        *WORKFLOW_FIELDS,
        "view_count",
        "import_key",
        "import_checksum",
        "source_view_count",
    )
    readonly_fields = ("workflow_log", "import_notes")
    publisher_fields = ("is_featured",)  # featuring a post is the publisher's choice
    list_display = (
        "title",
        "status_label",
        "publish_at",
        "category",
        "tag_list",
        "created_by",
        "view_link",
    )
    list_filter = (
        "status",
        NeedsDateFilter,
        "category",
        "tags",
        ("publish_at", admin.DateFieldListFilter),
    )
    list_select_related = ("category", "created_by")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    date_hierarchy = "publish_at"
    ordering = ("-updated_at",)
    list_per_page = 50

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # A user limited to categories files posts under them only; another category in a
        # crafted POST is refused by the field like an unknown choice.
        categories = category_scope(request.user)
        if db_field.name == "category" and categories is not None:
            kwargs["queryset"] = Category.objects.filter(pk__in=categories)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    fieldsets = (
        (None, {"fields": ("title", "slug", "summary", "body")}),
        ("Ảnh đại diện", {"fields": ("image", "image_alt", "image_caption")}),
        (
            "Nguồn và phân loại",
            {
                "fields": (
                    "byline",
                    "source_name",
                    "source_url",
                    "category",
                    "tags",
                    "units",
                    "is_featured",
                )
            },
        ),
        (
            "Xuất bản",
            {
                "fields": (
                    "status",
                    "publish_at",
                    "status_changed_at",
                    "status_changed_by",
                    "created_by",
                    "view_count",
                    "workflow_log",
                )
            },
        ),
        ("Nhập tự động", {"fields": ("import_notes", "source_view_count", "import_key")}),
    )

    def get_fieldsets(self, request, obj=None):
        """The import section only on posts the importer made."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not obj.import_key:
            return [f for f in fieldsets if f[0] != "Nhập tự động"]
        return fieldsets

    class Media:
        js = ["news/body_pictures.js"]
        css = {"all": ["news/body_pictures.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")

    # -- saving: crafted posts are refused, the workflow state survives any form --------

    # -- workflow buttons on the change form -----------------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and PREVIEW_BUTTON in request.POST:
            self.refuse_crafted_fields(request)
            response = preview_response(self, request, object_id)
            if response is not None:
                return response
            # The form has errors: the ordinary view shows them and stores nothing.
        return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context["workflow_actions"] = [
                (f"{WORKFLOW_BUTTON_PREFIX}{a}", WorkflowNote.Action(a).label, a)
                for a in obj.available_actions(request.user)
            ]
        else:
            context["workflow_actions"] = [
                (f"{WORKFLOW_BUTTON_PREFIX}submit", "Lưu và gửi duyệt", "submit")
            ]
        context["workflow_comment_field"] = COMMENT_FIELD
        context["workflow_can_publish"] = Post.can_publish(request.user)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _requested_action(self, request):
        for key in request.POST:
            if key.startswith(WORKFLOW_BUTTON_PREFIX):
                action = key.removeprefix(WORKFLOW_BUTTON_PREFIX)
                if action in WorkflowNote.Action.values:
                    return action
        return None

    def _apply_action(self, request, obj):
        """Run the transition asked for by a button; PermissionDenied aborts the whole save."""
        action = self._requested_action(request)
        if action is None:
            return None
        comment = request.POST.get(COMMENT_FIELD, "").strip()
        try:
            getattr(obj, action)(request.user, comment=comment)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(request.path)
        live = getattr(obj, "approved_into", None)
        if live is not None:
            self.message_user(request, f"Đã duyệt bản sửa: “{live}” đã cập nhật.", messages.SUCCESS)
            return HttpResponseRedirect(self._change_url(live))
        self.message_user(
            request, f"{WorkflowNote.Action(action).label}: “{obj}”.", messages.SUCCESS
        )
        return HttpResponseRedirect(request.path)

    def response_change(self, request, obj):
        return self._apply_action(request, obj) or super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        response = self._apply_action(request, obj)
        if response is not None:
            return HttpResponseRedirect(self._change_url(obj))
        return super().response_add(request, obj, post_url_continue)

    def _change_url(self, obj):
        return reverse("admin:news_post_change", args=[obj.pk], current_app=self.admin_site.name)

    # -- bulk actions: each calls the model method, which checks the permission again ---------

    @admin.action(description="Gửi duyệt các bài đã chọn", permissions=["change"])
    def submit_selected(self, request, queryset):
        self.run_transition(
            request, queryset, WorkflowNote.Action.SUBMIT, WorkflowNote.Action.SUBMIT.label
        )

    @admin.action(description="Xuất bản các bài đã chọn", permissions=["publish"])
    def publish_selected(self, request, queryset):
        self.run_transition(
            request, queryset, WorkflowNote.Action.PUBLISH, WorkflowNote.Action.PUBLISH.label
        )

    @admin.action(description="Gỡ xuống các bài đã chọn", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        unpublish = WorkflowNote.Action.UNPUBLISH
        self.run_transition(
            request, queryset.filter(status=Status.PUBLISHED), unpublish, unpublish.label
        )

    @admin.action(description="Lưu trữ các bài đã chọn", permissions=["publish"])
    def archive_selected(self, request, queryset):
        self.run_transition(
            request, queryset, WorkflowNote.Action.ARCHIVE, WorkflowNote.Action.ARCHIVE.label
        )

    # -- list columns ----------------------------------------------------------------------

    @admin.display(description="Nhật ký duyệt bài")
    def workflow_log(self, obj):
        if obj is None or not obj.pk:
            return "–"
        notes = obj.workflow_notes.select_related("user")
        rows = format_html_join(
            "",
            "<li>{} – {} – {}{}</li>",
            (
                (
                    vi_datetime(n.created_at),
                    n.get_action_display(),
                    n.user or "hệ thống",
                    f": {n.comment}" if n.comment else "",
                )
                for n in notes
            ),
        )
        return format_html("<ul>{}</ul>", rows) if rows else "–"

    @admin.display(description="Trạng thái", ordering="status")
    def status_label(self, obj):
        label = super().status_label(obj)
        if obj.import_key and obj.publish_at is None:
            return format_html("{} – <strong>Cần bổ sung ngày</strong>", label)
        return label

    @admin.display(description="Cảnh báo khi nhập")
    def import_notes(self, obj):
        lines = [line for line in (obj.import_warnings if obj else "").splitlines() if line]
        if not lines:
            return "–"
        return format_html(
            "<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((x,) for x in lines))
        )

    @admin.display(description="Chủ đề")
    def tag_list(self, obj):
        return ", ".join(tag.name for tag in obj.tags.all())

    @admin.display(description="Xem trên trang")
    def view_link(self, obj):
        label = "Xem trên trang" if obj.is_public() else "Xem trước"
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>', obj.get_absolute_url(), label
        )


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "position")
    list_editable = ("position",)
    search_fields = ("name",)
    fields = ("name", "slug", "description", "position", "members")
    filter_horizontal = ("members",)

    def get_readonly_fields(self, request, obj=None):
        # Left empty, the slug is made from the Vietnamese name ("dan-van-kheo"). Who works
        # on a category is the administrator's choice.
        slug = ("slug",) if obj is not None and obj.pk else ()
        return slug if request.user.is_superuser else (*slug, "members")


@admin.register(Picture)
class PictureAdmin(admin.ModelAdmin):
    """The media library: thumbnails, alt text required, and the JSON the body's picture
    picker reads (static/news/body_pictures.js)."""

    list_display = ("thumbnail", "alt", "caption", "created_at")
    search_fields = ("alt", "caption")
    fields = ("image", "thumbnail", "alt", "caption")
    readonly_fields = ("thumbnail",)
    list_per_page = 40

    @admin.display(description="Ảnh")
    def thumbnail(self, obj):
        if obj is None or not obj.pk or not obj.image:
            return "–"
        return format_html(
            '<img src="{}" alt="{}" width="120" class="picture-thumbnail">',
            obj.thumbnail_url(),
            obj.alt,
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self):
        view = self.admin_site.admin_view(self.library_view)
        return [path("thu-vien.json", view, name="news_picture_library"), *super().get_urls()]

    def library_view(self, request):
        """The newest pictures (or those matching ?q=) for the picker: url, alt, caption."""
        if not self.has_view_permission(request):
            return JsonResponse({"results": []}, status=403)
        # Matched accent- and case-insensitively in Python over the newest pictures (SQLite
        # folds no Vietnamese letter); a library of a few thousand pictures stays quick.
        wanted = fold(request.GET.get("q", "")[:100]).split()
        pictures = [
            p
            for p in Picture.objects.only("image", "alt", "caption", "renditions")[:2000]
            if all(word in fold(f"{p.alt} {p.caption}") for word in wanted)
        ]
        results = [
            {
                "url": p.image.url,
                "thumb": p.thumbnail_url(),
                "alt": p.alt,
                "caption": p.caption,
            }
            for p in pictures[:60]
        ]
        return JsonResponse({"results": results})
