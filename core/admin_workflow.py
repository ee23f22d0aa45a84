"""The admin side of the publishing base, shared by posts, events and documents.

The workflow is enforced on the server, not by hiding buttons: status is never a form field,
publish_at is one only for publishers, editors cannot change a published item, a crafted POST is
refused, and every transition goes through the model methods, which check permissions again.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from core import audit
from core.admin_comments import CommentsAdminMixin
from core.admin_desk_views import DeskAdminMixin
from core.admin_steps import StepsAdminMixin
from core.admin_topics import TopicFieldMixin
from core.history_diff import ReadableChanges
from core.publishing import Status, words_match_q
from core.text import words

# Fields a form never writes: they change only through the workflow methods or the system.
# Buttons of the change form handled before any form (news' workflow buttons share the prefix):
# "Rút lại để sửa" (an item in review back to draft), "Đề xuất sửa" (draft over live).
WITHDRAW_BUTTON = "_workflow_withdraw"
REVISE_BUTTON = "_workflow_revise"
# "Trả lại" with a reason, for kinds without workflow buttons of their own (events, documents).
RETURN_BUTTON = "_workflow_return"
RETURN_COMMENT = "workflow_return_comment"
WORKFLOW_FIELDS = (
    "status",
    "status_changed_at",
    "status_changed_by",
    "created_at",
    "created_by",
    "sent_back",
    "sent_back_comment",
    "revision_of",
)


class FoldedSearchMixin:
    """Accent- and case-insensitive admin search over the folded `search_text` column."""

    search_fields = ["search_text"]

    def get_search_results(self, request, queryset, search_term):
        # Each word must start a word of the text: "dan" finds "dân", "dang" finds "đảng".
        return queryset.filter(words_match_q(words(search_term))), False


class PublishableAdmin(
    StepsAdminMixin,
    CommentsAdminMixin,
    DeskAdminMixin,
    TopicFieldMixin,
    FoldedSearchMixin,
    SimpleHistoryAdmin,
):
    """Base admin for a `Publishable` model with revision history (django-simple-history).
    Subclasses may add fields to `system_fields`."""

    system_fields = WORKFLOW_FIELDS

    class Media:
        js = [
            "core/prose_editor_vi.js",
            "core/rich_text_a11y.js",
            "core/select2_a11y.js",
            "core/desk.js",
            "core/desk_comments.js",
        ]
        css = {"all": ["core/desk.css"]}

    actions = [
        "submit_selected",
        "withdraw_selected",
        "publish_selected",
        "unpublish_selected",
        "archive_selected",
    ]
    history_list_display = ["status"]

    # Fields that are the publisher's choice (a post's "Tin nổi bật"): read-only for the others,
    # refused in a crafted form and kept as they are by any save of theirs.
    publisher_fields = ()

    def can_publish(self, request):
        return self.model.can_publish(request.user)

    # -- permissions ---------------------------------------------------------------------

    def get_queryset(self, request):
        # An editor limited to some units (taxonomy.units.UnitScoped) sees, changes, publishes
        # and picks only their units' items: every admin view, action and autocomplete starts
        # here, so another unit's item is "not found" to them, crafted URL or POST alike.
        return super().get_queryset(request).in_scope_of(request.user)

    def has_publish_permission(self, request):
        return self.can_publish(request)

    def has_view_permission(self, request, obj=None):
        # The history pages find an item outside the queryset through its history records:
        # they, too, are only for who may work on the item.
        if not super().has_view_permission(request, obj):
            return False
        return obj is None or obj.pk is None or obj.is_in_scope_of(request.user)

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.pk:
            return obj.can_edit(request.user)
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        if obj is None or self.can_publish(request):
            return True
        return obj.status == Status.DRAFT

    def delete_queryset(self, request, queryset):
        if not self.can_publish(request) and queryset.exclude(status=Status.DRAFT).exists():
            raise PermissionDenied
        for obj in queryset:
            audit.record(audit.Action.DELETED, request=request, obj=obj)
        super().delete_queryset(request, queryset)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self.can_publish(request):
            # Bulk deletion would reach published items; editors delete drafts one by one.
            actions.pop("delete_selected", None)
        return actions

    def get_readonly_fields(self, request, obj=None):
        readonly = [*self.system_fields, *super().get_readonly_fields(request, obj)]
        if not self.can_publish(request):
            readonly += ["publish_at", *self.publisher_fields]
        if obj is not None and obj.pk and (obj.status != Status.DRAFT or obj.publish_at):
            readonly.append("slug")  # stable once the item is (or was) scheduled or public
        return readonly

    # -- saving: crafted posts are refused, the workflow state survives any form ------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST":
            self.refuse_crafted_fields(request)
            if object_id and WITHDRAW_BUTTON in request.POST:
                return self.withdraw_view(request, object_id)
            if object_id and REVISE_BUTTON in request.POST:
                return self.revise_view(request, object_id)
            if object_id and RETURN_BUTTON in request.POST:
                return self.return_view(request, object_id)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Restoring a revision is an edit: only by who may edit the item as it is now, and
        (save_model) it brings back content, never an old workflow state."""
        if request.method == "POST":
            self.refuse_crafted_fields(request)
            current = self.model._default_manager.filter(pk=object_id).first()
            if current is None or not current.can_edit(request.user):
                raise PermissionDenied
            request.restoring_revision = True
        return super().history_form_view(request, object_id, version_id, extra_context)

    def withdraw_view(self, request, object_id):
        """The author takes back an item in review (locked for editing) to fix it: no form is
        saved, only the transition, which checks the permission again."""
        obj = self.get_object(request, object_id)
        if obj is None or not obj.can_withdraw(request.user):
            raise PermissionDenied
        obj.withdraw(request.user)
        self.message_user(request, f"Đã rút lại “{obj}” về bản nháp để sửa.", messages.SUCCESS)
        return HttpResponseRedirect(request.path)

    def revise_view(self, request, object_id):
        """Open (or make) the revision of a published item, a draft of its own."""
        obj = self.get_object(request, object_id)
        if obj is None or not obj.can_revise(request.user):
            raise PermissionDenied
        revision = obj.start_revision(request.user)
        self.message_user(
            request,
            "Đây là bản sửa: trang công khai giữ nguyên cho đến khi người duyệt xuất bản nó.",
            messages.INFO,
        )
        return HttpResponseRedirect(self.change_url(revision))

    def return_view(self, request, object_id):
        """A publisher sends an item in review back to its author, with the reason."""
        obj = self.get_object(request, object_id)
        if obj is None or not obj.can_review(request.user):
            raise PermissionDenied
        comment = request.POST.get(RETURN_COMMENT, "").strip()
        if not comment:
            self.message_user(request, "Hãy ghi lý do trả lại cho tác giả.", messages.ERROR)
            return HttpResponseRedirect(request.path)
        try:
            obj.send_back(request.user, comment=comment)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(request.path)
        self.message_user(request, f"Đã trả lại “{obj}” cho tác giả.", messages.SUCCESS)
        return HttpResponseRedirect(request.path)

    def change_url(self, obj):
        opts = obj._meta
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change",
            args=[obj.pk],
            current_app=self.admin_site.name,
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context["revision_controls"] = {
                "can_revise": obj.can_revise(request.user),
                "open_revision": obj.revisions.order_by("pk").first()
                if obj.revision_of_id is None
                else None,
                "live": obj.revision_of,
                "live_url": self.change_url(obj.revision_of) if obj.revision_of_id else "",
                "can_withdraw": obj.can_withdraw(request.user),
                # Posts have their own workflow buttons (news' change form) for publishers;
                # the group of an approval step sends back here.
                "can_return": obj.status == Status.REVIEW
                and obj.can_review(request.user)
                and ("workflow_actions" not in context or not obj.can_publish(request.user)),
                "return_button": RETURN_BUTTON,
                "return_comment": RETURN_COMMENT,
                "withdraw_button": WITHDRAW_BUTTON,
                "revise_button": REVISE_BUTTON,
                **self.step_controls(request, obj),
            }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_change(self, request, obj):
        # An approved revision is gone: show the live item it updated.
        live = getattr(obj, "approved_into", None)
        if live is not None:
            return HttpResponseRedirect(self.change_url(live))
        return super().response_change(request, obj)

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableChanges(self.model, historical_record)

    def history_view_title(self, request, obj):
        return f"Lịch sử phiên bản: {obj}"

    def history_form_view_title(self, request, obj):
        if self.revert_disabled(request, obj):
            return f"Xem phiên bản: {obj}"
        return f"Khôi phục phiên bản: {obj}"

    def refuse_crafted_fields(self, request):
        """Status is never a form field; publish_at is one only for publishers."""
        crafted = set(self.system_fields) - {"created_at", "created_by"}
        if not self.can_publish(request):
            crafted |= {"publish_at", "publish_at_0", "publish_at_1"}
            if set(self.publisher_fields) & set(request.POST):
                raise PermissionDenied("Chỉ người duyệt tin mới chọn được tin nổi bật.")
        if crafted & set(request.POST):
            raise PermissionDenied("Biểu mẫu không được đổi trạng thái hay thời điểm xuất bản.")

    def save_model(self, request, obj, form, change):
        user = request.user
        if change:
            current = type(obj)._default_manager.get(pk=obj.pk)
            if not current.can_edit(user):
                raise PermissionDenied
            # A restored revision or a crafted form brings back content, never a workflow state.
            kept = list(self.system_fields)
            # The publication time is part of the state too: an old version (a draft's, say)
            # must not unschedule or hide a published item.
            if not self.can_publish(request) or getattr(request, "restoring_revision", False):
                kept.append("publish_at")
            if not self.can_publish(request):
                kept += self.publisher_fields
            for name in kept:
                setattr(obj, name, getattr(current, name))
            if "slug" in form.base_fields and (
                current.status != Status.DRAFT or current.publish_at
            ):
                obj.slug = current.slug
        else:
            obj.created_by = user
            obj.status = Status.DRAFT
            if not self.can_publish(request):
                obj.publish_at = None
                for name in self.publisher_fields:
                    setattr(obj, name, obj._meta.get_field(name).get_default())
        if obj.status == Status.PUBLISHED and not self.can_publish(request):
            raise PermissionDenied
        obj.updated_by = user
        super().save_model(request, obj, form, change)
        if getattr(request, "restoring_revision", False):
            action = audit.Action.RESTORED
        else:
            action = audit.Action.CHANGED if change else audit.Action.CREATED
        audit.record(action, request=request, obj=obj, changes=audit.form_changes(form, obj))

    def delete_model(self, request, obj):
        audit.record(audit.Action.DELETED, request=request, obj=obj)
        super().delete_model(request, obj)

    # -- bulk actions: each calls the model method, which checks the permission again ---------

    def run_transition(self, request, queryset, action, label, **kwargs):
        done, refused = 0, []
        for item in queryset:
            try:
                getattr(item, action)(request.user, **kwargs)
                done += 1
            except (PermissionDenied, ValidationError):
                refused.append(str(item))
        plural = self.model._meta.verbose_name_plural
        if done:
            self.message_user(request, f"{label}: {done} {plural}.", messages.SUCCESS)
        if refused:
            self.message_user(
                request, f"Không thể {label.lower()}: " + "; ".join(refused), messages.WARNING
            )

    @admin.action(description="Gửi duyệt các mục đã chọn", permissions=["change"])
    def submit_selected(self, request, queryset):
        self.run_transition(request, queryset, "submit", "Gửi duyệt")

    @admin.action(description="Rút lại các mục đang chờ duyệt để sửa", permissions=["change"])
    def withdraw_selected(self, request, queryset):
        self.run_transition(request, queryset, "withdraw", "Rút lại")

    @admin.action(description="Xuất bản các mục đã chọn", permissions=["publish"])
    def publish_selected(self, request, queryset):
        self.run_transition(request, queryset, "publish", "Xuất bản")

    @admin.action(description="Gỡ xuống các mục đã chọn", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self.run_transition(
            request, queryset.filter(status=Status.PUBLISHED), "unpublish", "Gỡ xuống"
        )

    @admin.action(description="Lưu trữ các mục đã chọn", permissions=["publish"])
    def archive_selected(self, request, queryset):
        self.run_transition(request, queryset, "archive", "Lưu trữ")

    # -- list columns ----------------------------------------------------------------------

    @admin.display(description="Trạng thái", ordering="status")
    def status_label(self, obj):
        return obj.state_label
