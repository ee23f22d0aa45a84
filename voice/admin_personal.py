"""A citizen's personal data in the admin: export and erase on request (all items they sent
with the same phone or e-mail, within the staff member's scope), the attachments, and the
comments of a draft document as .xlsx. Every one of these is recorded by `core.audit.record`."""

import io
import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from core import audit
from core.uploads import protected_file_response
from voice.models import Sender


def _same_citizen(model_admin, request, question):
    """The items of the citizen who sent `question` that this user may handle."""
    sender = getattr(question, "sender", None)
    items = model_admin.get_queryset(request)
    if sender is None or not sender.contact_key:
        return items.filter(pk=question.pk)
    return items.filter(sender__contact_key=sender.contact_key)


def _question(model_admin, request, object_id):
    question = model_admin.get_object(request, object_id)
    if question is None or not question.can_handle(request.user):
        raise PermissionDenied
    return question


def export_data(question_items):
    rows = []
    for item in question_items.select_related("sender", "topic", "assigned_unit"):
        sender = getattr(item, "sender", None)
        rows.append(
            {
                "ma_theo_doi": item.display_code,
                "loai": item.get_kind_display(),
                "tieu_de": item.title,
                "noi_dung": item.content,
                "ngay_gui": timezone.localtime(item.received_at).isoformat(),
                "tinh_trang": item.get_state_display(),
                "tra_loi": item.answer,
                "nguoi_gui": sender.as_dict() if sender else {},
                "dong_y_xu_ly_du_lieu_luc": item.consented_at.isoformat()
                if item.consented_at
                else None,
                "dong_y_cong_khai": item.allow_publish,
            }
        )
    return {"xuat_luc": timezone.localtime().isoformat(), "cac_muc": rows}


def urls(model_admin):
    site = model_admin.admin_site

    @require_POST
    def export_view(request, object_id):
        question = _question(model_admin, request, object_id)
        items = _same_citizen(model_admin, request, question)
        for item in items:
            audit.record(audit.Action.PERSONAL_DATA_EXPORTED, request=request, obj=item)
        payload = json.dumps(export_data(items), ensure_ascii=False, indent=2)
        response = HttpResponse(payload, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="du-lieu-{question.code}.json"'
        response["Cache-Control"] = "no-store, private"
        return response

    @require_POST
    def erase_view(request, object_id):
        question = _question(model_admin, request, object_id)
        if not question.can_publish(request.user):
            raise PermissionDenied("Chỉ người duyệt mới xóa được dữ liệu cá nhân.")
        items = list(_same_citizen(model_admin, request, question))
        for item in items:
            sender = Sender.objects.filter(question=item).first()
            if sender is not None:
                sender.erase()
            audit.record(
                audit.Action.PERSONAL_DATA_ERASED,
                request=request,
                obj=item,
                changes={"reason": "theo yêu cầu của người gửi"},
            )
        model_admin.message_user(
            request, f"Đã xóa dữ liệu cá nhân của {len(items)} mục.", messages.SUCCESS
        )
        return HttpResponseRedirect(
            reverse(f"{site.name}:voice_question_change", args=[question.pk])
        )

    @require_safe
    def attachment_view(request, object_id, attachment_id):
        question = _question(model_admin, request, object_id)
        attachment = get_object_or_404(question.attachments, pk=attachment_id)
        audit.record(
            audit.Action.PERSONAL_DATA_READ,
            request=request,
            obj=question,
            changes={"attachment": attachment.pk},
        )
        extension = attachment.mime_type.rsplit("/", 1)[-1].replace("jpeg", "jpg")
        return protected_file_response(
            attachment.file, f"tep-{attachment.pk}.{extension}", attachment.mime_type
        )

    return [
        path(
            "<path:object_id>/du-lieu-ca-nhan/xuat/",
            site.admin_view(export_view),
            name="voice_question_export",
        ),
        path(
            "<path:object_id>/du-lieu-ca-nhan/xoa/",
            site.admin_view(erase_view),
            name="voice_question_erase",
        ),
        path(
            "<path:object_id>/attachment/<int:attachment_id>/",
            site.admin_view(attachment_view),
            name="voice_question_attachment",
        ),
    ]


def comments_xlsx(consultation):
    from openpyxl import Workbook  # noqa: PLC0415 (heavy, loaded for a download only)
    from openpyxl.styles import Font  # noqa: PLC0415

    book = Workbook()
    sheet = book.active
    sheet.title = "Góp ý"
    header = [
        "STT",
        "Gửi lúc",
        "Điều, khoản",
        "Nội dung góp ý",
        "Cơ quan, tổ chức",
        "Họ và tên",
        "Thư điện tử",
        "Kiểm duyệt",
    ]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index, comment in enumerate(consultation.comments.all(), 1):
        sheet.append(
            [
                index,
                timezone.localtime(comment.created_at).replace(tzinfo=None),
                comment.section,
                comment.content,
                comment.organisation,
                comment.name,
                comment.email,
                comment.get_moderation_display(),
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def comment_urls(model_admin):
    site = model_admin.admin_site

    @require_safe
    def xlsx_view(request, object_id):
        consultation = model_admin.get_object(request, object_id)
        if consultation is None or not model_admin.has_view_permission(request, consultation):
            raise PermissionDenied
        audit.record(audit.Action.PERSONAL_DATA_EXPORTED, request=request, obj=consultation)
        response = HttpResponse(
            comments_xlsx(consultation),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="gop-y-du-thao-{consultation.document_id}.xlsx"'
        )
        response["Cache-Control"] = "no-store, private"
        return response

    return [
        path(
            "<path:object_id>/gop-y.xlsx",
            site.admin_view(xlsx_view),
            name="voice_consultation_xlsx",
        )
    ]
