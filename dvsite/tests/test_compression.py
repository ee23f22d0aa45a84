"""HTML is compressed by the site itself where no nginx stands in front; static files are
WhiteNoise's (pre-compressed), never compressed twice."""

import gzip

import pytest

pytestmark = pytest.mark.django_db


def test_pages_are_gzipped_for_clients_that_accept_it(client):
    plain = client.get("/tin-tuc/")
    assert "Content-Encoding" not in plain
    response = client.get("/tin-tuc/", headers={"accept-encoding": "gzip, deflate, br"})
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    body = gzip.decompress(response.content).decode()
    assert "<title>" in body and len(response.content) < len(plain.content) / 2


def test_a_cached_page_is_gzipped_too(client, page_caching):
    client.get("/tin-tuc/")
    response = client.get("/tin-tuc/", headers={"accept-encoding": "gzip"})
    assert response["X-Page-Cache"] == "hit"
    assert response["Content-Encoding"] == "gzip"
    assert b"</html>" in gzip.decompress(response.content)
