"""The public forms: sending an item, following it, commenting on a draft document.

Every form carries the same two robot traps (`GuardFields`): a honeypot field people never see
and a signed time stamp (a form sent faster than `VOICE_MIN_FILL_SECONDS` after it was shown is
refused, the typed text kept). Text is stored in NFC without control characters and never
rendered as HTML.
"""

import time

import filetype
from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import format_html

from core.text import nfc, strip_control_chars
from taxonomy.models import Topic
from taxonomy.units import Kind as UnitKind
from taxonomy.units import Unit
from voice import codes
from voice.models import Kind

MAX_ATTACHMENTS = 3
MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
ATTACHMENT_TYPES = {"image/jpeg", "image/png", "image/webp", "application/pdf"}
HONEYPOT = "website"
STARTED = "started"
_SALT = "voice.form-started"
LOCAL_KINDS = (UnitKind.COMMUNE, UnitKind.WARD, UnitKind.SPECIAL_ZONE, UnitKind.TOWNSHIP)


def clean_text(value, multiline=False):
    return nfc(strip_control_chars(value or "", multiline=multiline)).strip()


def started_token(now=None):
    """The signed moment the form was shown (`now` for tests)."""
    return signing.dumps(int(time.time() if now is None else now), salt=_SALT)


class GuardFields(forms.Form):
    """The honeypot and the time stamp; `robot_problem()` says what a robot did wrong."""

    website = forms.CharField(
        label="Để trống ô này",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            # Control characters go before validation (Django refuses a NUL outright), so a
            # pasted text with one is stored clean instead of refused.
            data = data.copy()
            for key in list(data.keys()):
                values = [
                    strip_control_chars(value, multiline=True) if isinstance(value, str) else value
                    for value in data.getlist(key)
                ]
                data.setlist(key, values)
        super().__init__(data, *args, **kwargs)

    def robot_problem(self):
        """None, "honeypot" or "too_fast" (also for a missing, forged or day-old stamp)."""
        if self.data.get(HONEYPOT):
            return "honeypot"
        try:
            shown_at = float(signing.loads(self.data.get(STARTED, ""), salt=_SALT, max_age=86400))
        except (signing.BadSignature, TypeError, ValueError):
            return "too_fast"
        return "too_fast" if time.time() - shown_at < settings.VOICE_MIN_FILL_SECONDS else None


def validate_attachment(file):
    if file.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            f"Tệp “{file.name}” quá lớn ({filesizeformat(file.size)}); "
            f"tối đa {filesizeformat(MAX_ATTACHMENT_BYTES)} mỗi tệp."
        )
    if not file.size:
        raise ValidationError(f"Tệp “{file.name}” rỗng.")
    file.seek(0)
    kind = filetype.guess(file.read(8192))
    file.seek(0)
    if kind is None or kind.mime not in ATTACHMENT_TYPES:
        raise ValidationError(f"Tệp “{file.name}” không phải ảnh (JPEG, PNG, WebP) hoặc PDF.")
    file.voice_mime = kind.mime


class SendForm(GuardFields):
    kind = forms.ChoiceField(label="Loại", choices=Kind.choices, initial=Kind.QUESTION)
    topic = forms.ModelChoiceField(
        label="Lĩnh vực", queryset=Topic.objects.all(), required=False, empty_label="— Chọn —"
    )
    unit = forms.ModelChoiceField(
        label="Xã, phường nơi bạn muốn phản ánh",
        queryset=Unit.objects.current().filter(kind__in=LOCAL_KINDS),
        required=False,
        empty_label="— Chọn —",
    )
    title = forms.CharField(label="Tiêu đề", max_length=200)
    content = forms.CharField(
        label="Nội dung", max_length=5000, widget=forms.Textarea(attrs={"rows": 8})
    )
    attachment_1 = forms.FileField(label="Tệp đính kèm 1", required=False)
    attachment_2 = forms.FileField(label="Tệp đính kèm 2", required=False)
    attachment_3 = forms.FileField(label="Tệp đính kèm 3", required=False)
    name = forms.CharField(label="Họ và tên", max_length=120, required=False)
    phone = forms.CharField(label="Số điện thoại", max_length=20, required=False)
    email = forms.EmailField(label="Thư điện tử", required=False)
    address = forms.CharField(label="Địa chỉ", max_length=300, required=False)
    wants_answer = forms.BooleanField(
        label="Tôi muốn nhận câu trả lời", required=False, initial=True
    )
    allow_publish = forms.BooleanField(
        label="Đồng ý công khai câu hỏi và câu trả lời (không kèm thông tin cá nhân)",
        required=False,
    )
    consent = forms.BooleanField(
        label="Tôi đồng ý để Ban xử lý dữ liệu cá nhân của tôi",
        required=True,
        error_messages={"required": "Bạn cần đồng ý với việc xử lý dữ liệu cá nhân để gửi."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].error_messages["required"] = "Hãy nhập tiêu đề."
        self.fields["content"].error_messages["required"] = "Hãy nhập nội dung."
        self.fields["consent"].help_text = format_html(
            'Xem <a href="{}">thông báo về xử lý dữ liệu cá nhân</a>.',
            reverse("voice:privacy"),
        )
        for name in ("attachment_1", "attachment_2", "attachment_3"):
            self.fields[name].widget.attrs["accept"] = (
                "image/jpeg,image/png,image/webp,application/pdf"
            )
            self.fields[name].validators.append(validate_attachment)

    def clean_title(self):
        return clean_text(self.cleaned_data["title"])

    def clean_content(self):
        return clean_text(self.cleaned_data["content"], multiline=True)

    def clean_name(self):
        return clean_text(self.cleaned_data["name"])

    def clean_address(self):
        return clean_text(self.cleaned_data["address"])

    def clean_phone(self):
        phone = clean_text(self.cleaned_data["phone"])
        if phone and not 9 <= len(codes.normalize_phone(phone)) <= 11:
            raise ValidationError("Số điện thoại không đúng (9 đến 11 chữ số).")
        return phone

    def clean(self):
        data = super().clean()
        if data.get("wants_answer") and not (data.get("phone") or data.get("email")):
            self.add_error(
                "phone", "Để nhận câu trả lời, hãy cho biết số điện thoại hoặc thư điện tử."
            )
        return data

    def attachments(self):
        return [
            self.cleaned_data[name]
            for name in ("attachment_1", "attachment_2", "attachment_3")
            if self.cleaned_data.get(name)
        ]

    def contact(self):
        return codes.normalize_contact(
            self.cleaned_data.get("email") or self.cleaned_data.get("phone")
        )


class FollowForm(GuardFields):
    code = forms.CharField(label="Mã theo dõi", max_length=20)
    contact = forms.CharField(
        label="Số điện thoại hoặc thư điện tử đã khai khi gửi", max_length=254
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].error_messages["required"] = "Hãy nhập mã theo dõi."
        self.fields["contact"].error_messages["required"] = (
            "Hãy nhập số điện thoại hoặc thư điện tử đã khai khi gửi."
        )

    def robot_problem(self):
        # Following needs no time stamp: a citizen pastes a code and sends at once.
        return "honeypot" if self.data.get(HONEYPOT) else None


class CommentForm(GuardFields):
    section = forms.CharField(
        label="Góp ý cho điều, khoản (nếu có)", max_length=200, required=False
    )
    content = forms.CharField(
        label="Nội dung góp ý", max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    name = forms.CharField(label="Họ và tên (không công khai)", max_length=120, required=False)
    organisation = forms.CharField(label="Cơ quan, tổ chức", max_length=200, required=False)
    email = forms.EmailField(label="Thư điện tử (không công khai)", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["content"].error_messages["required"] = "Hãy nhập nội dung góp ý."

    def clean_content(self):
        return clean_text(self.cleaned_data["content"], multiline=True)
