"""Featuring a post ("Tin nổi bật", the home page's lead story) is the publisher's choice: an
editor sees it read-only and cannot set it by a crafted form."""

import re

import pytest

from news.models import Post
from news.tests.factories import PostFactory
from news.tests.test_admin import add_url, change_url, form_data, login

pytestmark = pytest.mark.django_db


def has_checkbox(html):
    return bool(re.search(r'<input[^>]+name="is_featured"', html))


def test_the_featured_box_is_a_publishers_control(client, editor, publisher):
    draft = PostFactory(created_by=editor)
    editor_page = login(client, editor).get(change_url(draft)).content.decode()
    assert not has_checkbox(editor_page)
    assert "Tin nổi bật" in editor_page  # shown, read-only
    assert not has_checkbox(client.get(add_url()).content.decode())
    publisher_page = login(client, publisher).get(change_url(draft)).content.decode()
    assert has_checkbox(publisher_page)
    response = client.post(change_url(draft), form_data(draft, is_featured="on"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.is_featured


def test_an_editor_cannot_feature_a_draft_by_a_crafted_form(client, editor):
    login(client, editor)
    response = client.post(add_url(), form_data(is_featured="on"))
    assert response.status_code == 403
    assert not Post.objects.exists()
    draft = PostFactory(created_by=editor, title="Bản cũ")
    response = client.post(change_url(draft), form_data(draft, title="Bản mới", is_featured="on"))
    assert response.status_code == 403
    draft.refresh_from_db()
    assert (draft.is_featured, draft.title) == (False, "Bản cũ")


def test_an_editors_save_keeps_the_publishers_choice(client, editor, publisher):
    draft = PostFactory(created_by=editor, is_featured=True)
    response = login(client, editor).post(change_url(draft), form_data(draft, title="Bản mới"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.is_featured, draft.title) == (True, "Bản mới")
