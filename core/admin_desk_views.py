"""The desk in every content model's change form (mixed into `PublishableAdmin`): who else has
the item open, the explicit lock, autosave and its restore, and the refusal of a save made on
an older version, with a diff and a way to keep both.

Endpoints (under the item's admin URL, all POST, JSON): `desk/heartbeat/?kiem-tra` (not
activity for the idle timeout), `desk/lock/`, `desk/autosave/` (and `add/desk/autosave/`).
A conflicting save is answered with the conflict page; `desk/keep-both/` saves the user's
version as a draft of its own.
"""

import datetime
import re

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import construct_instance
from django.http import HttpResponseRedirect, JsonResponse, QueryDict
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from core import audit, desk
from core.dates import format_datetime
from core.history_diff import plain_text, word_diff

VERSION_FIELD = "_desk_version"
RESTORE_PARAMETER = "khoi-phuc"
# Buttons that save no form content (core's workflow buttons, news' preview): never a conflict.
NOT_SAVING = (
    "_workflow_withdraw",
    "_workflow_revise",
    "_workflow_return",
    "_workflow_approve_step",
    "_workflow_schedule_revision",
    "_workflow_cancel_schedule",
    "_preview",
)
# What an autosaved form may hold: field names of the form and its inlines, nothing else.
FIELD_NAME = re.compile(r"^[A-Za-z][\w-]{0,100}$")
SKIPPED = {"csrfmiddlewaretoken", VERSION_FIELD}
MAX_FIELDS = 400
# What the desk's endpoints read of an item (and its last editor's name).
DESK_COLUMNS = (
    "pk",
    "version",
    "status",
    "updated_at",
    "updated_by__username",
    "updated_by__first_name",
    "updated_by__last_name",
    "created_by",
    "revision_of",
)


def _json_error(message, status):
    return JsonResponse({"error": message}, status=status)


def _person(session_or_user):
    user = getattr(session_or_user, "user", session_or_user)
    return desk.display_name(user)


class DeskAdminMixin:
    def desk_url(self, name):
        return f"admin:{self.opts.app_label}_{self.opts.model_name}_desk_{name}"

    def get_urls(self):
        wrap = self.admin_site.admin_view
        prefix = f"{self.opts.app_label}_{self.opts.model_name}_desk_"
        return [
            path("add/desk/autosave/", wrap(self.desk_autosave_view), name=prefix + "autosave_new"),
            path(
                "<path:object_id>/desk/heartbeat/",
                wrap(self.desk_heartbeat_view),
                name=prefix + "heartbeat",
            ),
            path("<path:object_id>/desk/lock/", wrap(self.desk_lock_view), name=prefix + "lock"),
            path(
                "<path:object_id>/desk/autosave/",
                wrap(self.desk_autosave_view),
                name=prefix + "autosave",
            ),
            path(
                "<path:object_id>/desk/keep-both/",
                wrap(self.desk_keep_both_view),
                name=prefix + "keep_both",
            ),
            *super().get_urls(),
        ]

    def _desk_item(self, request, object_id):
        """The item for a heartbeat, lock or autosave: only the columns they read, through the
        user's scope (the admin's own queryset prefetches what a form shows: too dear here)."""
        if request.method != "POST":
            return None, _json_error("Chỉ nhận yêu cầu POST.", 405)
        try:
            obj = (
                self.model._default_manager.in_scope_of(request.user)
                .select_related("updated_by")
                .only(*DESK_COLUMNS)
                .get(pk=unquote(object_id))
            )
        except (self.model.DoesNotExist, ValidationError, ValueError, TypeError):
            return None, _json_error("Không tìm thấy nội dung này.", 404)
        return obj, None

    # -- presence and the lock ----------------------------------------------------------------

    def desk_heartbeat_view(self, request, object_id):
        obj, error = self._desk_item(request, object_id)
        if error:
            return error
        if not obj.can_preview(request.user):
            return _json_error("Bạn không có quyền xem nội dung này.", 403)
        others = desk.heartbeat(type(obj), obj.pk, request.user)
        return JsonResponse(self._presence(obj, request.user, others))

    def _presence(self, obj, user, others):
        holder = next((s.user for s in others if s.locked_at), None)
        return {
            "version": obj.version,
            "updated_by": _person(obj.updated_by) if obj.updated_by_id else "",
            "updated_at": format_datetime(obj.updated_at),
            "editing": [
                {"name": _person(s), "since": timezone.localtime(s.seen_at).strftime("%H:%M")}
                for s in others
                if s.seen_at >= timezone.now() - datetime.timedelta(seconds=desk.PRESENCE_SECONDS)
            ],
            "locked_by": _person(holder) if holder else "",
        }

    def desk_lock_view(self, request, object_id):
        obj, error = self._desk_item(request, object_id)
        if error:
            return error
        try:
            if request.POST.get("action") == "unlock":
                desk.unlock(obj, request.user)
            elif request.POST.get("action") == "lock":
                desk.lock(obj, request.user)
            else:
                return _json_error("Thao tác không hợp lệ.", 400)
        except desk.LockRefused as refused:
            return _json_error(str(refused), 403)
        holder = desk.lock_holder(type(obj), obj.pk)
        return JsonResponse({"locked_by": _person(holder) if holder else ""})

    # -- autosave ----------------------------------------------------------------------------

    def desk_autosave_view(self, request, object_id=None):
        if object_id is None:
            if request.method != "POST":
                return _json_error("Chỉ nhận yêu cầu POST.", 405)
            if not self.has_add_permission(request):
                return _json_error("Bạn không có quyền thêm nội dung này.", 403)
            obj = None
        else:
            obj, error = self._desk_item(request, object_id)
            if error:
                return error
            if not obj.can_edit(request.user, scoped=True):
                return _json_error("Bạn không có quyền sửa nội dung này.", 403)
        names = [n for n in request.POST if n not in SKIPPED and FIELD_NAME.match(n)]
        if len(names) > MAX_FIELDS:
            return _json_error("Biểu mẫu quá lớn để lưu tự động.", 400)
        data = desk.form_data(request.POST, names)
        if sum(len(str(v)) for v in data.values()) > desk.AUTOSAVE_MAX_CHARS:
            return _json_error("Biểu mẫu quá lớn để lưu tự động.", 400)
        base = request.POST.get(VERSION_FIELD, "")
        saved_at = desk.autosave(
            self.model,
            obj.pk if obj else "",
            request.user,
            data,
            base_version=int(base) if base.isdigit() and len(base) < 10 else 0,
        )
        label = f"Đã lưu tự động lúc {timezone.localtime(saved_at).strftime('%H:%M:%S')}"
        return JsonResponse({"saved_at": saved_at.isoformat(), "label": label})

    def _restorable_draft(self, request, obj):
        draft = desk.draft_of(self.model, obj.pk if obj else "", request.user)
        if draft is None or (obj is not None and draft.saved_at <= obj.updated_at):
            return None  # the item was saved after it: nothing unsaved is left
        return draft

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and request.method == "GET" and RESTORE_PARAMETER in request.GET:
            draft = self._restorable_draft(request, obj)
            if draft is not None and obj.can_edit(request.user):
                self._apply_draft(request, obj, draft)
        return obj

    def _apply_draft(self, request, obj, draft):
        """Put the autosaved values on `obj` as its form would (only valid fields)."""
        form_class = self.get_form(request, obj, change=True)
        data = QueryDict(mutable=True)
        for name, value in draft.data.items():
            data.setlist(name, value if isinstance(value, list) else [value])
        form = form_class(data=data, instance=type(obj)._default_manager.get(pk=obj.pk))
        form.is_valid()
        fields = [n for n in form.cleaned_data if n not in form.errors]
        construct_instance(form, obj, fields=fields)
        request.desk_restored = draft

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        if RESTORE_PARAMETER in request.GET:
            initial.pop(RESTORE_PARAMETER, None)
            draft = self._restorable_draft(request, None)
            if draft is not None:
                initial.update({k: v for k, v in draft.data.items() if not isinstance(v, list)})
                request.desk_restored = draft
        return initial

    # -- the change form -----------------------------------------------------------------------

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["desk"] = {
            **self._desk_context(request, obj),
            **self.comments_context(request, obj),
        }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _desk_context(self, request, obj):
        restored = getattr(request, "desk_restored", None)
        draft = None if restored else self._restorable_draft(request, obj)
        version = obj.version if obj is not None and obj.pk else 0
        if restored is not None and restored.base_version:
            # A restored form keeps the version it was typed on: if the item changed since,
            # its save is refused with the diff instead of undoing the newer changes.
            version = restored.base_version
        context = {
            "version": version,
            "autosave_url": reverse(self.desk_url("autosave"), args=[obj.pk])
            if obj is not None and obj.pk
            else reverse(self.desk_url("autosave_new")),
            "draft_at": format_datetime(draft.saved_at) if draft else "",
            "restored_at": format_datetime(restored.saved_at) if restored else "",
            "restore_url": f"?{RESTORE_PARAMETER}=1",
            "storage_key": f"dvsite-desk:{self.opts.label_lower}:{obj.pk if obj and obj.pk else 'new'}:{request.user.pk}",
        }
        if obj is not None and obj.pk:
            others = desk.others(type(obj), obj.pk, request.user)
            context.update(
                self._presence(obj, request.user, others),
                heartbeat_url=reverse(self.desk_url("heartbeat"), args=[obj.pk]) + "?kiem-tra",
                lock_url=reverse(self.desk_url("lock"), args=[obj.pk]),
                holds_lock=desk.EditSession.for_item(type(obj), obj.pk)
                .filter(user=request.user, locked_at__isnull=False)
                .exists(),
                can_unlock=obj.can_publish(request.user),
            )
        return context

    # -- saving: refused on an older version or another's lock ----------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if (
            request.method == "POST"
            and object_id
            and VERSION_FIELD in request.POST
            and not any(button in request.POST for button in NOT_SAVING)
        ):
            refusal = self._refuse_stale_save(request, object_id)
            if refusal is not None:
                return refusal
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _refuse_stale_save(self, request, object_id):
        current = self.get_object(request, unquote(object_id))
        if current is None:
            return None
        posted = request.POST[VERSION_FIELD]
        holder = desk.lock_holder(type(current), current.pk)
        locked = holder is not None and holder.pk != request.user.pk
        stale = posted.isdigit() and int(posted) != current.version
        if not (stale or locked):
            return None
        return self.conflict_response(request, current, holder if locked else None)

    def conflict_response(self, request, current, holder=None):
        """The save is not made: say why, keep the user's version (autosave), show the diff."""
        form_class = self.get_form(request, current, change=True)
        form = form_class(request.POST, request.FILES, instance=current)
        rows = []
        for name in form.changed_data:
            bound = form[name]
            newer, yours = word_diff(
                plain_text(_shown(bound.field, bound.initial)),
                plain_text(_shown(bound.field, bound.data)),
            )
            rows.append({"label": bound.label, "newer": newer, "yours": yours})
        names = [n for n in request.POST if n not in SKIPPED and FIELD_NAME.match(n)]
        # Kept as the user's unsaved form, as of the version they have now seen the diff with:
        # restoring it on the newer version and saving is their informed choice.
        desk.autosave(
            self.model,
            current.pk,
            request.user,
            desk.form_data(request.POST, names),
            base_version=current.version,
        )
        audit.record(
            audit.Action.CONFLICT,
            request=request,
            obj=current,
            outcome=audit.Outcome.REFUSED,
            changes={
                "Phiên bản đang sửa": request.POST.get(VERSION_FIELD, ""),
                "Phiên bản mới": current.version,
            },
        )
        hidden = [
            (name, value)
            for name, values in request.POST.lists()
            if name not in SKIPPED and FIELD_NAME.match(name) and not name.startswith("_")
            for value in values
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": "Chưa lưu: đã có phiên bản mới hơn"
            if holder is None
            else "Chưa lưu: nội dung đang bị khóa",
            "opts": self.opts,
            "original": current,
            "holder": _person(holder) if holder else "",
            "updated_by": _person(current.updated_by) if current.updated_by_id else "",
            "updated_at": format_datetime(current.updated_at),
            "rows": rows,
            "hidden": hidden,
            "current_version": current.version,
            "change_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[current.pk]
            ),
            "keep_both_url": reverse(self.desk_url("keep_both"), args=[current.pk]),
            "can_overwrite": holder is None,
        }
        return TemplateResponse(request, "admin/desk_conflict.html", context, status=409)

    def desk_keep_both_view(self, request, object_id):
        """Save the user's version as a new draft beside the newer one (a copy they merge)."""
        if request.method != "POST":
            return _json_error("Chỉ nhận yêu cầu POST.", 405)
        current = self.get_object(request, unquote(object_id))
        if current is None or not self.has_add_permission(request):
            raise PermissionDenied
        self.refuse_crafted_fields(request)
        data = request.POST.copy()
        if "slug" in data:
            data["slug"] = ""
        if "title" in data:
            data["title"] = f"{data['title']} (bản của {desk.display_name(request.user)})"
        form = self.get_form(request, None, change=False)(data, request.FILES)
        if not form.is_valid():
            errors = "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items())
            self.message_user(request, f"Chưa lưu được bản riêng: {errors}", messages.ERROR)
            return HttpResponseRedirect(
                reverse(
                    f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[current.pk]
                )
                + f"?{RESTORE_PARAMETER}=1"
            )
        copy = form.save(commit=False)
        self.save_model(request, copy, form, change=False)
        self.save_related(request, form, [], change=False)
        desk.discard(self.model, current.pk, request.user)
        self.message_user(
            request,
            f"Đã lưu bản của bạn thành bản nháp riêng “{copy}”; bản mới hơn “{current}” giữ nguyên."
            " Hãy so sánh và gộp lại rồi xóa bản thừa.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[copy.pk])
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Saved: the unsaved copy of this form is no longer needed.
        desk.discard(self.model, obj.pk if change else "", request.user)
        if change:
            desk.leave(self.model, obj.pk, request.user)


def _shown(field, value):
    """A form value as text: a choice's label, or the value."""
    choices = getattr(field, "choices", None)
    if choices is not None and not isinstance(value, list | tuple):
        for key, label in choices:
            if str(key) == str(value):
                return label
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return value
