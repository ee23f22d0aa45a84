"""Login throttling (django-axes): two locks, the page a locked-out visitor sees, the owner's mail.

- An address that fails `AXES_FAILURE_LIMIT` (5) times, whatever names it types, is locked.
- An account that fails `AXES_ACCOUNT_FAILURE_LIMIT` (20) times from any addresses together is
  locked too, so a guesser spreading over many addresses still meets a wall.

Both end after `AXES_COOLOFF_TIME`; an administrator can lift them earlier (the user admin's
"Mở khóa đăng nhập"). axes counts failures per name and per address
(`AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]`) and compares the larger count with one
limit; `failure_limit` makes that limit the address's while the address has reached it, the
account's otherwise. Every failure stays in axes' failure log and in the security log after the
counters reset.
"""

from axes.attempts import get_cool_off_threshold
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import send_mail
from django.db.models import Sum
from django.shortcuts import render
from django.utils import timezone
from django_tasks import task

from core.dates import format_datetime

ADDRESS = "address"
ACCOUNT = "account"


USERNAME_MAX = 150  # Django's username column


def typed_username(request, credentials=None):
    """AXES_USERNAME_CALLABLE: the typed name as axes stores it, within its column and without
    NUL characters (a 5,000-letter name failed PostgreSQL's insert: a 500 instead of the form)."""
    source = credentials if credentials else getattr(request, "data", request.POST)
    value = source.get(settings.AXES_USERNAME_FORM_FIELD) if source else None
    if value is None:
        return None
    return clean_name(value)


def clean_name(value):
    return str(value or "").replace("\x00", "")[:USERNAME_MAX]


def _failures(request, **lookup):
    attempts = AccessAttempt.objects.filter(**lookup)
    if settings.AXES_COOLOFF_TIME is not None:
        attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def failure_limit(request, credentials=None):
    """AXES_FAILURE_LIMIT: the address's limit once the address has reached it, else the
    account's (the larger count axes compares is then the name's, from every address)."""
    address_limit = settings.AXES_ADDRESS_FAILURE_LIMIT
    address = getattr(request, "axes_ip_address", None)
    if address and _failures(request, ip_address=address) >= address_limit:
        return address_limit
    return settings.AXES_ACCOUNT_FAILURE_LIMIT


def lock_kind(request, username):
    """Which lock holds: the address's or the account's."""
    address = getattr(request, "axes_ip_address", None)
    if address and _failures(request, ip_address=address) >= settings.AXES_ADDRESS_FAILURE_LIMIT:
        return ADDRESS
    return ACCOUNT if username else ADDRESS


def lockout_response(request, original_response=None, credentials=None):
    """The page shown when django-axes refuses a login: in Vietnamese, with the wait in minutes."""
    cool_off = get_cool_off(request)
    username = get_client_username(request, credentials) or ""
    context = {
        "failure_limit": settings.AXES_ADDRESS_FAILURE_LIMIT,
        "account_failure_limit": settings.AXES_ACCOUNT_FAILURE_LIMIT,
        "account_lock": lock_kind(request, username) == ACCOUNT,
        "username": username,
        "cooloff_minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
    }
    return render(request, "axes/lockout.html", context, status=429)


def tell_owner_once(username, address, lock):
    """Queue the owner's e-mail once per lock (axes announces every refused try)."""
    if not username:
        return
    cool_off = get_cool_off()
    seconds = int(cool_off.total_seconds()) if cool_off else 24 * 3600
    if cache.add(f"dvsite:lockout-mail:{username}", 1, timeout=max(seconds, 60)):
        tell_owner_of_lockout.enqueue(str(username), str(address or ""), lock)


@task()
def tell_owner_of_lockout(username, address, lock):
    """E-mail the account's owner that sign-in is locked, from where and until when."""
    user = get_user_model().objects.filter(username=username).exclude(email="").first()
    if user is None:
        return False
    cool_off = get_cool_off()
    until = format_datetime(timezone.localtime() + cool_off) if cool_off else None
    why = (
        f"đăng nhập sai quá {settings.AXES_ACCOUNT_FAILURE_LIMIT} lần từ nhiều địa chỉ"
        if lock == ACCOUNT
        else f"đăng nhập sai {settings.AXES_ADDRESS_FAILURE_LIMIT} lần từ địa chỉ {address}"
    )
    lines = [
        f"Chào {user.get_full_name() or user.get_username()},",
        "",
        f"Tài khoản {user.get_username()} trên {settings.SITE_INFO['name']} tạm bị khóa đăng nhập"
        f" vì {why}.",
        f"Khóa tự hết hạn lúc {until}." if until else "Quản trị viên cần mở khóa cho bạn.",
        "",
        "Nếu không phải bạn thử đăng nhập, có thể ai đó đang dò mật khẩu của bạn: hãy báo ngay"
        " cho quản trị viên và đổi mật khẩu sau khi đăng nhập lại.",
    ]
    send_mail(
        "[Cảnh báo] Tài khoản tạm bị khóa đăng nhập",
        "\n".join(lines),
        None,
        [user.email],
        fail_silently=True,
    )
    return True
