"""E-mail about the editorial workflow: publishers hear of submissions, authors of decisions.

Mail leaves only once the transaction that changed the post has committed; a mail server that
fails is logged (news.notifications, level ERROR), never an error page.
"""

import logging
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse

from news.models.workflow import WorkflowNote

logger = logging.getLogger(__name__)
Action = WorkflowNote.Action
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _admin_url(post):
    return settings.SITE_INFO["base_url"] + reverse("admin:news_post_change", args=[post.pk])


def _public_url(post):
    return settings.SITE_INFO["base_url"] + post.get_absolute_url()


def publishers(model, exclude=None):
    """The users who may publish `model` (the post model: the models send this module's mail,
    so it takes the class rather than importing it)."""
    # Groups and user permissions live in the model backend (axes adds a second backend).
    users = (
        get_user_model()
        .objects.with_perm(model.permission_name("publish"), backend=MODEL_BACKEND)
        .exclude(email="")
    )
    if exclude is not None and exclude.pk:
        users = users.exclude(pk=exclude.pk)
    return users


def _subject(site, label, title):
    # A crafted title may hold line breaks, which a header refuses (BadHeaderError).
    return " ".join(f"[{site}] {label}: {title}".split())


def messages_for(post, action, user, comment=""):
    """The (subject, body, from, [to]) tuples a transition sends."""
    site = settings.SITE_INFO["short_name"]
    sender = settings.DEFAULT_FROM_EMAIL
    actor = (user.get_full_name() or user.get_username()) if user else "Hệ thống"
    author = post.created_by
    author_is_other = (
        author is not None
        and author.email
        and author.is_active
        and author.pk != getattr(user, "pk", None)
    )
    if action == Action.SUBMIT:
        recipients = sorted(publishers(type(post), exclude=user).values_list("email", flat=True))
        if not recipients:
            return []
        body = (
            f"{actor} vừa gửi bài “{post.title}” chờ duyệt.\n\n"
            f"Xem và duyệt bài: {_admin_url(post)}\n"
        )
        return [(_subject(site, "Bài chờ duyệt", post.title), body, sender, recipients)]
    if action == Action.PUBLISH and author_is_other:
        when = "đã được xuất bản" if post.is_public() else "đã được hẹn giờ xuất bản"
        body = f"Bài “{post.title}” của bạn {when} bởi {actor}.\n\nĐịa chỉ: {_public_url(post)}\n"
        return [(_subject(site, "Bài đã xuất bản", post.title), body, sender, [author.email])]
    if action == Action.SEND_BACK and author_is_other:
        body = (
            f"{actor} đã trả lại bài “{post.title}” để bạn chỉnh sửa.\n\n"
            f"Lý do:\n{comment}\n\nSửa bài: {_admin_url(post)}\n"
        )
        return [(_subject(site, "Bài bị trả lại", post.title), body, sender, [author.email])]
    return []


def send_logged(messages):
    """Send, and when the mail server fails say so in the log: the post has changed anyway,
    and the editor's request must not fail because of the mail."""
    try:
        send_mass_mail(messages)
    except Exception:
        recipients = sorted({address for message in messages for address in message[3]})
        logger.exception("Không gửi được thư thông báo tới %s", ", ".join(recipients))


def after_transition(post, action, user, comment=""):
    messages = messages_for(post, action, user, comment)
    if messages:
        transaction.on_commit(partial(send_logged, messages))
