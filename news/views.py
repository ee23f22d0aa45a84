"""Public news pages. What the public sees is `Post.objects.published()`, nothing else."""

import mimetypes
import posixpath

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView

from core import fragments
from core.preview import PreviewableDetailMixin
from core.uploads import PRIVATE_PREFIX, protected_file_response
from core.view_counts import count_view, count_view_on_hit
from news import lead_image
from news.counting import bounded_count, counted_bound, requested_page
from news.models import Category, Post
from news.readership import most_read
from taxonomy.models import Topic
from taxonomy.unit_filter import requested_unit, unit_q

PAGE_SIZE = 12
RELATED = 6


def related_posts(post, limit=RELATED):
    """ "Tin cùng chuyên mục": the newest posts of the post's category but itself. The category's
    newest are kept per content generation, shared by every post of the category."""
    if post.category_id is None:
        return []
    # related_to() of a stand-in without a pk: the newest of the category, none excluded.
    newest = fragments.cached(
        f"news:category-newest:{post.category_id}",
        lambda: list(Post.objects.related_to(Post(category_id=post.category_id), limit + 1)),
        kinds={"news"},
    )
    return [item for item in newest if item.pk != post.pk][:limit]


class PostListView(ListView):
    template_name = "news/post_list.html"
    context_object_name = "posts"
    paginate_by = PAGE_SIZE
    heading = "Tin tức"

    unit = None

    def get_queryset(self):
        posts = Post.objects.published().for_listing()
        self.unit = requested_unit(self.request)  # ?don_vi=<slug>: a unit's news
        return posts if self.unit is None else posts.filter(unit_q(Post, self.unit))

    def count_key(self):
        """Which list this is, for its post count kept per content generation."""
        return "all"

    def get_paginator(self, queryset, *args, **kwargs):
        paginator = super().get_paginator(queryset, *args, **kwargs)
        # Counting every public post (of a topic) was the costliest query of a list page: the
        # count is kept per content generation and stops at the end of the reader's block of
        # pages (news/counting.py), so the first render after a publication costs the same at
        # any size.
        bound = counted_bound(requested_page(self.request.GET.get("page")), self.paginate_by)
        key = self.count_key() + (f":unit:{self.unit.pk}" if self.unit else "") + f":{bound}"
        count = fragments.cached(
            f"news:count:{key}", lambda: bounded_count(queryset, bound), kinds={"news"}
        )
        paginator.count = count
        paginator.more_than = bound // self.paginate_by if count > bound else None
        return paginator

    def get_crumbs(self):
        return [(self.heading, None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.unit is not None:
            self.heading = f"{self.heading} – {self.unit.label}"
        context["unit"] = self.unit
        context["heading"] = self.heading
        context["crumbs"] = self.get_crumbs()
        context["most_read"] = most_read()
        return context


class CategoryPostListView(PostListView):
    def get_queryset(self):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        self.heading = self.category.name
        return super().get_queryset().filter(category=self.category)

    def count_key(self):
        return f"category:{self.category.pk}"

    def get_crumbs(self):
        return [("Tin tức", reverse("news:list")), (self.heading, None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["category"] = self.category
        context["description"] = self.category.description
        return context


class TopicPostListView(PostListView):
    def get_queryset(self):
        self.topic = get_object_or_404(Topic, slug=self.kwargs["tag_slug"])
        self.heading = f"Chủ đề: {self.topic.name}"
        return super().get_queryset().filter(tags=self.topic)

    def get_paginator(self, queryset, *args, **kwargs):
        paginator = super().get_paginator(queryset, *args, **kwargs)
        # A topic tagging public posts is public; only without any is the full rule asked
        # (events, documents): building that query costs 2 ms, more than running it.
        if paginator.count == 0 and not self.topic.is_public():
            raise Http404("Chủ đề chưa có nội dung công khai.")
        return paginator

    def count_key(self):
        return f"topic:{self.topic.pk}"

    def get_crumbs(self):
        return [("Tin tức", reverse("news:list")), (self.heading, None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["topic"] = self.topic
        return context


class PostDetailView(PreviewableDetailMixin, DetailView):
    template_name = "news/post_detail.html"
    context_object_name = "post"

    # The post's row and category only: its topics, models and cited documents are read by the
    # parts of the page kept per version of the post (post_detail.html), so only when those
    # are rendered, not on every request.
    queryset = Post.objects.select_related("category")

    def get_object(self, queryset=None):
        post = super().get_object(queryset)
        if post.is_public():
            count_view(self.request, post._meta.label, post.pk)
            count_view_on_hit(self.request, post)
        return post

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        post = self.object
        crumbs = [("Tin tức", reverse("news:list"))]
        if post.category:
            crumbs.append((post.category.name, post.category.get_absolute_url()))
        crumbs.append((post.title, None))
        context["crumbs"] = crumbs
        context["related_posts"] = related_posts(post)
        context["most_read"] = most_read(exclude=post)
        context["share_url"] = self.request.build_absolute_uri(post.get_absolute_url())
        return context


@require_safe
def post_image(request, slug, name):
    """A lead image (or rendition) kept private while its post is not public: for who may open
    the post itself (`visible_to`: a permitted staff member who passed the second factor they
    owe), 404 for everyone else. Once the file has moved out, its public address."""
    posts = Post.objects.visible_to(request.user)
    post = get_object_or_404(
        posts.only("slug", "status", "publish_at", "image", "image_renditions"), slug=slug
    )
    allowed = lead_image.allowed_names(post)
    if name in allowed:  # published since the link was made: the file is public now
        return redirect(post.image.storage.url(name))
    stored = posixpath.join(PRIVATE_PREFIX, name)
    if stored not in allowed:
        raise Http404("Không tìm thấy ảnh.")
    fieldfile = post.image.field.attr_class(post, post.image.field, stored)
    return protected_file_response(
        fieldfile,
        posixpath.basename(stored),
        content_type=mimetypes.guess_type(stored)[0],
        public=post.is_public(),
        inline=True,
    )
