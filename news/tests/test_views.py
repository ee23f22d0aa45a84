import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from core.publishing import Status
from news.tests.factories import CategoryFactory, PostFactory, uploaded_image

pytestmark = pytest.mark.django_db

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
LIST_URL = "/tin-tuc/"


def test_route_names_the_site_relies_on():
    assert reverse("news:list") == "/tin-tuc/"
    assert reverse("news:detail", kwargs={"slug": "a"}) == "/tin-tuc/a/"
    assert reverse("news:tag", kwargs={"tag_slug": "dan-van-kheo"}) == "/chu-de/dan-van-kheo/"
    assert reverse("news:category", kwargs={"slug": "b"}) == "/chuyen-muc/b/"


# -- list --------------------------------------------------------------------------------------


def test_list_shows_published_posts_newest_first_and_nothing_else(client):
    now = timezone.now()
    PostFactory(title="Tin cũ", published=True, publish_at=now - datetime.timedelta(days=2))
    PostFactory(title="Tin mới", published=True, publish_at=now - datetime.timedelta(hours=1))
    PostFactory(title="Bản nháp bí mật")
    PostFactory(
        title="Tin hẹn giờ", status=Status.PUBLISHED, publish_at=now + datetime.timedelta(minutes=1)
    )
    PostFactory(title="Tin chờ duyệt", status=Status.REVIEW)
    html = client.get(LIST_URL).content.decode()
    assert html.index("Tin mới") < html.index("Tin cũ")
    for hidden in ("Bản nháp bí mật", "Tin hẹn giờ", "Tin chờ duyệt"):
        assert hidden not in html


def test_list_is_paginated_and_bad_pages_are_404(client):
    PostFactory.create_batch(13, published=True)
    first = client.get(LIST_URL)
    assert len(first.context["posts"]) == 12
    assert 'href="?page=2"' in first.content.decode()
    assert len(client.get(LIST_URL, {"page": 2}).context["posts"]) == 1
    assert client.get(LIST_URL, {"page": "last"}).status_code == 200
    for page in ("999", "0", "-1", "abc", "2.5", "1e3", ""):
        status = client.get(LIST_URL, {"page": page}).status_code
        assert status in (200, 404) and (page == "" or status == 404), page


def test_odd_query_strings_and_methods_never_500(client):
    PostFactory(published=True)
    assert client.get(LIST_URL + "?page=1&page=2&x=%00&%ff=1").status_code in (200, 404)
    assert client.post(LIST_URL).status_code == 405
    assert client.get("/tin-tuc/khong-ton-tai/").status_code == 404
    assert client.get("/chu-de/khong-ton-tai/").status_code == 404
    assert client.get("/chuyen-muc/khong-ton-tai/").status_code == 404
    assert client.get("/tin-tuc/%C4%91ang/").status_code == 404


def test_category_and_tag_pages(client):
    cat = CategoryFactory(name="Quy chế dân chủ ở cơ sở")
    PostFactory(title="Tin trong chuyên mục", category=cat, published=True, tags=["Dân vận khéo"])
    PostFactory(title="Tin nháp cùng chuyên mục", category=cat, tags=["Dân vận khéo"])
    PostFactory(title="Tin chuyên mục khác", published=True)
    response = client.get(cat.get_absolute_url())
    assert cat.get_absolute_url() == "/chuyen-muc/quy-che-dan-chu-o-co-so/"
    assert [p.title for p in response.context["posts"]] == ["Tin trong chuyên mục"]
    assert '<h1 class="page-title">Quy chế dân chủ ở cơ sở</h1>' in response.content.decode()
    response = client.get("/chu-de/dan-van-kheo/")
    assert "Chủ đề: Dân vận khéo" in response.content.decode()
    assert [p.title for p in response.context["posts"]] == ["Tin trong chuyên mục"]
    assert client.get(cat.get_absolute_url(), {"page": 5}).status_code == 404


# -- detail ------------------------------------------------------------------------------------


def test_detail_page_reads_like_the_old_portals(client):
    cat = CategoryFactory(name="Tin tức – Sự kiện")
    post = PostFactory(
        title="Đảng ủy Khối tập huấn công tác dân vận",
        category=cat,
        published=True,
        publish_at=datetime.datetime(2022, 10, 6, 9, 0, tzinfo=HCM),
        byline="Quỳnh Anh",
        source_name="dukcqtw.dcs.vn",
        source_url="https://dukcqtw.dcs.vn/",
        tags=["Dân vận khéo"],
    )
    PostFactory(title="Tin khác cùng chuyên mục", category=cat, published=True)
    PostFactory(title="Tin nháp cùng chuyên mục", category=cat)
    response = client.get(post.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Thứ Năm, 06/10/2022" in html
    assert "Quỳnh Anh" in html and "dukcqtw.dcs.vn" in html
    assert 'href="/chuyen-muc/tin-tuc-su-kien/"' in html
    assert 'href="/chu-de/dan-van-kheo/"' in html
    assert "Tin cùng chuyên mục" in html and "Tin khác cùng chuyên mục" in html
    assert "Tin nháp cùng chuyên mục" not in html
    assert "Xem nhiều nhất" in html
    assert 'href="mailto:?subject=' in html and "Gửi cho bạn bè" in html
    assert "no-print" in html
    assert "Bản xem trước" not in html


def test_view_count_goes_up_for_public_posts_only(client, editor):
    post = PostFactory(published=True)
    for reader in ("203.0.113.1", "203.0.113.2"):
        client.get(post.get_absolute_url(), REMOTE_ADDR=reader, HTTP_USER_AGENT="Mozilla/5.0")
    post.refresh_from_db()
    assert post.view_count == 2
    draft = PostFactory()
    client.force_login(editor, backend="django.contrib.auth.backends.ModelBackend")
    client.get(draft.get_absolute_url())
    draft.refresh_from_db()
    assert draft.view_count == 0


def test_most_read_lists_published_posts_by_views(client):
    PostFactory(title="Ít người đọc", published=True, view_count=1)
    PostFactory(title="Nhiều người đọc", published=True, view_count=4050)
    PostFactory(title="Nháp được xem nhiều", view_count=9999)
    html = client.get(LIST_URL).content.decode()
    box = html[html.index("Xem nhiều nhất") :]
    assert box.index("Nhiều người đọc") < box.index("Ít người đọc")
    assert "Nháp được xem nhiều" not in html


def test_featured_image_is_served_with_srcset(client):
    post = PostFactory(
        published=True, image=uploaded_image(size=(1600, 900)), image_alt="Lớp tập huấn"
    )
    html = client.get(post.get_absolute_url()).content.decode()
    assert 'type="image/webp"' in html
    assert "-400w.webp 400w" in html and "-1200w.jpg 1200w" in html
    assert 'sizes="' in html and 'alt="Lớp tập huấn"' in html


# -- visibility and preview --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "offset", "public"),
    [
        (Status.PUBLISHED, -datetime.timedelta(seconds=1), True),
        (Status.PUBLISHED, datetime.timedelta(minutes=1), False),
        (Status.DRAFT, -datetime.timedelta(days=1), False),
        (Status.REVIEW, None, False),
        (Status.ARCHIVED, -datetime.timedelta(days=1), False),
    ],
)
def test_visibility_grid(client, django_user_model, status, offset, public):
    at = timezone.now() + offset if offset is not None else None
    post = PostFactory(status=status, publish_at=at)
    assert client.get(post.get_absolute_url()).status_code == (200 if public else 404)
    reader = django_user_model.objects.create_user("bandoc", password="x")  # logged in, not staff
    client.force_login(reader, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(post.get_absolute_url()).status_code == (200 if public else 404)


def test_staff_preview_drafts_and_scheduled_posts_never_cached(client, editor):
    draft = PostFactory(title="Bản nháp chưa đăng")
    scheduled = PostFactory(
        status=Status.PUBLISHED, publish_at=timezone.now() + datetime.timedelta(days=1)
    )
    client.force_login(editor, backend="django.contrib.auth.backends.ModelBackend")
    for post in (draft, scheduled):
        response = client.get(post.get_absolute_url())
        assert response.status_code == 200
        assert "Bản xem trước" in response.content.decode()
        assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
        assert '<meta name="robots" content="noindex' in response.content.decode()
    assert "Bản nháp chưa đăng" not in client.get(LIST_URL).content.decode()


# -- constant queries ------------------------------------------------------------------------


def _posts(n, **kwargs):
    cat = CategoryFactory(name="Tin tức – Sự kiện")
    posts = PostFactory.create_batch(n, category=cat, published=True, **kwargs)
    for post in posts:
        post.tags.add("Dân vận khéo", "Quy chế dân chủ ở cơ sở")
    return posts


@pytest.mark.parametrize("n", [5, 50])
def test_list_queries_do_not_grow(client, n, django_assert_num_queries):
    _posts(n)
    # count, page of posts, their tags, most read
    with django_assert_num_queries(4):
        assert client.get(LIST_URL).status_code == 200


@pytest.mark.parametrize("n", [5, 50])
def test_category_and_tag_queries_do_not_grow(client, n, django_assert_num_queries):
    _posts(n)
    with django_assert_num_queries(5):  # + the category
        assert client.get("/chuyen-muc/tin-tuc-su-kien/").status_code == 200
    with django_assert_num_queries(5):  # + the topic
        assert client.get("/chu-de/dan-van-kheo/").status_code == 200


@pytest.mark.parametrize("n", [5, 50])
def test_detail_queries_do_not_grow(client, n, django_assert_num_queries):
    posts = _posts(n)
    # post with category, its tags, the view count update and today's readers (one UPSERT),
    # related, most read, the ids of the "Dân vận khéo" models the post is about (practices'
    # box) and of the documents citing it ("Văn bản liên quan"), each read by the post's links
    with django_assert_num_queries(8):
        response = client.get(posts[0].get_absolute_url(), HTTP_USER_AGENT="Mozilla/5.0")
        assert response.status_code == 200


def test_a_post_is_not_listed_among_the_most_read_on_its_own_page(client):
    top = PostFactory(title="Được đọc nhiều nhất", published=True, view_count=9000)
    others = [PostFactory(published=True, view_count=100 - n) for n in range(6)]
    on_its_page = client.get(top.get_absolute_url()).context["most_read"]
    assert top not in list(on_its_page)
    assert len(on_its_page) == 5
    assert top in list(client.get(others[0].get_absolute_url()).context["most_read"])
