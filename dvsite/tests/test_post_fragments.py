"""A post's own parts (its body, topics, boxes, social tags) kept per version of the post and
generation of what they show (templates/news/post_detail.html, core/templatetags/fragments.py):
a second reader of a post runs only the post's query; every edit, publication,
unpublication and new citation shows at once; a preview or anyone signed in neither reads nor
fills them."""

import pytest

from docs_registry.tests.factories import DocumentFactory
from news.models import Post
from news.tests.factories import PostFactory
from news.tests.test_admin import change_url, form_data, login

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64)"


def _get(client, post):
    return client.get(post.get_absolute_url(), HTTP_USER_AGENT=BROWSER)


def _html(client, post):
    response = _get(client, post)
    assert response.status_code == 200
    assert response.get("X-Page-Cache") is None  # the page itself is rendered every time
    return response.content.decode()


def test_a_second_reader_of_a_post_reuses_its_parts(
    client, fragment_caching, django_assert_num_queries
):
    post = PostFactory(published=True, body="<p>Nội dung bài viết về dân vận khéo.</p>")
    _html(client, post)
    client.cookies.clear()  # another reader
    # the post's row only: its tags, models box and citing documents are not read again (and
    # the view is counted in the cache, core/view_counts.py)
    with django_assert_num_queries(1):
        second = _html(client, post)
    assert "Nội dung bài viết về dân vận khéo." in second
    assert post.title in second


def test_an_edit_of_a_post_shows_at_once(client, fragment_caching):
    post = PostFactory(published=True, title="Tiêu đề cũ", body="<p>Đoạn văn cũ.</p>")
    assert "Đoạn văn cũ." in _html(client, post)
    post.title, post.body = "Tiêu đề mới", "<p>Đoạn văn mới.</p>"
    post.save()
    html = _html(client, post)
    assert "Đoạn văn mới." in html and "Đoạn văn cũ." not in html
    assert "Tiêu đề mới" in html.split("</head>")[0] and "Tiêu đề cũ" not in html


def test_unpublishing_and_publishing_again_show_at_once(client, fragment_caching, publisher):
    post = PostFactory(published=True, body="<p>Bản đầu tiên.</p>")
    assert "Bản đầu tiên." in _html(client, post)
    post.unpublish(publisher)
    assert _get(client, post).status_code == 404
    post.refresh_from_db()
    post.body = "<p>Bản đã sửa lại.</p>"
    post.save()
    post.publish(publisher)
    html = _html(client, post)
    assert "Bản đã sửa lại." in html and "Bản đầu tiên." not in html


def test_a_document_citing_a_post_shows_at_once(client, fragment_caching):
    post = PostFactory(published=True)
    assert "Văn bản liên quan" not in _html(client, post)
    document = DocumentFactory(title="Quy chế dân chủ ở cơ sở")
    document.posts.add(post)
    html = _html(client, post)
    assert "Văn bản liên quan" in html and "Quy chế dân chủ ở cơ sở" in html


def test_the_view_count_is_not_kept_with_the_post(client, fragment_caching):
    post = PostFactory(published=True)
    _html(client, post)
    Post.objects.filter(pk=post.pk).update(view_count=1234)  # a flushed batch: no signal
    assert "1234 lượt xem" in _html(client, post)


def test_someone_signed_in_neither_reads_nor_fills_the_public_parts(
    client, fragment_caching, publisher
):
    post = PostFactory(published=True, body="<p>Bản công khai.</p>")
    assert "Bản công khai." in _html(client, post)
    # A change that ends no generation (no signal): the public keeps its kept parts, while
    # who is signed in renders the post anew, and what they render is not kept for the public.
    Post.objects.filter(pk=post.pk).update(body="<p>Bản chưa ai thấy.</p>")
    login(client, publisher)
    assert "Bản chưa ai thấy." in _html(client, post)
    client.logout()
    assert "Bản công khai." in _html(client, post)


def test_a_preview_of_an_edit_is_never_kept_for_the_public(client, fragment_caching, superuser):
    post = PostFactory(published=True, title="Bài công khai", body="<p>Bản công khai.</p>")
    login(client, superuser)
    preview = client.post(
        change_url(post), form_data(post, body="<p>Bản đang sửa.</p>", _preview="1")
    )
    assert "Bản đang sửa." in preview.content.decode()
    client.logout()
    html = _html(client, post)
    assert "Bản công khai." in html and "Bản đang sửa." not in html
    # and the public's kept parts are not what a preview shows
    login(client, superuser)
    preview = client.post(
        change_url(post), form_data(post, body="<p>Bản sửa lần hai.</p>", _preview="1")
    )
    assert "Bản sửa lần hai." in preview.content.decode()
