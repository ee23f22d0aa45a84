"""Structured data (schema.org JSON-LD) and share metadata, built from the models."""

import datetime
import re

from django.conf import settings
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import strip_tags

from core.text import nfc

DEFAULT_IMAGE = "img/og-default.png"  # 1200 × 630, drawn by scripts/make_og_image.py
DESCRIPTION_LIMIT = 500

# A byline that names a body, not a person ("Ban Dân vận Huyện ủy Kim Bảng", "Báo Hà Nam").
_ORGANISATION_WORDS = re.compile(
    r"^(ban|phòng|văn phòng|báo|đài|trung tâm|sở|ủy ban|uỷ ban|ubnd|ubmttq|hội|mặt trận|"
    r"tỉnh ủy|tỉnh uỷ|huyện ủy|huyện uỷ|thành ủy|thành uỷ|thị ủy|thị uỷ|đảng ủy|đảng uỷ|"
    r"cổng|tạp chí|công an|bộ|cục|chi cục|liên đoàn|đoàn|tòa soạn|ttxvn|vtv|bbt)\b",
    re.IGNORECASE,
)
_BLOCK_END = re.compile(r"(?i)<\s*(?:/\s*(?:p|div|li|h[1-6]|tr|blockquote|figcaption)|br\s*/?)\s*>")


def absolute(path):
    return f"{settings.SITE_INFO['base_url']}{path}" if path else ""


def html_datetime(value):
    """ISO 8601 for <time datetime> and JSON-LD: whole seconds, local offset; dates stay dates."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()


def plain_text(html, limit=DESCRIPTION_LIMIT):
    """Editor HTML as one line of text: paragraphs kept apart, cut at a word with "…"."""
    text = " ".join(strip_tags(_BLOCK_END.sub(" \n", html or "")).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:–-") + "…"


def publisher():
    return {
        "@type": "GovernmentOrganization",
        "name": settings.SITE_INFO["name"],
        "url": absolute("/"),
        "logo": {"@type": "ImageObject", "url": absolute(static("img/emblem.svg"))},
    }


def byline_author(byline):
    """A person for a name, an Organization for a body; the publisher without a byline."""
    if not byline:
        return publisher()
    kind = "Organization" if _ORGANISATION_WORDS.match(nfc(byline).strip()) else "Person"
    return {"@type": kind, "name": byline}


def news_article(post):
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": post.title[:110],
        "description": post.summary or plain_text(post.body, 300),
        "inLanguage": "vi",
        "mainEntityOfPage": absolute(post.get_absolute_url()),
        "url": absolute(post.get_absolute_url()),
        "dateModified": post.updated_at.isoformat() if post.updated_at else None,
        "publisher": publisher(),
        "author": byline_author(post.byline),
        "image": [absolute(post.image.url) if post.image else absolute(static(DEFAULT_IMAGE))],
    }
    if post.publish_at:
        data["datePublished"] = post.publish_at.isoformat()
    if post.category_id:
        data["articleSection"] = post.category.name
    return {key: value for key, value in data.items() if value not in (None, "")}


ATTENDANCE = {
    "in_person": "https://schema.org/OfflineEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "hybrid": "https://schema.org/MixedEventAttendanceMode",
}


def _event_location(event):
    """Where it happens, as the source says: a Place with the stated address, or online."""
    online = {"@type": "VirtualLocation", "url": absolute(event.get_absolute_url())}
    place = None
    if event.location:
        address = {"@type": "PostalAddress", "streetAddress": event.location}
        address["addressCountry"] = "VN"
        place = {"@type": "Place", "name": event.location, "address": address}
    if event.format == "online":
        return online
    if event.format == "hybrid":
        return [place, online] if place else online
    return place  # never the organiser's name: an unknown place stays unstated


def event(event):
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": event.start.isoformat(),
        "endDate": event.end.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": ATTENDANCE.get(event.format, ATTENDANCE["in_person"]),
        "location": _event_location(event),
        "organizer": {
            "@type": "Organization",
            "name": event.organiser or settings.SITE_INFO["name"],
        },
        "description": plain_text(event.description) or event.get_kind_display(),
        "url": absolute(event.get_absolute_url()),
        "image": [absolute(static(DEFAULT_IMAGE))],
        "inLanguage": "vi",
    }
    return {key: value for key, value in data.items() if value not in (None, "")}


LEGAL_FORCE = {
    "in_force": "https://schema.org/InForce",
    "expired": "https://schema.org/NotInForce",
    "replaced": "https://schema.org/NotInForce",
}


def legislation(document):
    """schema.org Legislation for a registry document; unknown fields stay out."""
    data = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": f"{document.doc_type.name} {document.number}",
        "legislationIdentifier": document.number,
        "legislationType": document.doc_type.name,
        "description": document.title,
        "legislationPassedBy": {"@type": "Organization", "name": document.issuer.name},
        "legislationDate": html_datetime(document.issue_date),
        "legislationLegalForce": LEGAL_FORCE.get(document.get_validity()),
        "inLanguage": "vi",
        "url": absolute(document.get_absolute_url()),
        "publisher": publisher(),
    }
    if document.effective_date:
        data["legislationDateVersion"] = html_datetime(document.effective_date)
    return {key: value for key, value in data.items() if value not in (None, "")}


def website():
    """The home page: the site and its search box (schema.org SearchAction)."""
    data = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": settings.SITE_INFO["name"],
        "url": absolute("/"),
        "inLanguage": "vi",
        "publisher": publisher(),
    }
    try:
        search_url = reverse("search")
    except NoReverseMatch:
        return data
    data["potentialAction"] = {
        "@type": "SearchAction",
        "target": {"@type": "EntryPoint", "urlTemplate": absolute(f"{search_url}?q={{q}}")},
        "query-input": "required name=q",
    }
    return data
