"""{% load voice %}{% consultation_box document %}: the comment form on a draft document's page
(the registry's template includes it; the registry knows nothing of this app)."""

from django import template

from seo.structured_data import absolute, html_datetime, publisher
from seo.templatetags.seo import json_ld
from voice.forms import CommentForm, started_token
from voice.models import Consultation

register = template.Library()


@register.inclusion_tag("voice/includes/consultation_box.html", takes_context=True)
def consultation_box(context, document):
    consultation = Consultation.objects.filter(document_id=document.pk).first()
    if consultation is None:
        return {"consultation": None}
    request = context.get("request")
    is_open = consultation.is_open()
    return {
        "consultation": consultation,
        "is_open": is_open,
        "form": CommentForm(initial={"started": started_token()}) if is_open else None,
        "comments": list(consultation.shown_comments()),
        "csrf_token": context.get("csrf_token"),
        "request": request,
    }


@register.simple_tag
def qa_page_ld(question):
    """schema.org QAPage of a published question: the question and its accepted answer, by the
    Ban; never the sender (the asker is "a citizen", unnamed)."""
    url = absolute(question.get_absolute_url())
    answer = {
        "@type": "Answer",
        "text": question.answer,
        "dateCreated": html_datetime(question.answered_at),
        "url": url,
        "author": publisher(),
    }
    data = {
        "@context": "https://schema.org",
        "@type": "QAPage",
        "mainEntity": {
            "@type": "Question",
            "name": question.title,
            "text": question.content,
            "dateCreated": html_datetime(question.received_at),
            "answerCount": 1,
            "author": {"@type": "Person", "name": "Người dân"},
            "acceptedAnswer": answer,
        },
        "inLanguage": "vi",
        "url": url,
    }
    return json_ld(data)
