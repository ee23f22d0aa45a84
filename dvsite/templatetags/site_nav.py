"""{% load site_nav %}: the layout's links to the site's sections, worked out once per process.

`{% site_urls as section_urls %}` gives the sections' addresses ({{ section_urls.news }} …, ""
for a section not installed); `{% site_nav %}` the main menu with `aria-current` on the
sections the page is in. Both depend only on the URLconf and that choice of sections, never on
content, so they are kept per process (the URLconf and the templates do not change while a
process runs; not with DEBUG, where templates do): reversing twenty addresses and rendering the
menu again on every page was about a quarter of a post page's time.
"""

import functools

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.safestring import mark_safe

register = template.Library()

SECTIONS = {
    "home": "home",
    "about": "about",
    "english": "about_english",
    "contact": "about_contact",
    "news": "news:list",
    "events": "events:list",
    "docs": "docs_registry:list",
    "practices": "practices:list",
    "units": "units:index",
    "schedule": "schedule:week",
    "voice": "voice:list",
    "privacy": "voice:privacy",
    "search": "search",
}
MENU = ("about", "news", "events", "docs", "practices", "units", "schedule", "voice", "search")


def _reverse_all(urlconf):
    urls = {}
    for key, name in SECTIONS.items():
        try:
            urls[key] = reverse(name, urlconf=urlconf)
        except NoReverseMatch:
            urls[key] = ""
    return urls


_kept_urls = functools.lru_cache(maxsize=16)(lambda urlconf, prefix: _reverse_all(urlconf))


def section_urls():
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    if settings.DEBUG:
        return _reverse_all(urlconf)
    return _kept_urls(urlconf, get_script_prefix())


def current_sections(urls, path):
    """The menu's sections the page at `path` is in: the home page itself, or each section
    whose address is part of the path (a unit's news is in "Đơn vị" and "Tin tức")."""
    current = {key for key in MENU if urls[key] and urls[key] in path}
    if path == urls["home"]:
        current.add("home")
    return frozenset(current)


def _render_menu(urls, current):
    return render_to_string("includes/site_nav.html", {"urls": urls, "current": current})


@functools.lru_cache(maxsize=64)
def _kept_menu(urlconf, prefix, current):
    return _render_menu(section_urls(), current)


@register.simple_tag(name="site_urls")
def site_urls_tag():
    return section_urls()


@register.simple_tag(takes_context=True)
def site_nav(context):
    urls = section_urls()
    request = context.get("request")
    current = current_sections(urls, getattr(request, "path", ""))
    if settings.DEBUG:
        return mark_safe(_render_menu(urls, current))  # noqa: S308 (our template's output)
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return mark_safe(_kept_menu(urlconf, get_script_prefix(), current))  # noqa: S308
