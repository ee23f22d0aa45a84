"""The admin page that loads a spreadsheet of models (practices/loading.py): every error with
its line number, nothing loaded on error."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from . import loading
from .models import Practice

MAX_UPLOAD = 10 * 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Tệp danh sách (.xlsx hoặc .csv)",
        help_text="Mỗi dòng một mô hình; các cột: " + ", ".join(loading.COLUMNS) + ".",
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        if not file.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError("Chỉ nhận tệp .xlsx hoặc .csv.")
        if file.size > MAX_UPLOAD:
            raise forms.ValidationError("Tệp lớn quá 10 MB.")
        return file


def upload_view(request):
    if not request.user.has_perm("practices.add_practice"):
        raise PermissionDenied
    errors = []
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        try:
            report = loading.load(file.read(), file.name, user=request.user)
        except loading.PracticeFileError as error:
            errors = error.errors
        else:
            messages.success(
                request,
                f"Đã thêm {report.created}, cập nhật {report.updated}, giữ nguyên "
                f"{report.unchanged} mô hình (mô hình mới là bản nháp).",
            )
            return redirect("admin:practices_practice_changelist")
    context = {
        **admin.site.each_context(request),
        "title": "Nạp danh sách mô hình từ bảng tính",
        "form": form,
        "errors": errors,
        "opts": Practice._meta,
    }
    return TemplateResponse(request, "admin/practices/upload.html", context)
