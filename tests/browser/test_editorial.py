"""The editorial workflow in the admin, in Chromium: write, submit, publish, and a refusal."""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from core.publishing import Status
from tests.browser.helpers import shoot
from tests.browser.pictures import photo_jpeg

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PASSWORD = "mật-khẩu-thử-nghiệm"  # the root conftest's users
TITLE = "Tuyên truyền phong trào “Dân vận khéo” ở xã Thanh Hà"


def log_in(page, user):
    """The real admin login form (django-axes is switched off in the test settings)."""
    page.context.clear_cookies()
    page.goto("/quan-tri/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    expect(page.locator("#user-tools")).to_be_visible()


def jpeg_upload(tmp_path):
    path = tmp_path / "anh-hoi-nghi.jpg"
    path.write_bytes(photo_jpeg(7, size=(1400, 900)))
    with Image.open(io.BytesIO(path.read_bytes())) as image:
        assert image.format == "JPEG"
    return path


def test_editor_writes_publisher_publishes_and_the_public_reads(page, editor, publisher, tmp_path):
    from news.models import Post

    # The editor writes a post with a picture in the rich-text editor and submits it.
    log_in(page, editor)
    page.goto("/quan-tri/news/post/add/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_summary").fill("Xã Thanh Hà nhân rộng các mô hình dân vận khéo.")
    body = page.locator(".ProseMirror:visible").first
    body.click()
    page.keyboard.type("Ngày 12/5, Ban Dân vận Tỉnh ủy phối hợp với xã Thanh Hà tổ chức hội nghị.")
    page.locator("#id_image").set_input_files(jpeg_upload(tmp_path))
    page.locator("#id_image_alt").fill("Đại biểu dự hội nghị tại xã Thanh Hà")
    shoot(page, "admin-editor-writes")
    page.get_by_role("button", name="Lưu và gửi duyệt").or_(
        page.locator("input[name=_workflow_submit]")
    ).first.click()
    expect(page.locator(".messagelist")).to_be_visible()
    post = Post.objects.get(title=TITLE)
    assert post.status == Status.REVIEW
    assert post.image and "Thanh Hà" in post.body
    page.goto(post.get_absolute_url())
    assert page.locator("h1").inner_text() == TITLE  # staff preview
    expect(page.locator(".notice")).to_contain_text("Bản xem trước")

    # Not public yet.
    page.context.clear_cookies()
    assert page.goto(post.get_absolute_url()).status == 404

    # The publisher publishes it.
    log_in(page, publisher)
    page.goto(f"/quan-tri/news/post/{post.pk}/change/")
    publish = page.locator("input[name=_workflow_publish]")
    expect(publish).to_be_visible()
    shoot(page, "admin-publisher-reviews")
    publish.click()
    expect(page.locator(".messagelist")).to_be_visible()
    post.refresh_from_db()
    assert post.status == Status.PUBLISHED

    # The public site shows it: on the home page, and the article with its picture.
    page.context.clear_cookies()
    page.goto("/")
    expect(page.locator(".lead-story")).to_contain_text(TITLE)
    page.get_by_role("link", name=TITLE).first.click()
    expect(page.locator("h1")).to_have_text(TITLE)
    picture = page.locator(".post-figure img")
    expect(picture).to_have_attribute("alt", "Đại biểu dự hội nghị tại xã Thanh Hà")
    assert picture.evaluate("img => img.complete && img.naturalWidth > 0")
    shoot(page, "post-published")


def test_an_editor_who_tries_to_publish_is_refused(page, editor):
    from news.models import Post
    from news.tests.factories import PostFactory

    draft = PostFactory(title="Bản nháp của biên tập viên", created_by=editor)
    log_in(page, editor)
    page.goto(f"/quan-tri/news/post/{draft.pk}/change/")
    expect(page.locator("input[name=_workflow_submit]")).to_be_visible()
    expect(page.locator("input[name=_workflow_publish]")).to_have_count(0)
    # The button is not offered; a hand-made one is refused by the server.
    page.evaluate(
        """() => {
          const button = document.createElement('input');
          button.type = 'submit'; button.name = '_workflow_publish'; button.value = 'Xuất bản';
          button.id = 'forged-publish';
          document.querySelector('#post_form').appendChild(button);
        }"""
    )
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.locator("#forged-publish").click()
    assert answer.value.status == 403
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert not Post.objects.published().filter(pk=draft.pk).exists()
    page.context.clear_cookies()
    assert page.goto(draft.get_absolute_url()).status == 404
