"""The public URL patterns, read from the URLconf, and concrete values for their parameters."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

# Namespaces and route names that are not public pages.
PRIVATE_NAMESPACES = {"admin"}
PRIVATE_ROUTES = {"media"}

_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass(frozen=True)
class PublicRoute:
    name: str  # "news:detail"
    route: str  # "tin-tuc/<slug:slug>/"

    @property
    def parameters(self):
        """[(converter, name), …] in path order; the converter defaults to "str"."""
        return [(m["converter"] or "str", m["name"]) for m in _PARAMETER.finditer(self.route)]

    def path(self, values):
        """The path with each parameter replaced by `values[name]` (already URL-safe text)."""
        return "/" + _PARAMETER.sub(lambda m: str(values[m["name"]]), self.route)


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if entry.namespace in PRIVATE_NAMESPACES or route == settings.ADMIN_URL:
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, route, inner)
        elif (
            isinstance(entry, URLPattern)
            and entry.name
            and entry.name not in PRIVATE_ROUTES
            and not route.startswith(settings.ADMIN_URL)  # the admin's own pages (2FA)
        ):
            yield PublicRoute(f"{namespace}{entry.name}", route)


def public_routes():
    """Every named public route of the URLconf (the admin and media left out)."""
    return sorted(set(_walk(get_resolver().url_patterns)), key=lambda r: r.name)
