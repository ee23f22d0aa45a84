"""The weekly work schedule ("Lịch công tác tuần"): one `WorkWeek` per ISO week and schedule
(the commission's leaders, a unit's standing committee …) with its `WorkItem` rows.

A week goes through the publishing workflow like any content; the publisher who publishes it
approves it (`approved_by`). Once a week has been public, every row added or changed is marked
"Điều chỉnh" for good, and rows are postponed ("Hoãn") rather than deleted, so readers see
what changed since they printed it.
"""

import dataclasses
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.dates import format_date, weekday_name
from core.links import object_url
from core.publishing import ContentModel, Publishable, PublishableQuerySet, normalize_text_fields
from schedule.weeks import FIRST_YEAR, LAST_YEAR, InvalidWeek, Week
from taxonomy.units import Unit, UnitScoped

DEFAULT_TITLE = "Lịch công tác của Thường trực Ban"


class Session(models.IntegerChoices):
    MORNING = 1, "Sáng"
    AFTERNOON = 2, "Chiều"
    EVENING = 3, "Tối"


class Weekday(models.IntegerChoices):
    MONDAY = 1, "Thứ Hai"
    TUESDAY = 2, "Thứ Ba"
    WEDNESDAY = 3, "Thứ Tư"
    THURSDAY = 4, "Thứ Năm"
    FRIDAY = 5, "Thứ Sáu"
    SATURDAY = 6, "Thứ Bảy"
    SUNDAY = 7, "Chủ Nhật"


@dataclasses.dataclass
class Day:
    date: datetime.date
    rows: list


class WorkWeekQuerySet(PublishableQuerySet):
    def of_week(self, week):
        return self.filter(year=week.year, week=week.number)


class WorkWeek(UnitScoped, Publishable):
    year = models.PositiveSmallIntegerField(
        "Năm", validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    week = models.PositiveSmallIntegerField(
        "Tuần",
        validators=[MinValueValidator(1), MaxValueValidator(53)],
        help_text="Tuần theo ISO 8601.",
    )
    title = models.CharField("Tên lịch", max_length=200, default=DEFAULT_TITLE)
    unit = models.ForeignKey(
        Unit,
        verbose_name="Đơn vị",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Đơn vị có lịch này; để trống với lịch của Ban.",
    )
    note = models.TextField("Ghi chú", blank=True)
    starts_on = models.DateField("Từ ngày", editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người duyệt",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    approved_at = models.DateTimeField("Duyệt lúc", null=True, blank=True, editable=False)
    # When the week first became (or is scheduled to become) public: rows changed after it are
    # adjustments. Cleared when a scheduled week is taken back before its time.
    public_since = models.DateTimeField("Công khai từ", null=True, blank=True, editable=False)
    # The rows' text as readers see it, kept with the search fields: search snippets read it
    # without a query per result.
    rows_text = models.TextField(blank=True, default="", editable=False)

    unit_fields = ("units", "unit")
    unit_section = ("Lịch công tác", 5)

    objects = WorkWeekQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["search_title", "search_text", "rows_text"],
        verbose_name="phiên bản lịch công tác",
        verbose_name_plural="phiên bản lịch công tác",
    )

    class Meta(Publishable.Meta):
        ordering = ["-year", "-week", "title", "pk"]
        verbose_name = "lịch công tác tuần"
        verbose_name_plural = "lịch công tác tuần"
        permissions = [("publish_workweek", "Có thể duyệt, xuất bản và gỡ lịch công tác tuần")]
        constraints = [
            # Two partial constraints rather than nulls_distinct=False, which SQLite ignores.
            models.UniqueConstraint(
                fields=["year", "week", "title", "unit"],
                condition=models.Q(unit__isnull=False),
                name="schedule_workweek_unique_unit",
                violation_error_message="Tuần này đã có lịch cùng tên của đơn vị này.",
            ),
            models.UniqueConstraint(
                fields=["year", "week", "title"],
                condition=models.Q(unit__isnull=True),
                name="schedule_workweek_unique_own",
                violation_error_message="Tuần này đã có lịch cùng tên.",
            ),
            models.CheckConstraint(
                condition=models.Q(week__gte=1, week__lte=53), name="schedule_workweek_week_range"
            ),
        ]
        indexes = [
            *Publishable.Meta.indexes,
            models.Index(fields=["year", "week", "status"], name="schedule_week_lookup"),
        ]

    def __str__(self):
        return f"{self.title} – tuần {self.week}/{self.year}"

    @property
    def iso_week(self):
        return Week(self.year, self.week)

    def get_absolute_url(self):
        return f"{object_url('schedule:week')}?tuan={self.iso_week.code}"

    def clean(self):
        super().clean()
        if self.year and self.week:
            try:
                Week(self.year, self.week)
            except InvalidWeek as error:
                raise ValidationError({"week": str(error)}) from None

    def save(self, *args, **kwargs):
        self.starts_on = self.iso_week.monday
        super().save(*args, **kwargs)

    def search_parts(self):
        # str(self), the search title, with its week: every word of the title is in the text
        # (site search walks title matches among the text matches).
        parts = [str(self), self.note]
        if self.pk:
            for row in self.rows.all():
                parts += [
                    row.content,
                    row.chair,
                    row.participants,
                    row.location,
                    row.unit_in_charge,
                ]
        return parts

    def _rows_text(self):
        if not self.pk:
            return ""
        return "; ".join(
            ", ".join(part for part in (row.content, row.location) if part)
            for row in self.rows.all()
            if not row.postponed
        )

    def days(self):
        """The days that have rows, each with its rows in order (reads the prefetched rows)."""
        by_day = {}
        for row in self.rows.all():
            by_day.setdefault(row.weekday, []).append(row)
        return [Day(self.iso_week.day(weekday), rows) for weekday, rows in sorted(by_day.items())]

    def refresh_search(self):
        """Search reads the rows too: call after the rows changed (admin, copying)."""
        self.refresh_search_fields()
        self.rows_text = self._rows_text()
        type(self).objects.filter(pk=self.pk).update(
            search_title=self.search_title, search_text=self.search_text, rows_text=self.rows_text
        )

    # -- workflow ---------------------------------------------------------------------------

    def can_revise(self, user):
        # A week is corrected in place by its publisher, each changed row marked "Điều chỉnh":
        # a separate revised copy would hide the changes readers need to see.
        return False

    def publish(self, user, at=None):
        super().publish(user, at=at)
        self.approved_by, self.approved_at = user, timezone.now()
        if self.public_since is None or self.publish_at < self.public_since:
            self.public_since = self.publish_at
        self.save(update_fields=["approved_by", "approved_at", "public_since"])

    def _set_status(self, status, user, sent_back_comment=None):
        if status != "published" and self.public_since and self.public_since > timezone.now():
            self.public_since = None  # taken back before it was ever public
        super()._set_status(status, user, sent_back_comment)

    def has_been_public(self, now=None):
        return self.public_since is not None and self.public_since <= (now or timezone.now())

    @transaction.atomic
    def copy_rows_from(self, source):
        """Copy `source`'s rows (another week) into this one, same weekdays; returns how many."""
        fields = [
            f.name for f in WorkItem._meta.concrete_fields if f.name in WorkItem.CONTENT_FIELDS
        ]
        rows = [
            WorkItem(week=self, **{name: getattr(row, name) for name in fields})
            for row in source.rows.filter(postponed=False)
        ]
        for row in rows:
            row.save()
        self.refresh_search()
        return len(rows)

    def previous_week_source(self):
        """The same schedule (title and unit) of the week before, if any."""
        previous = self.iso_week.previous
        if previous is None:
            return None
        return (
            type(self)
            .objects.of_week(previous)
            .filter(title=self.title, unit=self.unit, revision_of=None)
            .first()
        )


class WorkItem(ContentModel):
    CONTENT_FIELDS = (
        "weekday",
        "session",
        "time",
        "content",
        "chair",
        "participants",
        "location",
        "unit_in_charge",
        "postponed",
    )

    week = models.ForeignKey(
        WorkWeek, verbose_name="Tuần", on_delete=models.CASCADE, related_name="rows"
    )
    weekday = models.PositiveSmallIntegerField("Thứ", choices=Weekday.choices)
    session = models.PositiveSmallIntegerField("Buổi", choices=Session.choices)
    time = models.TimeField("Giờ", null=True, blank=True, help_text="Để trống nếu chưa định giờ.")
    content = models.TextField("Nội dung")
    chair = models.CharField("Chủ trì", max_length=300, blank=True)
    participants = models.TextField("Thành phần", blank=True)
    location = models.CharField("Địa điểm", max_length=300, blank=True)
    unit_in_charge = models.CharField("Đơn vị chuẩn bị", max_length=300, blank=True)
    postponed = models.BooleanField(
        "Hoãn", default=False, help_text="Đánh dấu hoãn thay vì xóa khi lịch đã công bố."
    )
    adjusted = models.BooleanField("Điều chỉnh", default=False, editable=False)
    adjusted_at = models.DateTimeField("Điều chỉnh lúc", null=True, blank=True, editable=False)

    history = HistoricalRecords(
        verbose_name="phiên bản dòng lịch công tác",
        verbose_name_plural="phiên bản dòng lịch công tác",
    )

    class Meta:
        ordering = ["week", "weekday", "session", models.F("time").asc(nulls_last=True), "pk"]
        verbose_name = "dòng lịch công tác"
        verbose_name_plural = "các dòng lịch công tác"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weekday__gte=1, weekday__lte=7),
                name="schedule_workitem_weekday_range",
            )
        ]

    def __str__(self):
        return f"{weekday_name(self.date)} {format_date(self.date)}, {self.get_session_display().lower()}: {self.content[:60]}"

    @property
    def date(self):
        return self.week.iso_week.day(self.weekday)

    def _changed_content(self):
        old = type(self).objects.filter(pk=self.pk).values(*self.CONTENT_FIELDS).first()
        return old is None or any(old[name] != getattr(self, name) for name in self.CONTENT_FIELDS)

    def save(self, *args, **kwargs):
        normalize_text_fields(self)
        # Every change after publication, not only the first, moves "Điều chỉnh lúc".
        if self.week.has_been_public() and self._changed_content():
            self.adjusted, self.adjusted_at = True, timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "adjusted", "adjusted_at"}
        super().save(*args, **kwargs)
