"""A URLconf that puts news posts somewhere else, for dvsite/tests/test_links.py."""

from django.http import HttpResponse
from django.urls import include, path


def _page(request, slug):
    return HttpResponse(slug)


news_patterns = ([path("<slug:slug>/", _page, name="detail")], "news")
urlpatterns = [path("bai-viet/", include(news_patterns))]
