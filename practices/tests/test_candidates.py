from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from core.publishing import Status
from practices import candidates
from practices.models import Candidate, CandidateSource, CandidateStatus, Practice
from practices.tests.factories import PracticeFactory, UnitFactory
from taxonomy.units import Kind

ARTICLE = (
    "Năm 2024, xã Mộc Bắc đã xây dựng mô hình “Tuyến đường hoa tự quản” được công nhận. "
    "Phong trào thi đua “Dân vận khéo” tiếp tục lan tỏa với nhiều mô hình dân vận khéo. "
    "Hội Nông dân tỉnh duy trì mô hình dân vận khéo “Tổ hợp tác trồng rau an toàn”."
)


def test_the_rule_reads_only_what_the_text_states():
    found = candidates.find_in_text(ARTICLE)
    assert [f.name for f in found] == ["Tuyến đường hoa tự quản", "Tổ hợp tác trồng rau an toàn"]
    first, second = found
    assert first.unit_text == "xã Mộc Bắc" and first.year == 2024
    # the second sentence names no commune and no year: nothing is guessed
    assert second.unit_text == "" and second.year is None


@pytest.mark.parametrize(
    "text",
    [
        "Đẩy mạnh phong trào thi đua “Dân vận khéo” ở cơ sở.",
        "Chú trọng chọn việc để xây dựng mô hình dân vận khéo.",
        "Xây dựng mô hình “Dân vận khéo” trong toàn tỉnh.",  # the movement, not a model
        "",
    ],
)
def test_generic_mentions_give_no_candidate(text):
    assert candidates.find_in_text(text) == []


LAO = "Mô hình dân vận khéo về dạy tiếng Việt cho dân Lào ở vùng biên giới"


@pytest.mark.parametrize(
    ("headline", "name", "unit_text", "year"),
    [
        (LAO, LAO, "", None),  # as stated: no unit, no year it does not write
        ("Mô hình “Camera an ninh” ở phường Lam Hạ", "Camera an ninh", "phường Lam Hạ", None),
        ("Mô hình: Tuyến đường hoa xã Mộc Bắc năm 2024", None, "xã Mộc Bắc", 2024),
    ],
)
def test_a_headline_beginning_with_mo_hinh_names_a_model(headline, name, unit_text, year):
    found = candidates.find_in_headline(headline)
    assert found.name == (name or headline)
    assert (found.unit_text, found.year) == (unit_text, year)


@pytest.mark.parametrize(
    "headline",
    [
        "Mô hình dân vận khéo",  # the movement's models, none named
        "Mô hình “Dân vận khéo”",
        "Chú trọng chọn việc để xây dựng mô hình dân vận khéo",  # does not begin with it
        "Kết quả phong trào “Dân vận khéo” ở huyện Yên Thành",
        "",
    ],
)
def test_other_headlines_name_no_model(headline):
    assert candidates.find_in_headline(headline) is None


def test_nfd_text_and_straight_quotes():
    import unicodedata

    text = unicodedata.normalize("NFD", 'Phường Lam Hạ có mô hình "Camera an ninh" từ năm 2019.')
    (found,) = candidates.find_in_text(text)
    assert found.name == "Camera an ninh" and found.year == 2019


@pytest.fixture
def tagged_post(db):
    from news.tests.factories import PostFactory
    from taxonomy.models import Topic

    post = PostFactory(
        published=True, title="Lan tỏa phong trào Dân vận khéo", body=f"<p>{ARTICLE}</p>"
    )
    topic, _ = Topic.objects.get_or_create(slug="dan-van-kheo", defaults={"name": "Dân vận khéo"})
    post.tags.add(topic)
    return post


def test_offer_accept_publish_then_catalogue_unit_and_search(
    tagged_post, publisher, client, django_capture_on_commit_callbacks
):
    unit = UnitFactory(kind=Kind.COMMUNE, name="Mộc Bắc")
    assert candidates.offer_candidates() == 2
    assert candidates.offer_candidates() == 0  # idempotent
    candidate = Candidate.objects.get(name="Tuyến đường hoa tự quản")
    assert (candidate.unit, candidate.year, candidate.post) == (unit, 2024, tagged_post)

    practice = candidates.accept(candidate, publisher)
    assert practice.status == Status.DRAFT and practice.unit == unit
    assert list(practice.posts.all()) == [tagged_post]
    assert client.get("/mo-hinh/").context["paginator"].count == 0  # a draft until published
    practice.publish(publisher)

    assert practice.title in client.get("/mo-hinh/").content.decode()
    # a query that finds nothing reads every source's titles for a suggestion
    assert client.get(reverse("search"), {"q": "tuyen duong hao"}).status_code == 200
    found = client.get(reverse("search"), {"q": "dan van kheo tuyen duong hoa tu quan"})
    assert practice.get_absolute_url() in found.content.decode()
    assert list(Practice.objects.published().filter(Practice.unit_q([unit.pk]))) == [practice]
    assert Practice.unit_section == ("Mô hình Dân vận khéo", 6)
    # the post's page links to the model it is about
    post_page = client.get(tagged_post.get_absolute_url()).content.decode()
    assert "Bài viết này nói về mô hình Dân vận khéo" in post_page
    assert practice.get_absolute_url() in post_page


def test_merge_and_dismiss(tagged_post, editor):
    candidates.offer_candidates()
    existing = PracticeFactory(title="Tổ hợp tác rau an toàn")
    first, second = Candidate.objects.order_by("pk")
    candidates.merge(second, existing, editor)
    assert tagged_post in existing.posts.all()
    assert second.status == CandidateStatus.MERGED
    candidates.dismiss(first, editor)
    assert first.status == CandidateStatus.DISMISSED
    with pytest.raises(ValueError):
        candidates.accept(first, editor)
    # a dismissed or merged name is not offered again
    assert candidates.offer_candidates() == 0


def test_saving_a_tagged_post_offers_its_candidates(
    tagged_post, django_capture_on_commit_callbacks
):
    Candidate.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        tagged_post.save()
    assert Candidate.objects.count() == 2


def test_admin_accept_action_and_merge_by_choosing_a_model(tagged_post, publisher, client):
    candidates.offer_candidates()
    client.force_login(publisher)
    first, second = Candidate.objects.order_by("pk")
    url = reverse("admin:practices_candidate_changelist")
    response = client.post(
        url, {"action": "accept_selected", "_selected_action": [first.pk]}, follow=True
    )
    assert "Đã tạo mô hình: 1 đề xuất." in response.content.decode()
    assert Practice.objects.filter(title=first.name, status=Status.DRAFT).exists()
    target = PracticeFactory(title="Rau an toàn")
    change = reverse("admin:practices_candidate_change", args=[second.pk])
    client.post(change, {"practice": target.pk})
    second.refresh_from_db()
    assert second.status == CandidateStatus.MERGED and second.practice == target
    assert client.get(url).status_code == 200


def test_the_command(tagged_post):
    call_command("find_practice_candidates", verbosity=0)
    assert Candidate.objects.count() == 2


def test_an_editor_of_a_unit_sees_only_their_posts_candidates(tagged_post, editor, client):
    from news.tests.factories import PostFactory
    from taxonomy.models import Topic

    own, other = UnitFactory(name="Mộc Bắc"), UnitFactory(name="Lam Hạ")
    own.editors.add(editor)
    tagged_post.units.add(own)
    elsewhere = PostFactory(published=True, body="<p>Xã Lam Hạ có mô hình “Camera an ninh”.</p>")
    elsewhere.units.add(other)
    elsewhere.tags.add(Topic.objects.get(slug="dan-van-kheo"))
    candidates.offer_candidates()
    assert Candidate.objects.count() == 3
    client.force_login(editor)
    page = client.get(reverse("admin:practices_candidate_changelist")).content.decode()
    assert "Tuyến đường hoa tự quản" in page and "Camera an ninh" not in page


@pytest.fixture
def seeds_imported(db, django_capture_on_commit_callbacks):
    """`manage.py import_seeds` on a fresh database, as `make run` does."""
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_seeds", stdout=StringIO(), stderr=StringIO())


def test_seed_004_offers_the_model_its_page_listed_and_an_editor_accepts_it(
    seeds_imported, publisher, client
):
    (candidate,) = Candidate.objects.filter(name=LAO)
    assert candidate.status == CandidateStatus.NEW
    assert candidate.source == CandidateSource.LISTED
    assert (candidate.unit_text, candidate.year) == ("", None)
    post = candidate.post
    assert post.title == "Bồi dưỡng nghiệp vụ công tác dân vận năm 2020"
    assert LAO not in post.body  # the headline list is never the public body

    client.force_login(publisher)
    listing = client.get(reverse("admin:practices_candidate_changelist")).content.decode()
    assert LAO in listing and "Tiêu đề trong danh sách tin của trang gốc" in listing
    response = client.post(
        reverse("admin:practices_candidate_changelist"),
        {"action": "accept_selected", "_selected_action": [candidate.pk]},
        follow=True,
    )
    assert "Đã tạo mô hình: 1 đề xuất." in response.content.decode()
    practice = Practice.objects.get(title=LAO)
    assert list(practice.posts.all()) == []  # seed 004 is not about it
    practice.publish(publisher)

    assert LAO in client.get("/mo-hinh/").content.decode()
    found = client.get(reverse("search"), {"q": "dan van kheo day tieng viet"})
    assert practice.get_absolute_url() in found.content.decode()
    assert "Bài viết này nói về mô hình" not in client.get(post.get_absolute_url()).content.decode()


def test_a_listed_headline_merged_into_a_model_does_not_link_the_post(seeds_imported, editor):
    candidate = Candidate.objects.get(name=LAO)
    existing = PracticeFactory(title="Dạy tiếng Việt cho dân Lào")
    candidates.merge(candidate, existing, editor)
    assert candidate.status == CandidateStatus.MERGED and candidate.practice == existing
    assert list(existing.posts.all()) == []


def test_a_post_titled_mo_hinh_is_about_that_model(db):
    from news.tests.factories import PostFactory
    from taxonomy.models import Topic

    post = PostFactory(published=True, title=LAO, body="<p>Các thầy cô bộ đội biên phòng.</p>")
    topic, _ = Topic.objects.get_or_create(slug="dan-van-kheo", defaults={"name": "Dân vận khéo"})
    post.tags.add(topic)
    assert candidates.offer_candidates([post]) == 1
    candidate = Candidate.objects.get()
    assert candidate.source == CandidateSource.POST
    practice = candidates.accept(candidate, None)
    assert list(practice.posts.all()) == [post]
