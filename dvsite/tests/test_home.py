import datetime

import pytest
from django.utils import timezone

from core.publishing import Status
from docs_registry.tests.factories import DocumentFactory
from events.tests.factories import EventFactory
from news.models import Post
from news.tests.factories import PostFactory


def fill(n):
    for i in range(n):
        post = PostFactory(
            published=True, is_featured=(i == 0), tags=["Dân vận khéo", f"Chủ đề {i % 3}"]
        )
        post.view_count = i
        post.save(update_fields=["view_count"])
        EventFactory()
        DocumentFactory()


@pytest.mark.django_db
@pytest.mark.parametrize("n", [5, 50])
def test_home_page_runs_a_constant_number_of_queries(client, django_assert_num_queries, n):
    fill(n)
    client.get("/")  # warm up anything cached per process
    # lead and latest, "Xem nhiều nhất", trending topics, upcoming events, newest documents
    with django_assert_num_queries(6):
        response = client.get("/")
    assert response.status_code == 200


@pytest.mark.django_db
def test_home_page_shows_every_section_with_public_items_only(client):
    lead = PostFactory(
        published=True, is_featured=True, title="Tin nổi bật về Dân vận khéo", tags=["Dân vận khéo"]
    )
    latest = PostFactory(published=True, title="Tin mới nhất trong tỉnh")
    PostFactory(title="Bản nháp chưa duyệt")
    PostFactory(
        title="Tin hẹn giờ ngày mai",
        status=Status.PUBLISHED,
        publish_at=timezone.now() + datetime.timedelta(days=1),
    )
    event = EventFactory(title="Hội nghị sắp tới")
    past = EventFactory(
        title="Hội nghị đã qua",
        start_date=timezone.localdate() - datetime.timedelta(days=30),
        end_date=timezone.localdate() - datetime.timedelta(days=30),
    )
    document = DocumentFactory(title="Quy chế công tác dân vận")
    DocumentFactory(title="Văn bản mật", is_internal=True)

    html = client.get("/").content.decode()

    for shown in (lead.title, latest.title, event.title, document.title, "Dân vận khéo"):
        assert shown in html
    for hidden in ("Bản nháp chưa duyệt", "Tin hẹn giờ ngày mai", past.title, "Văn bản mật"):
        assert hidden not in html
    assert html.index(lead.title) < html.index(latest.title)  # the featured story leads
    assert "Xem nhiều nhất" in html


@pytest.mark.django_db
def test_topic_entry_points_link_to_their_tag_pages(client):
    PostFactory(published=True, tags=["Quy chế dân chủ"])
    html = client.get("/").content.decode()
    assert 'href="/chu-de/quy-che-dan-chu/"' in html
    assert client.get("/chu-de/quy-che-dan-chu/").status_code == 200


@pytest.mark.django_db
def test_an_older_featured_story_still_leads_above_the_newest_posts(client):
    now = timezone.now()
    pinned = PostFactory(
        title="Tin ghim: Đại hội đại biểu Mặt trận Tổ quốc tỉnh",
        status=Status.PUBLISHED,
        publish_at=now - datetime.timedelta(days=10),
        is_featured=True,
    )
    newest = [
        PostFactory(
            title=f"Tin trong ngày số {n}",
            status=Status.PUBLISHED,
            publish_at=now - datetime.timedelta(hours=n + 1),
        )
        for n in range(10)
    ]

    response = client.get("/")

    assert response.context["lead"] == pinned
    assert response.context["latest"] == newest[:7]
    html = response.content.decode()
    assert html.index(pinned.title) < html.index(newest[0].title)


@pytest.mark.django_db
def test_most_read_on_the_home_page_are_the_most_viewed_of_all_posts(client):
    now = timezone.now()
    posts = []
    for n in range(15):
        post = PostFactory(
            title=f"Bài số {n}",
            status=Status.PUBLISHED,
            publish_at=now - datetime.timedelta(days=n),
        )
        post.view_count = {14: 900, 12: 800, 3: 700}.get(n, n)  # old posts among the most read
        post.save(update_fields=["view_count"])
        posts.append(post)
    draft = PostFactory(title="Bản nháp được xem nhiều")
    draft.view_count = 10_000
    draft.save(update_fields=["view_count"])

    most_read = client.get("/").context["most_read"]

    assert [post.title for post in most_read] == [
        "Bài số 14",
        "Bài số 12",
        "Bài số 3",
        "Bài số 13",
        "Bài số 11",
    ]
    assert list(most_read) == list(Post.objects.most_read())
