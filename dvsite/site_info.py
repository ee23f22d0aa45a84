"""Who the site belongs to, from settings (never literals in templates)."""

from django.conf import settings


def site_info(request):
    return {"site": settings.SITE_INFO}
