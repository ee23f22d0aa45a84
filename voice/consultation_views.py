"""Comments on a draft document: the form the document's page shows posts here."""

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods

from core.client import client_ip
from voice import ratelimit
from voice.forms import CommentForm, started_token
from voice.models import Consultation, DraftComment
from voice.views import ROBOT_MESSAGES, TOO_MANY

HOUR = 60 * 60
COMMENTS_PER_HOUR = 10
THANKS_SESSION_KEY = "voice_comment_sent"


def _page(request, consultation, form, status=200, message=""):
    if form.is_bound:
        form.data = form.data.copy()
        form.data["started"] = started_token()
    context = {
        "consultation": consultation,
        "document": consultation.document,
        "form": form,
        "message": message,
        "thanks": request.session.pop(THANKS_SESSION_KEY, False),
        "is_open": consultation.is_open(),
        "crumbs": [
            ("Văn bản", reverse("docs_registry:list")),
            (str(consultation.document.number), consultation.document.get_absolute_url()),
            ("Góp ý dự thảo", None),
        ],
    }
    response = render(request, "voice/comment_form.html", context, status=status)
    add_never_cache_headers(response)
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def comment(request, document_id):
    """GET: the form (also where a phone without JavaScript lands after an error);
    POST: store one comment, moderated before it is shown, if it is shown at all."""
    consultation = get_object_or_404(
        Consultation.objects.select_related("document").filter(document__in=_public_documents()),
        document_id=document_id,
    )
    if request.method != "POST":
        return _page(request, consultation, CommentForm(initial={"started": started_token()}))
    form = CommentForm(request.POST)
    if not consultation.is_open():
        return _page(
            request,
            consultation,
            form,
            200,
            f"Đã hết hạn góp ý dự thảo này (hạn cuối {consultation.closes_on:%d/%m/%Y}); "
            "góp ý của bạn chưa được gửi.",
        )
    problem = form.robot_problem()
    if problem:
        return _page(request, consultation, form, 200, ROBOT_MESSAGES[problem])
    if not form.is_valid():
        return _page(
            request, consultation, form, 200, "Chưa gửi được: hãy sửa các ô được đánh dấu."
        )
    if not ratelimit.allow("comment-ip", client_ip(request), COMMENTS_PER_HOUR, HOUR):
        return _page(request, consultation, form, 429, TOO_MANY)
    DraftComment.objects.create(consultation=consultation, **_fields(form))
    request.session[THANKS_SESSION_KEY] = True
    return redirect("voice:comment", document_id=consultation.document_id)


def _fields(form):
    data = form.cleaned_data
    return {
        name: data.get(name, "") for name in ("section", "content", "name", "organisation", "email")
    }


def _public_documents():
    # The registry's model through the relation: content apps never import each other.
    model = Consultation._meta.get_field("document").related_model
    return model._default_manager.public().values("pk")
