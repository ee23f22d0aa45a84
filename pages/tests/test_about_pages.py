"""The about pages: reached from every page, maintained in the admin, sanitised, 404 when hidden."""

import pytest

from pages.models import AboutPage, Leader


@pytest.mark.django_db
def test_about_pages_are_reached_from_navigation_and_footer(client):
    html = client.get("/").content.decode()
    assert html.count('href="/gioi-thieu/"') >= 2  # header navigation and footer
    assert 'href="/en/"' in html
    index = client.get("/gioi-thieu/").content.decode()
    assert "Chức năng, nhiệm vụ" in index and "Cơ cấu tổ chức" in index
    page = client.get("/gioi-thieu/chuc-nang-nhiem-vu/")
    assert page.status_code == 200
    assert "tham mưu, giúp việc" in page.content.decode()


@pytest.mark.django_db
def test_leaders_and_contacts_come_from_the_admin_and_settings(client, settings):
    Leader.objects.create(name="Nguyễn Thị A", position_title="Trưởng Ban", phone="0226 111 222")
    Leader.objects.create(name="Trần Văn B", position_title="Phó Trưởng Ban", is_current=False)
    html = client.get("/gioi-thieu/lanh-dao/").content.decode()
    assert "Nguyễn Thị A" in html and "Trưởng Ban" in html
    assert "Trần Văn B" not in html
    contact = client.get("/gioi-thieu/lien-he/").content.decode()
    assert settings.SITE_INFO["address"] in contact
    assert "0226 111 222" in contact


@pytest.mark.django_db
def test_english_page_is_marked_english(client):
    html = client.get("/en/").content.decode()
    assert '<article class="article" lang="en">' in html
    assert "About the Commission" in html


@pytest.mark.django_db
def test_hidden_or_unknown_about_pages_are_404(client):
    AboutPage.objects.filter(slug="co-cau-to-chuc").update(is_published=False)
    assert client.get("/gioi-thieu/co-cau-to-chuc/").status_code == 404
    assert client.get("/gioi-thieu/khong-co/").status_code == 404
    AboutPage.objects.filter(language="en").delete()
    assert client.get("/en/").status_code == 404


@pytest.mark.django_db
def test_about_page_body_is_sanitised(client, superuser):
    page = AboutPage.objects.create(
        title="Trang thử", body='<p onclick="x()">Nội dung</p><script>alert(1)</script>'
    )
    html = client.get(page.get_absolute_url()).content.decode()
    assert "<p>Nội dung</p>" in html
    assert "alert(1)" not in html and "onclick" not in html
