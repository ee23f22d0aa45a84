"""A second factor for staff: TOTP (an authenticator app) and one-time backup codes (django-otp).

Publishers and administrators must use it when `STAFF_SECOND_FACTOR_REQUIRED` is on (the
production default): after the password, the admin sends them to enrol (a QR code for the app,
then ten backup codes) or to type the six-digit code. Editors may enrol; once they have, they are
asked for the code too. The pages live under the admin's path and use its look.
"""

import base64
from urllib.parse import urlencode

import segno
from django import forms
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.admin_path import is_admin_path
from core.second_factor import has_confirmed_device, second_factor_required

BACKUP_CODES = 10


# Publishers and administrators, while the setting is on: the one rule, in core.
must_use_second_factor = second_factor_required


class SecondFactorMiddleware:
    """Keeps a signed-in staff member who owes a second factor out of the admin until given.

    Place after django_otp's OTPMiddleware. The login, logout and the second-factor pages stay
    reachable; anything else under the admin path redirects.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.is_staff
            and is_admin_path(request.path_info)
            and not request.user.is_verified()
            and not _is_exempt(request.path_info)
        ):
            if has_confirmed_device(user):
                return redirect(_with_next("two_factor_verify", request))
            if must_use_second_factor(user):
                return redirect(_with_next("two_factor_enrol", request))
        return self.get_response(request)


def _is_exempt(path):
    exempt = [reverse("admin:login"), reverse("admin:logout"), reverse("admin:jsi18n")]
    return path in exempt or path.startswith(reverse("two_factor_verify"))


def _with_next(name, request):
    return f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}"


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("admin:index")


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Mã xác thực",
        max_length=16,
        help_text="6 chữ số trong ứng dụng xác thực, hoặc một mã dự phòng.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )

    def clean_token(self):
        return "".join(self.cleaned_data["token"].split())


def qr_data_uri(text):
    """An SVG QR code as a data: URI (an <img>, no inline script, allowed by the admin's CSP)."""
    svg = segno.make(text, error="m").svg_inline(scale=5, dark="#000", light="#fff")
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def _unconfirmed_totp(user):
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực", confirmed=False)


def _new_backup_codes(user):
    device, _ = StaticDevice.objects.get_or_create(user=user, defaults={"name": "Mã dự phòng"})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return device, codes


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@login_required(login_url="admin:login")
def enrol(request):
    """Scan the QR code, type the code the app shows: the device is confirmed, backup codes
    are shown once."""
    if not request.user.is_staff:
        return redirect("admin:login")
    if user_has_device(request.user) and not request.user.is_verified():
        return redirect(_with_next("two_factor_verify", request))
    device = _unconfirmed_totp(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            _, codes = _new_backup_codes(request.user)
            context = {"codes": codes, "next": _next_url(request), "title": "Mã dự phòng"}
            return _render(request, "two_factor/backup_codes.html", context)
        form.add_error("token", "Mã không đúng hoặc đã hết hạn. Hãy nhập mã mới trong ứng dụng.")
    secret = base64.b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "qr": qr_data_uri(device.config_url),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "next": _next_url(request),
        "required": must_use_second_factor(request.user),
        "title": "Bật xác thực hai bước",
    }
    return _render(request, "two_factor/enrol.html", context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@login_required(login_url="admin:login")
def verify(request):
    """The six-digit code (or a backup code, each usable once) after the password."""
    if not user_has_device(request.user):
        return redirect(_with_next("two_factor_enrol", request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("token", "Mã không đúng hoặc đã dùng. Hãy thử lại.")
    context = {"form": form, "next": _next_url(request), "title": "Xác thực hai bước"}
    return _render(request, "two_factor/verify.html", context)


def _render(request, template, context):
    return render(request, template, {**admin.site.each_context(request), **context})
