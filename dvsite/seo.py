"""Structured data (schema.org JSON-LD) for detail pages, built from the models."""

from django.conf import settings
from django.templatetags.static import static
from django.utils.html import strip_tags


def absolute(path):
    return f"{settings.SITE_INFO['base_url']}{path}" if path else ""


def publisher():
    return {
        "@type": "GovernmentOrganization",
        "name": settings.SITE_INFO["name"],
        "url": absolute("/"),
        "logo": {"@type": "ImageObject", "url": absolute(static("img/emblem.svg"))},
    }


def news_article(post):
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": post.title[:110],
        "description": post.summary or strip_tags(post.body)[:300],
        "inLanguage": "vi",
        "mainEntityOfPage": absolute(post.get_absolute_url()),
        "url": absolute(post.get_absolute_url()),
        "dateModified": post.updated_at.isoformat() if post.updated_at else None,
        "publisher": publisher(),
        "author": ({"@type": "Person", "name": post.byline} if post.byline else publisher()),
    }
    if post.publish_at:
        data["datePublished"] = post.publish_at.isoformat()
    if post.image:
        data["image"] = [absolute(post.image.url)]
    if post.category_id:
        data["articleSection"] = post.category.name
    return {key: value for key, value in data.items() if value not in (None, "")}


ATTENDANCE = {
    "in_person": "https://schema.org/OfflineEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "hybrid": "https://schema.org/MixedEventAttendanceMode",
}


def event(event):
    place = {
        "@type": "Place",
        "name": event.location or event.organiser or settings.SITE_INFO["name"],
    }
    if event.format == "online":
        location = {"@type": "VirtualLocation", "url": absolute(event.get_absolute_url())}
    elif event.format == "hybrid":
        location = [place, {"@type": "VirtualLocation", "url": absolute(event.get_absolute_url())}]
    else:
        location = place
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": event.start.isoformat(),
        "endDate": event.end.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": ATTENDANCE.get(event.format, ATTENDANCE["in_person"]),
        "location": location,
        "organizer": {
            "@type": "Organization",
            "name": event.organiser or settings.SITE_INFO["name"],
        },
        "description": strip_tags(event.description)[:500] or event.get_kind_display(),
        "url": absolute(event.get_absolute_url()),
        "inLanguage": "vi",
    }
    return data
