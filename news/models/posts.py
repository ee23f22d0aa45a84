"""Posts and their categories: the news workflow, most read lists, lead images."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils.html import strip_tags
from django_tasks import task
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from core.html import rich_text_field, sanitize_html
from core.links import object_url
from core.publishing import ContentModel, Publishable, PublishableQuerySet, Status, pk_in_any
from core.slugs import SlugFromNameMixin, unique_slug
from core.uploads import UploadTo, is_private
from news import images, lead_image, notifications
from news.models import daily_views
from news.models.links import TaggedPost
from news.models.workflow import WorkflowNote
from taxonomy.units import UnitScoped, UnitSection


class Category(SlugFromNameMixin, ContentModel):
    """A chuyên mục: "Tin tức – Sự kiện", "Dân vận khéo", "Quy chế dân chủ ở cơ sở" …"""

    name = models.CharField("Tên chuyên mục", max_length=200, unique=True)
    slug = models.SlugField("Đường dẫn", max_length=200, unique=True, blank=True)
    description = models.TextField("Mô tả", blank=True)
    position = models.PositiveSmallIntegerField("Thứ tự", default=0)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name="Người biên tập, duyệt của chuyên mục",
        blank=True,
        related_name="news_categories",
        help_text="Người có chuyên mục chỉ thấy, sửa và duyệt bài của chuyên mục mình "
        "(cùng với giới hạn theo đơn vị, nếu có).",
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "chuyên mục"
        verbose_name_plural = "chuyên mục"

    def get_absolute_url(self):
        return object_url("news:category", slug=self.slug)


def category_scope(user):
    """The categories whose posts `user` may work on, or None when no category limits them
    (administrators and users who belong to no category). Read once per request."""
    if user is None or not user.is_authenticated or user.is_superuser:
        return None
    if not hasattr(user, "_category_scope"):
        own = Category.members.through.objects.filter(user_id=user.pk)
        user._category_scope = set(own.values_list("category_id", flat=True)) or None
    return user._category_scope


class PostQuerySet(PublishableQuerySet):
    # What a card in a list shows (templates/news/includes/post_card.html): fetching only these
    # skips the body, the search columns and the bookkeeping timestamps of every row.
    CARD_FIELDS = (
        "title",
        "slug",
        "summary",
        "image",
        "image_renditions",
        "image_alt",
        "image_caption",
        "publish_at",
        "status",
        "is_featured",
        "view_count",
        "category",
    )
    # A link in a short list ("Xem nhiều nhất", "Tin cùng chuyên mục").
    LINK_FIELDS = ("title", "slug", "publish_at", "status")

    def with_relations(self):
        """Posts with their category and tags, in a fixed number of queries."""
        # The tag links with their topics in one plain prefetch: taggit's own prefetch of
        # "tags" built a queryset per post (a third of a list page's database time).
        links = TaggedPost.objects.select_related("tag").order_by("pk")
        return self.select_related("category").prefetch_related(
            models.Prefetch("topic_links", queryset=links, to_attr="prefetched_topic_links")
        )

    def for_listing(self):
        """What a list of posts shows: its cards' columns, categories and topics."""
        return self.with_relations().only(*self.CARD_FIELDS)

    def needs_date(self):
        """Imported posts whose source gave no certain date: drafts waiting for an editor."""
        return self.filter(import_key__isnull=False, publish_at__isnull=True)

    def most_read_ids(self, limit, now=None, exclude=None):
        """Id querysets holding the `limit` most read public posts (news/models/daily_views.py):
        the most read in the window and the most read of all time, for `pk_in_any`."""
        public = self.published(now=now)
        if exclude is not None:
            public = public.exclude(pk=exclude.pk)
        return (
            daily_views.recent_top_ids(public, limit, now=now),
            public.order_by(*self.model.MOST_READ_ORDER).values("pk")[:limit],
        )

    def most_read(self, limit=5, now=None, exclude=None):
        """The `limit` public posts with the most readers in the last `NEWS_MOST_READ_DAYS` days
        ("Xem nhiều nhất"), then by all-time views; without `exclude` (the post being read: its
        own page does not recommend it). One query."""
        chosen = pk_in_any(*self.most_read_ids(limit, now=now, exclude=exclude))
        rows = self.model._default_manager.filter(chosen).only(*self.LINK_FIELDS, "view_count")
        ordered = daily_views.with_recent_views(rows, now=now).order_by(*daily_views.RECENT_ORDER)
        return ordered[:limit]

    def in_order(self, ids):
        """The rows of `ids` among these, in the order of `ids` (missing ones left out)."""
        rows = {post.pk: post for post in self.filter(pk__in=ids)}
        return [rows[pk] for pk in ids if pk in rows]

    def related_to(self, post, limit=6, now=None):
        """Published posts of the same category ("Tin cùng chuyên mục"), newest first."""
        if post.category_id is None:
            return self.none()
        return (
            self.published(now=now)
            .filter(category_id=post.category_id)
            .exclude(pk=post.pk)
            .only(*self.LINK_FIELDS)[:limit]
        )


class Post(UnitScoped, Publishable):
    title = models.CharField("Tiêu đề", max_length=300)
    slug = models.SlugField(
        "Đường dẫn",
        max_length=200,
        unique=True,
        blank=True,
        help_text="Tạo tự động từ tiêu đề; không đổi sau khi đã xuất bản.",
    )
    summary = models.TextField("Sapo (tóm tắt)", blank=True)
    body = rich_text_field("Nội dung")
    image = models.ImageField(
        "Ảnh đại diện",
        upload_to=UploadTo("news/%Y/%m"),
        blank=True,
        validators=[images.validate_image_upload],
        help_text="JPEG, PNG hoặc WebP; tối đa 5 MB và 40 triệu điểm ảnh.",
    )
    # {"source": image name, "widths": [400, 800, …]}: which renditions exist for which image.
    image_renditions = models.JSONField(default=dict, blank=True, editable=False)
    image_alt = models.CharField(
        "Mô tả ảnh (alt)", max_length=300, blank=True, help_text="Bắt buộc khi có ảnh."
    )
    image_caption = models.CharField("Chú thích ảnh", max_length=500, blank=True)
    byline = models.CharField("Tác giả (bút danh)", max_length=200, blank=True)
    source_name = models.CharField("Nguồn", max_length=200, blank=True)
    source_url = models.URLField("Địa chỉ nguồn", max_length=500, blank=True)
    category = models.ForeignKey(
        Category,
        verbose_name="Chuyên mục",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="posts",
    )
    tags = TaggableManager(
        "Chủ đề", blank=True, through=TaggedPost, help_text="Các chủ đề, phân cách bằng dấu phẩy."
    )
    is_featured = models.BooleanField("Tin nổi bật", default=False)
    view_count = models.PositiveIntegerField("Lượt xem", default=0, editable=False)
    # Set by `import_seeds`: where the post came from and a checksum of what was imported, so a
    # re-import is idempotent and never overwrites what an editor changed since.
    import_key = models.CharField(
        max_length=200, unique=True, null=True, blank=True, editable=False
    )
    import_checksum = models.CharField(max_length=64, blank=True, editable=False)
    # What the importer could not decide and left to an editor ("no date found" …), one a line.
    import_warnings = models.TextField("Cảnh báo khi nhập", blank=True, editable=False)
    # The headlines the source page listed beside the article ("Tin cùng chuyên mục"), one a
    # line: the source's navigation, never shown; other apps may read what they name (a
    # "Mô hình …" headline is a candidate model, practices/candidates.py).
    source_headlines = models.TextField(
        "Tiêu đề trong danh sách tin của trang gốc", blank=True, editable=False
    )
    # The view count the source portal printed: the source's fact, never this site's counter.
    source_view_count = models.PositiveIntegerField(
        "Lượt xem tại nguồn", null=True, blank=True, editable=False
    )

    unit_section = UnitSection("Tin tức", 6, list_url="news:list")
    objects = PostQuerySet.as_manager()

    # All-time most viewed first, then the newest ("Xem nhiều nhất" ranks by recent readers
    # first: news/models/daily_views.py).
    MOST_READ_ORDER = ("-view_count", "-publish_at", "-id")

    @classmethod
    def scope_q(cls, user):
        """The units' scope (UnitScoped), narrowed to the user's categories when they belong to
        some: an editor or publisher of "Dân vận khéo" works on that category's posts only."""
        scope = super().scope_q(user)
        categories = category_scope(user)
        if categories is None:
            return scope
        in_categories = models.Q(category_id__in=categories)
        return in_categories if scope is None else scope & in_categories

    @classmethod
    def record_views(cls, counts):
        """Add {pk: views} (the view counter's batch): the all-time totals in one UPDATE and
        today's rows in one UPSERT, whatever the number of posts."""
        daily_views.add_to_totals(cls, counts)
        daily_views.record_views(counts)

    history = HistoricalRecords(
        excluded_fields=["view_count", "search_title", "search_text", "source_headlines"],
        verbose_name="phiên bản bài viết",
        verbose_name_plural="phiên bản bài viết",
    )

    class Meta(Publishable.Meta):
        ordering = ["-publish_at", "-id"]
        verbose_name = "bài viết"
        verbose_name_plural = "bài viết"
        permissions = [("publish_post", "Có thể xuất bản, hẹn giờ và gỡ bài viết")]
        indexes = [
            *Publishable.Meta.indexes,
            # "Đọc nhiều" (most_read): the published rows already in order, and every column
            # the choice reads, so first_rows() takes the top ids from the index alone.
            models.Index(
                fields=["status", "-view_count", "-publish_at", "-id"], name="news_post_most_read"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return object_url("news:detail", slug=self.slug)

    @property
    def topics(self):
        """The post's topic tags in the order they were added (prefetched by with_relations)."""
        links = getattr(self, "prefetched_topic_links", None)
        if links is None:  # the same query as the prefetch, for one post
            links = self.topic_links.select_related("tag").order_by("pk")
        return [link.tag for link in links]

    def clean(self):
        super().clean()
        if self.image and not self.image_alt.strip():
            raise ValidationError(
                {"image_alt": "Ảnh đại diện cần có mô tả (alt) cho người khiếm thị."}
            )
        limit = settings.NEWS_POST_BODY_MAX_CHARS
        if limit and len(self.body or "") > limit:
            # A 15-million-character body made every search that matched it cost seconds.
            length, most = (f"{n:,}".replace(",", ".") for n in (len(self.body), limit))
            raise ValidationError(
                {
                    "body": f"Nội dung quá dài ({length} ký tự); tối đa {most} ký tự. "
                    "Hãy chia thành nhiều bài hoặc đính kèm tệp."
                }
            )

    def search_parts(self):
        return [self.title, self.summary, strip_tags(self.body), self.byline, self.image_caption]

    def save(self, *args, **kwargs):
        # The slug is stable once the post has been public.
        if not self.slug:
            self.slug = unique_slug(self, self.title)
        self.body = sanitize_html(self.body)
        images.strip_location(self.image)
        lead_image.store_privately(self)
        super().save(*args, **kwargs)
        # The lead image is private until the post is public (news/lead_image.py).
        lead_image.sync(self)
        self._sync_image_at_publication()
        if not self.image:
            self.refresh_renditions()
        elif self.image_renditions.get("source") != self.image.name:
            # Decoding a large picture costs seconds and hundreds of MB: a background task.
            result = make_post_renditions.enqueue(self.pk, self.image.name)
            if result.is_finished:  # run at once (the immediate backend of dev and tests)
                self.refresh_from_db(fields=["image_renditions"])

    # -- images ------------------------------------------------------------------------------

    def _sync_image_at_publication(self):
        """A scheduled post's image becomes public when the post does (a deferred task)."""
        if not (self.image and self.is_scheduled and is_private(self.image.name)):
            return
        if sync_lead_image.get_backend().supports_defer:
            sync_lead_image.using(run_after=self.publish_at).enqueue(self.pk)

    def refresh_renditions(self):
        """Make renditions once per uploaded image (after save, when the file is stored)."""
        if not self.image:
            wanted = {}
        elif self.image_renditions.get("source") == self.image.name:
            return
        else:
            try:
                wanted = images.make_renditions(self.image)
            except (OSError, ValueError):
                wanted = {}
        if wanted != self.image_renditions:
            if self.image_renditions.get("source") != wanted.get("source"):
                images.delete_renditions(self.image.storage, self.image_renditions)
            self.image_renditions = wanted
            type(self)._default_manager.filter(pk=self.pk).update(image_renditions=wanted)

    @classmethod
    def referenced_media(cls):
        """Stored files rows refer to beyond the image field itself (cleanup_media keeps them):
        the renditions of every current image and the images of older revisions."""
        for renditions in cls._default_manager.exclude(image="").values_list(
            "image_renditions", flat=True
        ):
            yield from images.rendition_names(renditions)
        yield from cls.history.exclude(image="").values_list("image", flat=True).distinct()

    def image_srcsets(self):
        return images.srcsets(self.image, self.image_renditions)

    # -- workflow (the checks are in Publishable; news adds notes and notifications) ---------

    def _transition(self, action, user, comment=""):
        method = getattr(super(), action)
        self._change_reason = WorkflowNote.reason(action, comment)
        try:
            if action == WorkflowNote.Action.SEND_BACK:
                method(user, comment=comment)
            else:
                method(user)
        finally:
            del self._change_reason
        WorkflowNote.objects.create(post=self, action=action, user=user, comment=comment)
        notifications.after_transition(self, action, user, comment)

    def submit(self, user, comment=""):
        self._transition(WorkflowNote.Action.SUBMIT, user, comment)

    def publish(self, user, at=None, comment=""):
        self._require_publisher(user)
        if self.revision_of_id:
            # Approving a revision: the live post takes its content; the note goes there.
            live = self.approve_revision(user)
            reason = WorkflowNote.reason(WorkflowNote.Action.PUBLISH, comment or "bản sửa")
            WorkflowNote.objects.create(
                post=live, action=WorkflowNote.Action.PUBLISH, user=user, comment=reason
            )
            self.approved_into = live
            return
        if at is not None:
            self.publish_at = at
        self._transition(WorkflowNote.Action.PUBLISH, user, comment)

    def unpublish(self, user, comment=""):
        self._transition(WorkflowNote.Action.UNPUBLISH, user, comment)

    def send_back(self, user, comment=""):
        self._require_reviewer(user)  # a publisher, or the group of the step it waits for
        if self.status != Status.REVIEW:
            raise ValidationError("Chỉ bài đang chờ duyệt mới trả lại được.")
        if not (comment or "").strip():
            raise ValidationError("Hãy ghi lý do trả lại cho tác giả.")
        self._transition(WorkflowNote.Action.SEND_BACK, user, comment.strip())

    def archive(self, user, comment=""):
        self._transition(WorkflowNote.Action.ARCHIVE, user, comment)

    def withdraw(self, user, comment=""):
        if not self.can_withdraw(user):
            raise PermissionDenied("Chỉ rút lại được bài đang chờ duyệt.")
        self._transition(WorkflowNote.Action.WITHDRAW, user, comment)

    def available_actions(self, user):
        """The transitions `user` may apply now, as WorkflowNote.Action values."""
        Action = WorkflowNote.Action
        actions = []
        if self.status == Status.DRAFT and self.can_edit(user):
            actions.append(Action.SUBMIT)
        if self.can_publish(user):
            if self.status in (Status.DRAFT, Status.REVIEW, Status.ARCHIVED):
                actions.append(Action.PUBLISH)
            if self.status == Status.REVIEW:
                actions.append(Action.SEND_BACK)
            if self.status == Status.PUBLISHED:
                actions.append(Action.UNPUBLISH)
            if self.status != Status.ARCHIVED and not self.revision_of_id:
                actions.append(Action.ARCHIVE)
        return actions


@task()
def make_post_renditions(post_id, image_name):
    """The WebP/JPEG renditions of a post's newly uploaded image, off the request.

    Nothing happens when the post is gone or its image has changed since (a newer task runs
    for the newer image). Until it has run, pages show the original image.
    """
    post = Post.objects.filter(pk=post_id, image=image_name).first()
    if post is not None:
        post.refresh_renditions()


@task()
def sync_lead_image(post_id):
    """Move a post's lead image to where its visibility now says (at a scheduled publication)."""
    post = Post.objects.filter(pk=post_id).first()
    return bool(post is not None and lead_image.sync(post))


# `post.image.url` names the post's image view while the file is private (no migration: the
# file class is not part of the field's definition).
Post._meta.get_field("image").attr_class = lead_image.LeadImageFile
