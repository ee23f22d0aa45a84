"""Editors scoped to their units: the visibility grid of the roles, for units.

A commune editor (or publisher) sees, changes, submits, publishes and picks only the content of
their unit and of the units that became part of it — by the admin list, a change URL, a crafted
POST, bulk actions, the pickers and the public preview alike; administrators and users who
belong to no unit see everything."""

import datetime

import pytest
from django.urls import reverse

from core.publishing import Status
from docs_registry.models import Document
from docs_registry.tests.factories import DocumentFactory
from events.models import Event
from events.tests.factories import EventFactory
from news.models import Post
from news.tests.factories import PostFactory
from news.tests.test_admin import form_data, login
from taxonomy.tests.factories import UnitFactory, merge
from taxonomy.unit_pickers import OUT_OF_SCOPE
from taxonomy.units import Kind

pytestmark = pytest.mark.django_db
JULY_1 = datetime.date(2025, 7, 1)


@pytest.fixture
def units():
    mine = UnitFactory(name="Nam Lý")
    former = UnitFactory(name="Nhân Thịnh")
    merge([former], mine, JULY_1)
    other = UnitFactory(name="Bình Lục")
    return {"mine": mine, "former": former, "other": other}


@pytest.fixture
def commune_editor(editor, units):
    units["mine"].editors.add(editor)
    return editor


@pytest.fixture
def commune_publisher(publisher, units):
    units["mine"].editors.add(publisher)
    return publisher


def post_in(unit, **kwargs):
    post = PostFactory(**kwargs)
    post.units.add(unit)
    return post


def changelist(client):
    return client.get(reverse("admin:news_post_changelist")).context["cl"].result_list


# -- seeing ---------------------------------------------------------------------------------


def test_the_list_shows_their_units_and_former_units_only(client, commune_editor, units):
    mine, old = post_in(units["mine"]), post_in(units["former"])
    other, nowhere = post_in(units["other"]), PostFactory()
    assert set(changelist(login(client, commune_editor))) == {mine, old}
    assert other not in changelist(client) and nowhere not in changelist(client)


@pytest.mark.parametrize("who", ["editor", "superuser"])
def test_users_without_units_and_administrators_see_everything(client, units, request, who):
    user = request.getfixturevalue(who)
    if who == "superuser":
        units["mine"].editors.add(user)  # an administrator's units never limit them
    posts = {post_in(units["mine"]), post_in(units["other"]), PostFactory()}
    assert set(changelist(login(client, user))) == posts


@pytest.mark.parametrize(
    ("model", "factory", "name"),
    [(Event, EventFactory, "events_event"), (Document, DocumentFactory, "docs_registry_document")],
)
def test_events_and_documents_are_scoped_too(client, commune_editor, units, model, factory, name):
    mine, other = factory(), factory()
    mine.units.add(units["mine"])
    other.units.add(units["other"])
    response = login(client, commune_editor).get(reverse(f"admin:{name}_changelist"))
    assert list(response.context["cl"].result_list) == [mine]
    assert client.get(reverse(f"admin:{name}_change", args=[other.pk])).status_code == 302


def test_a_document_issued_by_their_unit_is_theirs(client, commune_editor, units):
    issued = DocumentFactory(issuing_unit=units["mine"])
    DocumentFactory(issuing_unit=units["other"])
    response = login(client, commune_editor).get(reverse("admin:docs_registry_document_changelist"))
    assert list(response.context["cl"].result_list) == [issued]


# -- changing -------------------------------------------------------------------------------


def test_another_units_post_is_not_found_by_its_change_url(client, commune_editor, units):
    other = post_in(units["other"], title="Tin của xã khác")
    response = login(client, commune_editor).get(reverse("admin:news_post_change", args=[other.pk]))
    assert response.status_code == 302  # the admin's "không tồn tại", to the index
    assert "Tin của xã khác" not in client.get(response["Location"]).content.decode()
    history = reverse("admin:news_post_history", args=[other.pk])
    assert client.get(history).status_code == 403
    version = other.history.first().history_id
    revision = reverse("admin:news_post_simple_history", args=[other.pk, version])
    assert client.get(revision).status_code == 403


def test_a_crafted_post_to_another_units_post_changes_nothing(client, commune_editor, units):
    other = post_in(units["other"], title="Tin của xã khác")
    data = form_data(other, title="Sửa trộm", units=[units["mine"].pk])
    login(client, commune_editor).post(reverse("admin:news_post_change", args=[other.pk]), data)
    other.refresh_from_db()
    assert other.title == "Tin của xã khác"
    assert list(other.units.all()) == [units["other"]]


def test_a_new_post_needs_one_of_their_units_and_no_other(client, commune_editor, units):
    login(client, commune_editor)
    url = reverse("admin:news_post_add")
    for chosen in ([], [units["other"].pk]):
        response = client.post(url, form_data(units=chosen))
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors["units"]
        # None chosen: the field is required; another unit is no choice they have.
        assert errors == (["Trường này là bắt buộc."] if not chosen else errors)
        assert errors and OUT_OF_SCOPE not in errors
    assert not Post.objects.exists()
    response = client.post(url, form_data(units=[units["mine"].pk]))
    assert response.status_code == 302
    assert list(Post.objects.get().units.all()) == [units["mine"]]


def test_their_post_cannot_be_handed_to_another_unit(client, commune_editor, units):
    shared = post_in(units["mine"])
    shared.units.add(units["other"])
    login(client, commune_editor)
    data = form_data(shared, units=[units["other"].pk])  # keeps only the other unit
    response = client.post(reverse("admin:news_post_change", args=[shared.pk]), data)
    assert OUT_OF_SCOPE in response.content.decode()
    assert set(shared.units.all()) == {units["mine"], units["other"]}
    data = form_data(shared, units=[units["mine"].pk, units["other"].pk], title="Đã sửa")
    client.post(reverse("admin:news_post_change", args=[shared.pk]), data)
    assert Post.objects.get(pk=shared.pk).title == "Đã sửa"


# -- publishing -----------------------------------------------------------------------------


def test_bulk_actions_reach_only_their_units(client, commune_publisher, units):
    mine, other = post_in(units["mine"]), post_in(units["other"])
    login(client, commune_publisher).post(
        reverse("admin:news_post_changelist"),
        {"action": "publish_selected", "_selected_action": [mine.pk, other.pk], "index": 0},
    )
    assert list(Post.objects.published()) == [mine]


def test_the_models_refuse_another_units_item_whatever_the_view(commune_publisher, units):
    from django.core.exceptions import PermissionDenied

    other = post_in(units["other"])
    with pytest.raises(PermissionDenied):
        other.publish(commune_publisher)
    with pytest.raises(PermissionDenied):
        other.submit(commune_publisher)
    assert not other.can_edit(commune_publisher)
    assert Post.objects.get(pk=other.pk).status == Status.DRAFT


def test_a_publisher_without_units_publishes_any_units_post(client, publisher, units):
    other = post_in(units["other"])
    login(client, publisher).post(
        reverse("admin:news_post_changelist"),
        {"action": "publish_selected", "_selected_action": [other.pk], "index": 0},
    )
    assert list(Post.objects.published()) == [other]


# -- pickers and previews -------------------------------------------------------------------


def autocomplete(client, term="", model_name="post", app_label="news"):
    response = client.get(
        reverse("admin:autocomplete"),
        {"term": term, "app_label": app_label, "model_name": model_name, "field_name": "units"},
    )
    assert response.status_code == 200
    return {r["text"] for r in response.json()["results"]}


def test_the_unit_picker_offers_their_units_only(client, commune_editor, units):
    login(client, commune_editor)
    assert autocomplete(client) == {"xã Nam Lý", "xã Nhân Thịnh (cũ)"}
    assert autocomplete(client, "binh luc") == set()
    assert autocomplete(client, "nam", "event", "events") == {"xã Nam Lý"}
    units_page = client.get(reverse("admin:taxonomy_unit_changelist"))
    assert {u.name for u in units_page.context["cl"].result_list} == {"Nam Lý", "Nhân Thịnh"}


def test_the_unit_picker_offers_all_units_to_the_unscoped(client, editor, units):
    login(client, editor)
    assert autocomplete(client, "binh luc") == {"xã Bình Lục"}


def test_the_preview_of_another_units_draft_is_not_found(client, commune_editor, units):
    mine, other = post_in(units["mine"]), post_in(units["other"])
    login(client, commune_editor)
    assert client.get(mine.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404
    published = post_in(units["other"], published=True)
    assert client.get(published.get_absolute_url()).status_code == 200  # public to all


def test_the_review_desk_lists_only_their_units(client, commune_publisher, units):
    mine = post_in(units["mine"], status=Status.REVIEW, title="Tin xã mình chờ duyệt")
    post_in(units["other"], status=Status.REVIEW, title="Tin xã khác chờ duyệt")
    html = login(client, commune_publisher).get(reverse("admin:index")).content.decode()
    assert mine.title in html and "Tin xã khác chờ duyệt" not in html


def test_only_administrators_change_units(client, commune_editor, superuser, units):
    login(client, commune_editor)
    assert client.get(reverse("admin:taxonomy_unit_add")).status_code == 403
    change = reverse("admin:taxonomy_unit_change", args=[units["mine"].pk])
    client.post(change, {"kind": Kind.WARD, "name": "Đổi tên"})
    units["mine"].refresh_from_db()
    assert units["mine"].name == "Nam Lý"
    login(client, superuser)
    assert client.get(reverse("admin:taxonomy_unit_add")).status_code == 200


def test_the_admin_lists_filter_by_unit_offering_only_their_units(client, commune_editor, units):
    mine, old = post_in(units["mine"]), post_in(units["former"])
    post_in(units["other"])
    login(client, commune_editor)
    url = reverse("admin:news_post_changelist")
    response = client.get(url, {"units__id__exact": units["former"].pk})
    assert list(response.context["cl"].result_list) == [old]
    html = client.get(url).content.decode()
    assert "xã Nam Lý" in html and "xã Bình Lục" not in html
    assert mine in changelist(client)
