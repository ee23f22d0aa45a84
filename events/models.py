"""Events the commission organises: conferences, training classes, surveys, seminars.

Dates are stored as local calendar dates with optional clock times (the site lives in one time
zone, Asia/Ho_Chi_Minh): an event without a start time is an all-day event.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from core.html import rich_text_field, sanitize_html
from core.links import object_url
from core.publishing import Publishable, PublishableQuerySet
from core.slugs import unique_slug
from taxonomy.models import Topic, TopicLink
from taxonomy.units import UnitScoped, UnitSection


class Kind(models.TextChoices):
    CONFERENCE = "conference", "Hội nghị"
    TRAINING = "training", "Lớp bồi dưỡng, tập huấn"
    SURVEY = "survey", "Khảo sát"
    SEMINAR = "seminar", "Hội thảo, tọa đàm"
    OTHER = "other", "Sự kiện khác"


class Format(models.TextChoices):
    IN_PERSON = "in_person", "Trực tiếp"
    ONLINE = "online", "Trực tuyến"
    HYBRID = "hybrid", "Kết hợp trực tiếp và trực tuyến"


# Paths under /su-kien/ that are not events.
RESERVED_SLUGS = {"lich"}


def _local_now(now=None):
    return timezone.localtime(now or timezone.now())


class EventQuerySet(PublishableQuerySet):
    @staticmethod
    def _not_ended(now):
        """An event is running or ahead until its end: the end time, or the end of its last day."""
        local = _local_now(now)
        today = local.date()
        # Written as a range on end_date (what an index can seek to) minus today's events
        # whose end time has passed; a NULL end time lasts the whole day.
        return Q(end_date__gte=today) & ~Q(end_date=today, end_time__lt=local.time())

    def upcoming(self, now=None):
        """Published events that have not ended yet, soonest first."""
        now = now or timezone.now()
        return (
            self.published(now=now)
            .filter(self._not_ended(now))
            .order_by("start_date", F("start_time").asc(nulls_first=True), "pk")
        )

    @staticmethod
    def _ended(now):
        local = _local_now(now)
        today = local.date()
        # A NULL end time never compares as earlier: such an event lasts its whole last day.
        return Q(end_date__lt=today) | Q(end_date=today, end_time__lt=local.time())

    def past(self, now=None):
        """Published events that are over, latest first."""
        now = now or timezone.now()
        return (
            self.published(now=now)
            .filter(self._ended(now))
            .order_by("-end_date", "-start_date", F("start_time").desc(nulls_last=True), "-pk")
        )

    def overlapping(self, first, last):
        """Events covering at least one day of the closed range [first, last]."""
        return self.filter(start_date__lte=last, end_date__gte=first)


class Event(UnitScoped, Publishable):
    title = models.CharField("Tên sự kiện", max_length=300)
    slug = models.SlugField(
        "Đường dẫn",
        max_length=200,
        unique=True,
        blank=True,
        help_text="Tạo tự động từ tên sự kiện; không đổi sau khi đã xuất bản.",
    )
    kind = models.CharField("Loại sự kiện", max_length=20, choices=Kind.choices, default=Kind.OTHER)
    start_date = models.DateField("Ngày bắt đầu")
    start_time = models.TimeField(
        "Giờ bắt đầu", null=True, blank=True, help_text="Để trống nếu sự kiện diễn ra cả ngày."
    )
    end_date = models.DateField(
        "Ngày kết thúc", blank=True, help_text="Để trống nếu sự kiện diễn ra trong một ngày."
    )
    end_time = models.TimeField("Giờ kết thúc", null=True, blank=True)
    location = models.CharField("Địa điểm", max_length=300, blank=True)
    format = models.CharField(
        "Hình thức", max_length=20, choices=Format.choices, default=Format.IN_PERSON
    )
    connection_points = models.PositiveIntegerField(
        "Số điểm cầu", null=True, blank=True, help_text="Với hội nghị trực tuyến."
    )
    organiser = models.CharField("Đơn vị tổ chức", max_length=300, blank=True)
    audience = models.CharField("Thành phần tham dự", max_length=500, blank=True)
    participants = models.PositiveIntegerField("Số đại biểu (dự kiến)", null=True, blank=True)
    speakers = models.TextField("Báo cáo viên", blank=True, help_text="Mỗi dòng một người.")
    themes = models.TextField("Chuyên đề", blank=True, help_text="Mỗi dòng một chuyên đề.")
    description = rich_text_field("Nội dung")
    tags = TaggableManager(
        "Chủ đề",
        through="TaggedEvent",
        blank=True,
        help_text="Các chủ đề, phân cách bằng dấu phẩy.",
    )
    posts = models.ManyToManyField(
        "news.Post", verbose_name="Bài viết đưa tin", related_name="events", blank=True
    )
    # Set by the seed importer: a stable key and a checksum of what was imported, so a re-import
    # is idempotent and never overwrites what an editor changed since.
    import_key = models.CharField(
        max_length=200, unique=True, null=True, blank=True, editable=False
    )
    import_checksum = models.CharField(max_length=64, blank=True, editable=False)

    unit_section = UnitSection("Sự kiện sắp diễn ra", 6, "upcoming", "events:list")
    objects = EventQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["search_title", "search_text"],
        verbose_name="phiên bản sự kiện",
        verbose_name_plural="phiên bản sự kiện",
    )

    class Meta(Publishable.Meta):
        ordering = ["-start_date", "-start_time", "-pk"]
        verbose_name = "sự kiện"
        verbose_name_plural = "sự kiện"
        permissions = [("publish_event", "Có thể xuất bản, hẹn giờ và gỡ sự kiện")]
        indexes = [
            *Publishable.Meta.indexes,
            models.Index(fields=["start_date", "end_date"], name="events_event_dates"),
            # upcoming().first_rows(): which public events have not ended, soonest first,
            # from the index alone, starting at today's end dates.
            models.Index(
                fields=["status", "end_date", "end_time", "publish_at", "start_date", "start_time"],
                name="events_event_upcoming",
            ),
            # The month calendar's ranking of each day's events and its count of each day's
            # events (events/calendar.py), from the index alone: what overlaps the visible weeks.
            models.Index(
                fields=["status", "end_date", "start_date", "publish_at", "start_time", "id"],
                name="events_event_calendar",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gt=F("start_date"))
                | Q(end_date=F("start_date"))
                & (
                    Q(start_time__isnull=True)
                    | Q(end_time__isnull=True)
                    | Q(end_time__gte=F("start_time"))
                ),
                name="events_event_end_after_start",
                violation_error_message="Thời điểm kết thúc không được trước thời điểm bắt đầu.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return object_url("events:detail", slug=self.slug)

    def get_ics_url(self):
        return reverse("events:ics", kwargs={"slug": self.slug})

    # -- dates ----------------------------------------------------------------------

    @property
    def all_day(self):
        return self.start_time is None

    @property
    def is_multi_day(self):
        return self.end_date is not None and self.end_date != self.start_date

    @property
    def start(self):
        """An aware datetime for timed events, a date for all-day ones."""
        if self.all_day:
            return self.start_date
        return timezone.make_aware(datetime.datetime.combine(self.start_date, self.start_time))

    @property
    def end(self):
        """An aware datetime when the end time is known, else the (inclusive) last day."""
        if self.end_time is None:
            return self.end_date
        return timezone.make_aware(datetime.datetime.combine(self.end_date, self.end_time))

    def days(self):
        """Every date the event covers."""
        day = self.start_date
        while day <= self.end_date:
            yield day
            day += datetime.timedelta(days=1)

    def has_ended(self, now=None):
        local = _local_now(now)
        if self.end_date != local.date():
            return self.end_date < local.date()
        return self.end_time is not None and self.end_time < local.time()

    # -- lists stored one per line ----------------------------------------------------

    @property
    def speaker_list(self):
        return [line.strip() for line in self.speakers.splitlines() if line.strip()]

    @property
    def theme_list(self):
        return [line.strip() for line in self.themes.splitlines() if line.strip()]

    # -- validation and saving ----------------------------------------------------------

    def clean(self):
        super().clean()
        if self.start_date and not self.end_date:
            self.end_date = self.start_date
        if self.end_time and not self.start_time:
            raise ValidationError({"start_time": "Hãy nhập giờ bắt đầu khi đã có giờ kết thúc."})
        if self.start_date and self.end_date:
            if self.end_date < self.start_date:
                raise ValidationError({"end_date": "Ngày kết thúc không được trước ngày bắt đầu."})
            if (
                self.end_date == self.start_date
                and self.start_time
                and self.end_time
                and self.end_time < self.start_time
            ):
                raise ValidationError(
                    {"end_time": "Giờ kết thúc không được trước giờ bắt đầu trong cùng một ngày."}
                )

    def search_parts(self):
        return [
            self.title,
            self.get_kind_display(),
            self.location,
            self.organiser,
            self.audience,
            self.speakers,
            self.themes,
            strip_tags(self.description),
        ]

    def save(self, *args, **kwargs):
        if self.end_date is None:
            self.end_date = self.start_date
        if not self.slug:
            self.slug = unique_slug(self, self.title)
            if self.slug in RESERVED_SLUGS:  # would be shadowed by /su-kien/lich/
                self.slug = unique_slug(self, f"{self.title} sự kiện")
        self.description = sanitize_html(self.description)
        super().save(*args, **kwargs)


class TaggedEvent(TopicLink):
    """Links events to the site's one topic vocabulary (taxonomy.Topic), shared with posts."""

    tag = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="tagged_events")
    content_object = models.ForeignKey("Event", on_delete=models.CASCADE, related_name="+")
