"""Preview before saving: the post form's "Xem trước" renders the article page from the form as
it is now, without storing anything (a first draft included). Staff only, never cached."""

from types import SimpleNamespace

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from core import text
from core.html import sanitize_html
from news.models import Post
from taxonomy.models import Topic

PREVIEW_BUTTON = "_preview"


def unsaved_topics(names):
    """Topics for the page as written in the form: existing ones, or unsaved stand-ins."""
    known = {t.name.casefold(): t for t in Topic.objects.filter(name__in=names)}
    topics = []
    for name in names:
        topic = known.get(name.casefold()) or Topic(name=name, slug=text.slugify(name) or "chu-de")
        topics.append(SimpleNamespace(tag=topic))
    return topics


def preview_response(model_admin, request, object_id=None):
    """The article page for the submitted form, or None when the form has errors (the admin
    then shows them as usual)."""
    obj = model_admin.get_object(request, object_id) if object_id else None
    allowed = (
        model_admin.has_change_permission(request, obj)
        if obj is not None
        else model_admin.has_add_permission(request)
    )
    if not allowed:
        raise PermissionDenied
    form_class = model_admin.get_form(request, obj, change=obj is not None)
    form = form_class(request.POST, request.FILES, instance=obj or Post())
    if not form.is_valid():
        return None
    post = form.save(commit=False)  # never saved: the instance only feeds the template
    post.body = sanitize_html(post.body)
    post.slug = post.slug or text.slugify(post.title) or "xem-truoc"
    if post.image and not getattr(post.image, "_committed", True):
        post.image = None  # an upload not stored yet has no address to show
    post.prefetched_topic_links = unsaved_topics(form.cleaned_data.get("tags") or [])
    context = {
        "post": post,
        "object": post,
        "is_preview": True,
        "crumbs": [("Xem trước", None), (post.title, None)],
        "related_posts": Post.objects.related_to(post) if post.category_id else [],
        "most_read": Post.objects.most_read(),
        "share_url": "",
    }
    response = TemplateResponse(request, "news/post_detail.html", context)
    add_never_cache_headers(response)
    return response
