"""The editors' back office in Chromium at 1280 px and 375 px: write with multi-word topics, a
library picture in the body and a cited regulation found by a loose number; submit; the
publisher sends it back from the review desk; fix, resubmit, publish; then a revision of the
live post stays invisible until approved. axe on the post form and the review desk."""

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from core.publishing import Status
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.helpers import assert_accessible, shoot
from tests.browser.pictures import photo_jpeg
from tests.browser.test_editorial import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
TITLE = "Nhân rộng mô hình “Dân vận khéo” ở xã Thanh Hà"
SUMMARY = "Xã Thanh Hà có 12 mô hình dân vận khéo."
FIXED = "Xã Thanh Hà có 21 mô hình dân vận khéo."
REVISED = "Xã Thanh Hà có 21 mô hình dân vận khéo được công nhận."


@pytest.fixture
def library(db):
    from docs_registry.tests.factories import DocumentFactory, DocumentTypeFactory
    from news.models import Picture
    from taxonomy.models import Topic

    Topic.objects.create(name="Dân vận khéo")
    picture = Picture(alt="Đại biểu tham quan mô hình ở Thanh Hà", caption="Ảnh: Ban Dân vận")
    picture.image.save("mo-hinh.jpg", ContentFile(photo_jpeg(3, size=(1400, 900))), save=False)
    picture.save()
    doc = DocumentFactory(
        number="23-QĐ/TW",
        doc_type=DocumentTypeFactory(name="Quyết định", abbreviation="QĐ"),
        title="Quy chế công tác dân vận của hệ thống chính trị",
    )
    return {"picture": picture, "document": doc}


def write_post(page):
    page.goto("/quan-tri/news/post/add/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_summary").fill(SUMMARY)
    menubar = page.locator(".prose-menubar").first
    expect(menubar).to_contain_text("Đoạn văn")  # the editor's menus in Vietnamese
    expect(menubar).not_to_contain_text("Paragraph")
    # Its buttons' tooltips and names too; the icons keep their ligatures ("undo" is an icon).
    expect(menubar.get_by_role("button", name="Chữ đậm")).to_have_attribute("title", "Chữ đậm")
    expect(menubar.get_by_role("button", name="Hoàn tác")).to_have_text("undo")
    expect(menubar.locator('[title="bold"], [aria-label="undo"]')).to_have_count(0)
    page.locator(".ProseMirror:visible").first.click()
    page.keyboard.type("Ngày 12/5, xã Thanh Hà tổng kết phong trào thi đua.")
    # A picture from the library, inserted in the body.
    page.get_by_role("button", name="Chèn ảnh từ thư viện").click()
    page.locator(".body-pictures-choice").first.click()
    expect(page.locator(".ProseMirror figure img")).to_have_count(1)
    # Two multi-word topics: one picked from the suggestions, one new; Enter ends a tag.
    tags = page.locator("#id_tags")
    tags.click()
    tags.press_sequentially("dan van")
    expect(page.get_by_role("option", name="Dân vận khéo")).to_be_visible()
    tags.press("ArrowDown")
    tags.press("Enter")
    tags.press_sequentially("Chuyển đổi số")
    tags.press("Enter")
    expect(tags).to_have_value("Dân vận khéo, Chuyển đổi số, ")
    # A regulation cited by a loose number.
    search = page.locator("#id_cited_documents_search")
    search.fill("quyết định 23")
    option = page.get_by_role("option", name="Quyết định 23-QĐ/TW", exact=False)
    expect(option).to_be_visible()
    option.click()
    expect(page.locator(".document-picker-chosen input:checked")).to_have_count(1)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_write_review_send_back_publish_and_revise(page, editor, publisher, library, viewport):
    from news.models import Post

    log_in(page, editor)
    write_post(page)
    assert_accessible(page)
    shoot(page, "back-office-post-form")
    page.locator("input[name=_workflow_submit]").click()
    expect(page.locator(".messagelist")).to_be_visible()
    post = Post.objects.get(title=TITLE)
    assert post.status == Status.REVIEW
    assert sorted(t.name for t in post.tags.all()) == ["Chuyển đổi số", "Dân vận khéo"]
    page.goto(post.get_absolute_url())  # the staff preview
    expect(page.locator(".article-body figure img")).to_be_visible()

    # The publisher finds it on the review desk and sends it back with a comment.
    log_in(page, publisher)
    page.goto("/quan-tri/")
    desk = page.locator("#desk-awaiting")
    expect(desk).to_contain_text(TITLE)
    expect(desk).to_contain_text("bientap")
    assert_accessible(page)
    shoot(page, "back-office-review-desk")
    desk.get_by_role("link", name=TITLE).click()
    page.locator("#id_workflow_comment").fill("Kiểm tra lại số mô hình.")
    page.locator("input[name=_workflow_send_back]").click()
    expect(page.locator(".messagelist")).to_be_visible()

    # The editor sees it sent back with the comment, fixes it and resubmits.
    log_in(page, editor)
    page.goto("/quan-tri/")
    sent_back = page.locator("#desk-sent-back")
    expect(sent_back).to_contain_text("Kiểm tra lại số mô hình.")
    expect(sent_back).to_contain_text("Trả lại")
    sent_back.get_by_role("link", name=TITLE).click()
    page.locator("#id_summary").fill(FIXED)
    page.locator("input[name=_workflow_submit]").click()
    expect(page.locator(".messagelist")).to_be_visible()

    # The publisher publishes it.
    log_in(page, publisher)
    page.goto(f"/quan-tri/news/post/{post.pk}/change/")
    page.locator("input[name=_workflow_publish]").click()
    expect(page.locator(".messagelist")).to_be_visible()
    post.refresh_from_db()
    assert post.status == Status.PUBLISHED

    # The public page: the picture with renditions, the topics, the cited regulation.
    page.context.clear_cookies()
    page.goto(post.get_absolute_url())
    picture = page.locator(".article-body figure img")
    expect(picture).to_have_attribute("alt", library["picture"].alt)
    expect(picture).to_have_attribute("srcset", library["picture"].srcsets()["jpg"])
    expect(page.locator(".post-tags")).to_contain_text("Dân vận khéo")
    expect(page.locator(".post-tags")).to_contain_text("Chuyển đổi số")
    related = page.locator(".related-documents")
    expect(related).to_contain_text("23-QĐ/TW")
    expect(related).to_contain_text("Quy chế công tác dân vận")
    expect(page.locator(".post-summary")).to_contain_text(FIXED)
    shoot(page, "back-office-published-post")

    # The editor proposes a change to the live post; the public sees no change until approval.
    log_in(page, editor)
    page.goto(f"/quan-tri/news/post/{post.pk}/change/")
    page.locator("input[name=_workflow_revise]").click()
    expect(page.locator(".revision-controls")).to_contain_text("bản sửa")
    page.locator("#id_summary").fill(REVISED)
    page.locator("input[name=_workflow_submit]").click()
    expect(page.locator(".messagelist")).to_be_visible()
    revision = Post.objects.get(revision_of=post)
    page.context.clear_cookies()
    page.goto(post.get_absolute_url())
    expect(page.locator(".post-summary")).to_contain_text(FIXED)

    log_in(page, publisher)
    page.goto(f"/quan-tri/news/post/{revision.pk}/change/")
    page.locator("input[name=_workflow_publish]").click()
    expect(page.locator(".messagelist")).to_contain_text("Đã duyệt bản sửa")
    page.context.clear_cookies()
    page.goto(post.get_absolute_url())
    expect(page.locator(".post-summary")).to_contain_text(REVISED)
    assert not Post.objects.filter(pk=revision.pk).exists()
