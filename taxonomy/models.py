"""The site's one topic vocabulary: `Topic` (a taggit tag with a Vietnamese slug), the abstract
link every content app tags with (`TopicLink`; posts, events and documents each have their own
subclass) and the phrases that tag imported articles (`TopicRule`)."""

from django.db import models
from taggit.models import NaturalKeyManager, TagBase, TaggedItemBase

from core import text
from core.links import object_url
from taxonomy.units import Succession, Unit, UnitScoped  # noqa: F401 (the app's models)


class TopicQuerySet(models.QuerySet):
    def public(self, now=None):
        """Topics tagging at least one public item (post, event or document): only these have a
        public page and feeds. The tagged kinds are found through the TopicLink subclasses
        that point here, so the vocabulary names no app."""
        condition = models.Q(pk__in=[])
        for relation in self.model._meta.related_objects:
            link = relation.related_model
            if not (isinstance(link, type) and issubclass(link, TopicLink)):
                continue
            tagged = link._meta.get_field("content_object").related_model
            # Each link's item looked up by its key (correlated), not `IN (every public id)`,
            # which made SQLite list all public posts for every topic: 3 ms a topic page.
            is_public = tagged._default_manager.public(now=now).filter(
                pk=models.OuterRef("content_object_id")
            )
            condition |= models.Exists(
                link.objects.filter(tag=models.OuterRef("pk")).filter(models.Exists(is_public))
            )
        return self.filter(condition)


class Topic(TagBase):
    """A topic tag ("Dân vận khéo"), its slug readable in Vietnamese ("dan-van-kheo")."""

    # taggit's manager (backups refer to topics by name) with the queries below.
    objects = NaturalKeyManager.from_queryset(TopicQuerySet)()

    class Meta:
        ordering = ["name"]
        verbose_name = "chủ đề"
        verbose_name_plural = "chủ đề"

    def save(self, *args, **kwargs):
        self.name = text.nfc(text.strip_control_chars(self.name, multiline=False))
        super().save(*args, **kwargs)

    def slugify(self, tag, i=None):
        # taggit calls this with i = 1, 2 … when the plain slug is taken.
        slug = text.slugify(tag, max_length=90) or "chu-de"
        if i is not None:
            slug = f"{slug}-{i}"
        return slug

    def get_absolute_url(self):
        return object_url("news:tag", tag_slug=self.slug)

    def is_public(self, now=None):
        """Whether this topic tags a public item (`TopicQuerySet.public`)."""
        return type(self).objects.public(now=now).filter(pk=self.pk).exists()


class TopicLink(TaggedItemBase):
    """One item (post, event, document) tagged with one topic of the site's shared vocabulary.

    Subclasses name the tagged model (`content_object`) and the `tag` foreign key to Topic.
    """

    class Meta:
        abstract = True
        verbose_name = "gắn chủ đề"
        verbose_name_plural = "gắn chủ đề"
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="%(app_label)s_%(class)s_unique"
            )
        ]


class TopicRule(models.Model):
    """A topic tag and the phrases that trigger it when articles are imported.

    Editors extend the vocabulary here; matching is accent- and case-insensitive (see `fold`).
    """

    name = models.CharField("Chủ đề (thẻ)", max_length=100, unique=True)
    phrases = models.TextField(
        "Cụm từ kích hoạt",
        help_text="Mỗi dòng một cụm từ; so khớp không phân biệt dấu và hoa thường.",
    )
    is_active = models.BooleanField("Đang dùng", default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "quy tắc gắn chủ đề"
        verbose_name_plural = "quy tắc gắn chủ đề"

    def __str__(self):
        return self.name

    def phrase_list(self):
        return [line.strip() for line in self.phrases.splitlines() if line.strip()]
