"""The "Hộp thư góp ý" back office: handling states with deadlines, unit scope, internal notes,
the answer approved like a post, and the sender's personal data read (logged), exported and
erased only here (voice/admin_personal.py)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import path
from django.utils.html import format_html, format_html_join

from core import audit
from core.admin_workflow import WORKFLOW_FIELDS, PublishableAdmin
from taxonomy.unit_pickers import UnitPickerMixin
from taxonomy.units import Unit
from voice import admin_personal, figures
from voice.models import Consultation, DraftComment, Note, Question, State
from voice.models.questions import NEXT_STATES

STATE_BUTTON = "_voice_state"
DECLINE_REASON = "voice_decline_reason"
BUTTONS = {
    State.RECEIVED: ("receive", "Tiếp nhận"),
    State.IN_PROGRESS: ("assign", "Chuyển đơn vị đã chọn xử lý"),
    State.DECLINED: ("decline", "Không thụ lý"),
    State.CLOSED: ("close", "Đóng"),
}


class OverdueFilter(admin.SimpleListFilter):
    title = "hạn trả lời"
    parameter_name = "han"

    def lookups(self, request, model_admin):
        return [("qua-han", "Quá hạn"), ("con-han", "Còn hạn")]

    def queryset(self, request, queryset):
        if self.value() == "qua-han":
            return queryset.overdue()
        if self.value() == "con-han":
            return queryset.exclude(pk__in=queryset.overdue().values("pk"))
        return queryset


class NoteInline(admin.TabularInline):
    model = Note
    extra = 1
    fields = ("text", "author", "created_at")
    readonly_fields = ("author", "created_at")
    verbose_name_plural = "Ghi chú nội bộ (không công khai)"

    # Who may handle the item may read and append its notes (no permission of their own).
    def has_view_permission(self, request, obj=None):
        return Question.can_write(request.user)

    def has_add_permission(self, request, obj=None):
        return Question.can_write(request.user)

    def has_change_permission(self, request, obj=None):
        return False  # notes are appended, never rewritten

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Question)
class QuestionAdmin(UnitPickerMixin, PublishableAdmin):
    system_fields = (
        *WORKFLOW_FIELDS,
        "code",
        "state",
        "state_changed_at",
        "received_at",
        "due_on",
        "decline_reason",
        "answered_at",
        "closed_at",
        "mail_state",
        "mail_attempts",
        "personal_data_deleted_at",
        "consented_at",
    )
    list_display = (
        "display_code",
        "title",
        "kind",
        "state_badge",
        "deadline",
        "assigned_unit",
        "status_label",
    )
    list_filter = ("state", OverdueFilter, "kind", "status", "topic")
    list_select_related = ("assigned_unit",)
    ordering = ("-received_at",)
    list_per_page = 50
    inlines = [NoteInline]
    change_form_template = "voice/admin/question_change_form.html"
    fieldsets = (
        (None, {"fields": ("code", "kind", "topic", "title", "slug", "content", "units")}),
        (
            "Người gửi – dữ liệu cá nhân (mỗi lần xem được ghi nhật ký)",
            {"fields": ("sender_details", "attachment_links", "wants_answer", "allow_publish")},
        ),
        (
            "Xử lý",
            {
                "fields": (
                    ("state", "state_changed_at"),
                    ("received_at", "due_on"),
                    "assigned_unit",
                    "handler",
                    "decline_reason",
                    "closed_at",
                )
            },
        ),
        ("Trả lời", {"fields": ("answer", "answered_at", "mail_state", "mail_attempts")}),
        (
            "Duyệt và công khai câu trả lời",
            {"fields": ("status", "publish_at", "status_changed_at", "status_changed_by")},
        ),
    )

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "sender_details", "attachment_links"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("sender")

    def has_add_permission(self, request):
        return False  # items come from citizens, through the public form

    # -- columns ---------------------------------------------------------------------------

    @admin.display(description="Mã", ordering="code")
    def display_code(self, obj):
        return obj.display_code

    @admin.display(description="Tình trạng", ordering="state")
    def state_badge(self, obj):
        return obj.get_state_display()

    @admin.display(description="Hạn trả lời", ordering="due_on")
    def deadline(self, obj):
        if obj.is_overdue:
            return format_html(
                '<strong class="voice-overdue" style="color:#b00020">{} – quá hạn</strong>',
                obj.due_on.strftime("%d/%m/%Y"),
            )
        return obj.due_on.strftime("%d/%m/%Y") if obj.due_on else "–"

    @admin.display(description="Người gửi")
    def sender_details(self, obj):
        sender = getattr(obj, "sender", None)
        if sender is None or sender.is_empty():
            return "Không có (đã xóa hoặc không khai)."
        rows = [
            (label, value or "–")
            for label, value in (
                ("Họ và tên", sender.name),
                ("Điện thoại", sender.phone),
                ("Thư điện tử", sender.email),
                ("Địa chỉ", sender.address),
            )
        ]
        return format_html_join("", "<div>{}: {}</div>", rows)

    @admin.display(description="Tệp đính kèm")
    def attachment_links(self, obj):
        files = list(obj.attachments.all()) if obj.pk else []
        if not files:
            return "Không có."
        return format_html_join(
            " ",
            '<a href="{}">Tệp {} ({})</a>',
            (
                (f"../attachment/{item.pk}/", index, item.mime_type)
                for index, item in enumerate(files, 1)
            ),
        )

    # -- reading personal data is logged --------------------------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            obj = self.get_object(request, object_id)
            sender = getattr(obj, "sender", None) if obj else None
            if sender is not None and not sender.is_empty():
                audit.record(audit.Action.PERSONAL_DATA_READ, request=request, obj=obj)
        extra_context = {**(extra_context or {}), **self._handling_context(request, object_id)}
        return super().change_view(request, object_id, form_url, extra_context)

    def _handling_context(self, request, object_id):
        obj = self.get_object(request, object_id)
        if obj is None or not obj.can_handle(request.user):
            return {}
        buttons = [
            (key, label)
            for state, (key, label) in BUTTONS.items()
            if state in NEXT_STATES[obj.state]
        ]
        return {
            "voice_buttons": buttons,
            "voice_state_button": STATE_BUTTON,
            "voice_decline_reason": DECLINE_REASON,
            "voice_can_erase": obj.can_publish(request.user),
        }

    # -- handling buttons -----------------------------------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id and STATE_BUTTON in request.POST:
            self.refuse_crafted_fields(request)
            return self.state_view(request, object_id)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def state_view(self, request, object_id):
        obj = self.get_object(request, object_id)
        if obj is None or not obj.can_handle(request.user):
            raise PermissionDenied
        action = request.POST.get(STATE_BUTTON)
        try:
            if action == "receive":
                obj.receive(request.user)
            elif action == "assign":
                unit = Unit.objects.filter(pk=_int(request.POST.get("assigned_unit"))).first()
                obj.assign(request.user, unit, handler=obj.handler)
            elif action == "decline":
                obj.decline(request.user, request.POST.get(DECLINE_REASON, ""))
            elif action == "close":
                obj.close(request.user)
            else:
                raise PermissionDenied
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(request.path)
        self.message_user(request, f"“{obj}”: {obj.get_state_display().lower()}.", messages.SUCCESS)
        return HttpResponseRedirect(request.path)

    def save_formset(self, request, form, formset, change):
        for note in formset.save(commit=False):
            if note.pk is None:
                note.author = request.user
            note.save()

    def get_urls(self):
        own = [
            path(
                "so-lieu/",
                self.admin_site.admin_view(figures.figures_view(self)),
                name="voice_question_figures",
            ),
            path(
                "so-lieu.xlsx",
                self.admin_site.admin_view(figures.figures_xlsx_view(self)),
                name="voice_question_figures_xlsx",
            ),
            *admin_personal.urls(self),
        ]
        return own + super().get_urls()


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class CommentInline(admin.TabularInline):
    model = DraftComment
    extra = 0
    fields = ("created_at", "section", "content", "organisation", "moderation")
    readonly_fields = ("created_at", "section", "content", "organisation")
    can_delete = False


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    list_display = ("document", "opens_on", "closes_on", "show_comments", "comment_count")
    raw_id_fields = ("document",)
    inlines = [CommentInline]

    def get_queryset(self, request):
        # The drafting unit's staff see their documents' consultations only (the registry's
        # scope rule, reached through the relation: content apps never import each other).
        documents = Consultation._meta.get_field("document").related_model
        return (
            super()
            .get_queryset(request)
            .filter(document__in=documents._default_manager.in_scope_of(request.user).values("pk"))
        )

    @admin.display(description="Số góp ý")
    def comment_count(self, obj):
        return obj.comments.count()

    def get_urls(self):
        return [*admin_personal.comment_urls(self), *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "voice_export": True}
        return super().change_view(request, object_id, form_url, extra_context)
