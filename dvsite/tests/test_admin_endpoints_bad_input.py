"""The back office's own endpoints (topic suggestions, the document picker, the picture library,
the second-factor pages) answer odd input, unknown methods and strangers without a 500."""

import pytest
from django.urls import reverse

from core.admin_topics import suggest_url_name
from dvsite.citations_admin import SUGGEST_URL_NAME
from news.tests.test_admin import login
from taxonomy.models import Topic

ODD_QUERIES = [
    "",
    "q=",
    "q=%00",
    "q=" + "a" * 5000,
    "q=<script>alert(1)</script>",
    "q=23%2FQ%C4%90-TW",
    "q=%E2%80%AE%F0%9F%98%80",
    "q[]=x&q=y",
    "page=-1&limit=abc",
]


def endpoints():
    return [
        reverse(f"admin:{suggest_url_name(Topic)}"),
        reverse(f"admin:{SUGGEST_URL_NAME}"),
        reverse("admin:news_picture_library"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("query", ODD_QUERIES)
def test_odd_queries_get_an_answer_never_a_500(client, editor, query):
    login(client, editor)
    for url in endpoints():
        response = client.get(f"{url}?{query}")
        assert response.status_code < 500, (url, query, response.status_code)


@pytest.mark.django_db
def test_strangers_and_wrong_methods_are_refused_without_a_500(client, editor):
    for url in endpoints():
        assert client.get(url).status_code in (302, 403)  # not logged in: to the login page
    login(client, editor)
    for url in [*endpoints(), reverse("two_factor_verify"), reverse("two_factor_enrol")]:
        for method in ("put", "delete", "patch"):
            response = getattr(client, method)(url)
            assert response.status_code < 500, (url, method, response.status_code)
    for data in ({"token": ""}, {"token": "abc"}, {"token": "1" * 500}, {"token": ["1", "2"]}):
        for name in ("two_factor_verify", "two_factor_enrol"):
            response = client.post(reverse(name), data)
            assert response.status_code < 500, (name, data, response.status_code)
