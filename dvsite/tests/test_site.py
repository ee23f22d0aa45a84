import pytest
from django.db import DatabaseError


@pytest.mark.django_db
def test_home_is_vietnamese(client, settings):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert settings.SITE_INFO["name"] in html
    assert "Bỏ qua, đến nội dung chính" in html


@pytest.mark.django_db
def test_footer_shows_contact_settings(client, settings):
    settings.SITE_INFO = {**settings.SITE_INFO, "phone": "0999 111 222", "email": "lienhe@vd.vn"}
    html = client.get("/").content.decode()
    assert "0999 111 222" in html
    assert "lienhe@vd.vn" in html


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/khong-co-trang-nay/", "/tin-tuc/%00/", "/../../etc/passwd"])
def test_unknown_urls_get_the_vietnamese_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


@pytest.mark.django_db
def test_healthz_checks_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_reports_a_broken_database(client, monkeypatch):
    from dvsite import views

    class BrokenCursor:
        def __enter__(self):
            raise DatabaseError("down")

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr(views.connection, "cursor", lambda: BrokenCursor())
    response = client.get("/healthz")
    assert response.status_code == 503


def test_server_error_page_is_vietnamese_and_needs_no_database(rf):
    from dvsite.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Hệ thống đang gặp sự cố" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/", "/tim-kiem/?q=dan", "/gioi-thieu/", "/en/", "/robots.txt", "/healthz"]
)
@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_site_pages_refuse_writes_with_405(url, method):
    from django.test import Client

    response = getattr(Client(enforce_csrf_checks=False), method)(url)
    assert response.status_code == 405
