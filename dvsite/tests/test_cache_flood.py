"""Finding 2: every unknown query string stored a whole page for 300 s, so `?utm_x=<unique>`
filled the cache. Only the parameters a page reads make a new entry now (dvsite/cache_params.py)."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from docs_registry.tests.factories import DocumentFactory, DocumentTypeFactory
from dvsite import cache as page_cache
from news.tests.factories import PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored(monkeypatch):
    """The keys of the pages the middleware stores."""
    keys = []

    class Spy:
        def __getattr__(self, name):
            return getattr(cache, name)

        def set(self, key, *args, **kwargs):
            if key.startswith("pages:") and not key.startswith(page_cache.STATE_KEY):
                keys.append(key)
            return cache.set(key, *args, **kwargs)

    monkeypatch.setattr(page_cache, "cache", Spy())
    return keys


def test_unique_tracking_parameters_share_one_entry(client, page_caching, stored):
    PostFactory(published=True, title="Bài được chia sẻ rộng")
    states = []
    for n in range(100):
        response = client.get(f"/tin-tuc/?utm_x={n}&fbclid=abc{n}&utm_source=zalo&zarsrc={n}")
        assert response.status_code == 200
        states.append(response["X-Page-Cache"])
    assert len(set(stored)) <= 1
    assert states[0] == "miss" and set(states[1:]) == {"hit"}
    # The page without any parameter is that same entry.
    assert client.get("/tin-tuc/")["X-Page-Cache"] == "hit"


def test_tracking_parameters_never_reach_the_page(client, page_caching):
    DocumentFactory(title="Văn bản công khai")
    page = client.get(reverse("docs_registry:list") + "?utm_campaign=quang-cao-la").content
    assert b"quang-cao-la" not in page


def test_unknown_parameters_are_answered_but_never_stored(client, page_caching, stored):
    PostFactory(published=True)
    for n in range(50):
        response = client.get(f"/tin-tuc/?x{n}={n}")
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
        search = client.get(f"/tim-kiem/?q=dan&page=trang-{n}")  # get_page() answers any page
        assert search.status_code == 200 and "X-Page-Cache" not in search
    assert stored == []


def test_real_parameters_get_their_own_entry_and_the_right_content(client, page_caching, stored):
    for n in range(25):
        PostFactory(published=True, title=f"Tin số {n:02d} về dân vận")
    first = client.get("/tin-tuc/")
    second = client.get("/tin-tuc/?page=2&utm_source=facebook")
    assert second["X-Page-Cache"] == "miss"
    assert first.content != second.content
    assert client.get("/tin-tuc/?page=2")["X-Page-Cache"] == "hit"
    assert client.get("/tin-tuc/?page=2").content == second.content
    assert len(set(stored)) == 2

    kind_a = DocumentTypeFactory(name="Chỉ thị", abbreviation="CT")
    kind_b = DocumentTypeFactory(name="Kết luận", abbreviation="KL")
    DocumentFactory(title="Chỉ thị về dân vận", doc_type=kind_a)
    DocumentFactory(title="Kết luận về mặt trận", doc_type=kind_b)
    registry = reverse("docs_registry:list")
    a = client.get(f"{registry}?type=chi-thi").content.decode()
    b = client.get(f"{registry}?type=ket-luan&fbclid=x").content.decode()
    assert "Chỉ thị về dân vận" in a and "Kết luận về mặt trận" not in a
    assert "Kết luận về mặt trận" in b and "Chỉ thị về dân vận" not in b
    hit = client.get(f"{registry}?fbclid=y&type=ket-luan")
    assert hit["X-Page-Cache"] == "hit" and hit.content.decode() == b
    # Parameters in another order are the same page.
    client.get(f"{registry}?type=chi-thi&sort=moi")
    assert client.get(f"{registry}?sort=moi&type=chi-thi")["X-Page-Cache"] == "hit"
