"""`reverse()` remembered: the public URLs of posts, topics, categories, events and documents.

A list page asks for some 75 object URLs (each card links its post twice, its category and its
topics), and Django's `reverse()` costs about 40 µs each here: 3 ms a page. The answer depends
only on the URLconf in force, the script prefix and the arguments, so those are the key; a change
of URLconf (tests override ROOT_URLCONF; a request may set its own) or prefix is a new key.
"""

import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse


@functools.lru_cache(maxsize=20_000)
def _reverse(root_urlconf, urlconf, prefix, viewname, kwargs):
    return reverse(viewname, urlconf=urlconf, kwargs=dict(kwargs))


def object_url(viewname, **kwargs):
    """reverse(viewname, kwargs=kwargs), remembered per URLconf and script prefix."""
    return _reverse(
        settings.ROOT_URLCONF, get_urlconf(), get_script_prefix(), viewname, tuple(kwargs.items())
    )
