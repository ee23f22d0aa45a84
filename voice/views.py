"""The public pages of citizens' voice: send, sent, follow, the published Q&A, privacy notice."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods, require_safe

from core import fragments
from core.publishing import words_match_q
from core.text import words
from taxonomy.models import Topic
from taxonomy.units import Unit
from voice import codes, submissions
from voice.forms import FollowForm, SendForm, started_token
from voice.models import Kind, Question

PER_PAGE = 20
SENT_SESSION_KEY = "voice_sent_code"
ROBOT_MESSAGES = {
    "honeypot": "Không nhận được nội dung này. Nếu bạn là người gửi, hãy tải lại trang và gửi lại.",
    "too_fast": "Biểu mẫu được gửi quá nhanh hoặc đã quá hạn. Hãy kiểm tra lại nội dung rồi bấm "
    "“Gửi” một lần nữa.",
}
TOO_MANY = (
    "Bạn đã gửi quá nhiều lần trong thời gian ngắn. Nội dung bạn nhập vẫn còn dưới đây; "
    "vui lòng thử lại sau hoặc gọi điện cho Ban."
)


def _private(response):
    add_never_cache_headers(response)
    return response


def _form_page(request, template, form, status=200, message="", extra=None):
    form.data = form.data.copy() if form.is_bound else form.data
    if form.is_bound:
        form.data["started"] = started_token()
    context = {"form": form, "message": message, **(extra or {})}
    return _private(render(request, template, context, status=status))


@require_http_methods(["GET", "HEAD", "POST"])
def send(request):
    crumbs = [("Hỏi đáp", reverse("voice:list")), ("Gửi câu hỏi, góp ý", None)]
    template, extra = "voice/send.html", {"crumbs": crumbs}
    if request.method != "POST":
        form = SendForm(initial={"started": started_token()})
        return _form_page(request, template, form, extra=extra)
    form = SendForm(request.POST, request.FILES)
    problem = form.robot_problem()
    if problem:
        return _form_page(request, template, form, 200, ROBOT_MESSAGES[problem], extra)
    if not form.is_valid():
        message = "Chưa gửi được: hãy sửa các ô được đánh dấu bên dưới."
        if request.FILES:
            message += " Vì an toàn, các tệp đính kèm cần được chọn lại."
        return _form_page(request, template, form, 200, message, extra)
    if not submissions.send_allowed(request, form.contact()):
        return _form_page(request, template, form, 429, TOO_MANY, extra)
    question = submissions.store(form)
    request.session[SENT_SESSION_KEY] = question.code
    return redirect("voice:sent")


@require_safe
def sent(request):
    code = request.session.get(SENT_SESSION_KEY)
    question = code and Question.objects.filter(code=code).only("code", "due_on", "kind").first()
    context = {
        "question": question,
        "crumbs": [("Hỏi đáp", reverse("voice:list")), ("Đã gửi", None)],
    }
    return _private(render(request, "voice/sent.html", context))


@require_http_methods(["GET", "HEAD", "POST"])
def follow(request):
    crumbs = [("Hỏi đáp", reverse("voice:list")), ("Tra cứu", None)]
    template, extra = "voice/follow.html", {"crumbs": crumbs}
    if request.method != "POST":
        initial = {"code": codes.display(request.session.get(SENT_SESSION_KEY, ""))}
        return _form_page(request, template, FollowForm(initial=initial), extra=extra)
    form = FollowForm(request.POST)
    if form.robot_problem():
        return _form_page(request, template, form, 200, ROBOT_MESSAGES["honeypot"], extra)
    if not submissions.lookup_allowed(request):
        return _form_page(request, template, form, 429, TOO_MANY, extra)
    if not form.is_valid():
        return _form_page(
            request, template, form, 200, "Hãy nhập đủ mã và số điện thoại hoặc thư điện tử.", extra
        )
    question = submissions.find(
        codes.normalize(form.cleaned_data["code"]), form.cleaned_data["contact"]
    )
    if question is None:
        message = (
            "Không tìm thấy mục nào với mã và thông tin liên hệ này. Hãy kiểm tra lại mã "
            "(10 ký tự, ví dụ K7MX-Q4RT-9B) và số điện thoại hoặc thư điện tử đã khai khi gửi."
        )
        return _form_page(request, template, form, 200, message, extra)
    return _form_page(request, template, form, 200, "", {**extra, "question": question})


def _list_filters(request):
    """(queryset filter, chosen facets) from ?chu-de=, ?don-vi=, ?loai=, ?q= (bad values ignored)."""
    condition, chosen = Q(), {}
    topic_slug = request.GET.get("chu-de", "")[:100]
    if topic_slug:
        topic = Topic.objects.filter(slug=topic_slug).first()
        if topic:
            condition &= Q(topic=topic)
            chosen["topic"] = topic
    unit_slug = request.GET.get("don-vi", "")[:220]
    if unit_slug:
        unit = Unit.objects.filter(slug=unit_slug).first()
        if unit:
            ids = Unit.objects.family_ids([unit.pk])
            condition &= Question.unit_q(ids)
            chosen["unit"] = unit
    kind = request.GET.get("loai", "")
    if kind in Kind.values:
        condition &= Q(kind=kind)
        chosen["kind"] = Kind(kind)
    query = " ".join(request.GET.get("q", "").split())[:200]
    if query:
        condition &= words_match_q(words(query))
        chosen["q"] = query
    return condition, chosen


@require_safe
def question_list(request):
    condition, chosen = _list_filters(request)
    questions = (
        Question.objects.published()
        .filter(condition)
        .select_related("topic")
        .defer("search_title", "search_text", "content", "answer")
        .order_by("-answered_at", "-id")
    )
    paginator = Paginator(questions, PER_PAGE)
    if not chosen:  # the whole list: its count is kept per generation of the questions
        paginator.count = fragments.cached("voice:count", questions.count, kinds={"voice"})
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "questions": page.object_list,
        "chosen": chosen,
        "kinds": Kind.choices,
        "crumbs": [("Hỏi đáp", None)],
    }
    return render(request, "voice/question_list.html", context)


@require_safe
def question_detail(request, slug):
    question = get_object_or_404(
        Question.objects.visible_to(request.user).select_related("topic", "assigned_unit"),
        slug=slug,
    )
    is_preview = not question.is_public()
    context = {
        "question": question,
        "is_preview": is_preview,
        "crumbs": [("Hỏi đáp", reverse("voice:list")), (question.title, None)],
    }
    response = render(request, "voice/question_detail.html", context)
    return _private(response) if is_preview else response


@require_safe
def privacy(request):
    context = {
        "retention_months": settings.VOICE_RETENTION_MONTHS,
        "crumbs": [("Giới thiệu", None), ("Bảo vệ dữ liệu cá nhân", None)],
    }
    return render(request, "voice/privacy.html", context)
