"""Reading aids: A− / A / A+ text size and a high-contrast switch, remembered per browser.

The choice lives in one cookie (`hien_thi`, e.g. "lon-cao") that the server reads, so the page
arrives with its classes on <html> and the first paint is right with or without JavaScript.
The buttons are a plain GET form sent here (a redirect back to the page), which site.js turns
into an instant switch that writes the same cookie. A GET, like a language link: the choice is
no personal data and changes nothing stored, and a POST would need a CSRF token in every page,
which would make every page uncacheable. The anonymous page cache keys each page by the choice
(`cache_variant`: at most six variants, anything unknown is the default), so a cached page never
carries someone else's choice. Without a choice in the query, the address is a page of its own
with the same buttons.
"""

import dataclasses

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_safe

COOKIE = "hien_thi"
COOKIE_MAX_AGE = 365 * 24 * 3600
# value in the cookie and the form -> (label, class on <html>)
SIZES = {"nho": ("A−", "text-small"), "vua": ("A", ""), "lon": ("A+", "text-large")}
SIZE_NAMES = {"nho": "Chữ nhỏ", "vua": "Chữ cỡ thường", "lon": "Chữ lớn"}
CONTRASTS = {"thuong": "", "cao": "contrast-high"}
DEFAULT_SIZE, DEFAULT_CONTRAST = "vua", "thuong"


@dataclasses.dataclass(frozen=True)
class ReadingAids:
    size: str = DEFAULT_SIZE
    contrast: str = DEFAULT_CONTRAST

    @classmethod
    def parse(cls, value):
        """The choice a cookie value names; the default for anything else."""
        size, _, contrast = (value or "").partition("-")
        if size in SIZES and contrast in CONTRASTS:
            return cls(size, contrast)
        return cls()

    @property
    def value(self):
        return f"{self.size}-{self.contrast}"

    @property
    def is_default(self):
        return self == ReadingAids()

    @property
    def classes(self):
        return " ".join(c for c in (SIZES[self.size][1], CONTRASTS[self.contrast]) if c)

    @property
    def high_contrast(self):
        return self.contrast == "cao"

    def sizes(self):
        """(value, label, accessible name, is current) for the buttons."""
        return [(key, SIZES[key][0], SIZE_NAMES[key], key == self.size) for key in SIZES]

    def changed(self, data):
        """This choice with the size and/or contrast a form asks for (unknown values ignored)."""
        size = data.get("co_chu")
        contrast = data.get("tuong_phan")
        return ReadingAids(
            size if size in SIZES else self.size,
            contrast if contrast in CONTRASTS else self.contrast,
        )


def from_request(request):
    return ReadingAids.parse(request.COOKIES.get(COOKIE))


def cache_variant(request):
    """What the page cache adds to a page's key: "" for the default look."""
    aids = from_request(request)
    return "" if aids.is_default else aids.value


def context(request):
    """Context processor: `reading_aids` for base.html."""
    return {"reading_aids": from_request(request)}


def _safe_target(request, target):
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


@require_safe
def choose(request):
    """Remember the choice and go back to the page the form was on; without a choice, the
    page of the reading aids itself."""
    if "co_chu" not in request.GET and "tuong_phan" not in request.GET:
        return render(request, "reading_aids.html", {"crumbs": [("Cỡ chữ và độ tương phản", None)]})
    aids = from_request(request).changed(request.GET)
    response = HttpResponseRedirect(_safe_target(request, request.GET.get("next", "")))
    response.set_cookie(
        COOKIE,
        aids.value,
        max_age=COOKIE_MAX_AGE,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=False,  # site.js switches without a reload and writes the same cookie
    )
    return response
