"""The "Dân vận khéo" catalogue: models (mô hình) of skilful mass mobilisation, the units that run
them, their recognitions (công nhận), their results as figures, and the candidates found in
articles (`Candidate`, read by practices/candidates.py).

`Practice.objects.published()` is what the public sees, as for every content model."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import strip_tags
from simple_history.models import HistoricalRecords

from core.html import rich_text_field, sanitize_html
from core.links import object_url
from core.publishing import ContentModel, Publishable, PublishableQuerySet
from core.slugs import SlugFromNameMixin, unique_slug
from core.text import words
from practices.numbers import format_figure
from taxonomy.units import Unit, UnitScoped

MIN_YEAR, MAX_YEAR = 1990, 2100
# The movement's name: every model is searchable as "dân vận khéo" + its name.
MOVEMENT = "Mô hình Dân vận khéo"


class Sector(SlugFromNameMixin, ContentModel):
    """Lĩnh vực: kinh tế; văn hóa – xã hội; quốc phòng – an ninh; xây dựng hệ thống chính trị."""

    name = models.CharField("Tên lĩnh vực", max_length=120, unique=True)
    slug = models.SlugField("Đường dẫn", max_length=140, unique=True, blank=True)
    position = models.PositiveSmallIntegerField("Thứ tự", default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "lĩnh vực"
        verbose_name_plural = "lĩnh vực"


class Group(SlugFromNameMixin, ContentModel):
    """Who a model mobilises: nông dân, phụ nữ, thanh niên, đồng bào dân tộc thiểu số …"""

    name = models.CharField("Đối tượng", max_length=120, unique=True)
    slug = models.SlugField("Đường dẫn", max_length=140, unique=True, blank=True)
    position = models.PositiveSmallIntegerField("Thứ tự", default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "đối tượng vận động"
        verbose_name_plural = "đối tượng vận động"


class Level(models.TextChoices):
    COMMUNE = "xa", "Cấp xã"
    PROVINCE = "tinh", "Cấp tỉnh"
    NATIONAL = "toan-quoc", "Cấp toàn quốc"


class PracticeQuerySet(PublishableQuerySet):
    def by_recognition(self):
        """Newest recognition first; models never recognised last, then by name."""
        return self.order_by("-last_recognised_year", "name_key", "pk")

    def by_name(self):
        return self.order_by("name_key", "pk")


class Practice(UnitScoped, Publishable):
    title = models.CharField("Tên mô hình", max_length=300)
    slug = models.SlugField(
        "Đường dẫn",
        max_length=200,
        unique=True,
        blank=True,
        help_text="Tạo tự động từ tên mô hình; không đổi sau khi đã xuất bản.",
    )
    # The name folded for sorting and matching ("mo hinh dan van kheo …"); filled on save.
    name_key = models.CharField(max_length=300, editable=False, blank=True, db_index=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name="Đơn vị thực hiện",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="practices",
        help_text="Xã, phường, cơ quan hay tổ chức xây dựng và thực hiện mô hình.",
    )
    sector = models.ForeignKey(
        Sector,
        verbose_name="Lĩnh vực",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="practices",
    )
    groups = models.ManyToManyField(
        Group, verbose_name="Đối tượng vận động", blank=True, related_name="practices"
    )
    year_started = models.PositiveSmallIntegerField("Năm bắt đầu", null=True, blank=True)
    summary = rich_text_field("Tóm tắt")
    how_to_copy = rich_text_field(
        "Cách làm để nhân rộng", help_text="Các bước thực hiện, điều kiện cần có."
    )
    contact = models.CharField(
        "Liên hệ của đơn vị",
        max_length=300,
        blank=True,
        help_text="Địa chỉ, điện thoại của cơ quan, đơn vị; không ghi thông tin cá nhân.",
    )
    pictures = models.ManyToManyField(
        "news.Picture", verbose_name="Ảnh", blank=True, related_name="practices"
    )
    posts = models.ManyToManyField(
        "news.Post", verbose_name="Bài viết về mô hình", blank=True, related_name="practices"
    )
    # The year of its newest recognition, 0 for none (Recognition.save keeps it): the
    # catalogue's sort. Not NULL, so "newest first" is a plain DESC that both databases walk
    # from the index (NULLS LAST kept SQLite from using it: 20,000 rows sorted per page).
    last_recognised_year = models.PositiveSmallIntegerField(default=0, editable=False)
    import_key = models.CharField(
        max_length=200, unique=True, null=True, blank=True, editable=False
    )

    # The unit pages list every UnitScoped content model by this (title, how many shown).
    unit_section = (MOVEMENT, 6)
    unit_fields = ("units", "unit")

    objects = PracticeQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["search_title", "search_text", "name_key", "last_recognised_year"],
        verbose_name="phiên bản mô hình",
        verbose_name_plural="phiên bản mô hình",
    )

    class Meta(Publishable.Meta):
        ordering = ["name_key", "pk"]
        verbose_name = "mô hình Dân vận khéo"
        verbose_name_plural = "mô hình Dân vận khéo"
        permissions = [("publish_practice", "Có thể xuất bản, hẹn giờ và gỡ mô hình Dân vận khéo")]
        indexes = [
            *Publishable.Meta.indexes,
            # The catalogue's two orders walked from an index (newest recognition first, then
            # name; or by name) with the public rule read from it, and its facets counted
            # from one covering index: no row is read but the twenty shown.
            models.Index(
                "status",
                models.F("last_recognised_year").desc(),
                "name_key",
                "publish_at",
                name="practices_public_order",
            ),
            models.Index(
                fields=["status", "name_key", "publish_at"], name="practices_public_names"
            ),
            # With the id last, PostgreSQL too answers from the index alone which models are
            # public (it read the whole table, 40 ms at 20,000 models, for the groups' facet).
            models.Index(
                fields=["status", "sector", "unit", "publish_at", "id"],
                name="practices_public_facets",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year_started__isnull=True)
                | models.Q(year_started__gte=MIN_YEAR, year_started__lte=MAX_YEAR),
                name="practices_year_started_range",
                violation_error_message=f"Năm bắt đầu phải từ {MIN_YEAR} đến {MAX_YEAR}.",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return object_url("practices:detail", slug=self.slug)

    def clean(self):
        super().clean()
        if self.year_started is not None and not MIN_YEAR <= self.year_started <= MAX_YEAR:
            raise ValidationError(
                {"year_started": f"Năm bắt đầu phải từ {MIN_YEAR} đến {MAX_YEAR}."}
            )

    def search_parts(self):
        return [
            self.title,
            MOVEMENT,
            self.sector.name if self.sector_id else "",
            self.unit.label if self.unit_id else "",
            strip_tags(self.summary),
            strip_tags(self.how_to_copy),
        ]

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title)
        self.summary = sanitize_html(self.summary)
        self.how_to_copy = sanitize_html(self.how_to_copy)
        self.name_key = name_key(self.title)
        if self.pk:  # a form's copy may hold an old value: the recognitions say it
            self.last_recognised_year = self.recognitions.aggregate(y=models.Max("year"))["y"] or 0
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_key", "last_recognised_year"}
        super().save(*args, **kwargs)
        # Its recognitions carry its public state (Recognition: the facets' covering index).
        self.recognitions.exclude(status=self.status, publish_at=self.publish_at).update(
            status=self.status, publish_at=self.publish_at
        )

    def refresh_last_recognised_year(self):
        year = self.recognitions.aggregate(year=models.Max("year"))["year"] or 0
        if year != self.last_recognised_year:
            self.last_recognised_year = year
            type(self)._default_manager.filter(pk=self.pk).update(last_recognised_year=year)


def name_key(name):
    """The sort and match key of a model's name: folded words ("mo hinh ve sinh …")."""
    return " ".join(words(name))[:300]


class Recognition(models.Model):
    """A recognition (công nhận) at a level, in a year, by a decision (a registry document when
    it is there)."""

    practice = models.ForeignKey(
        Practice, on_delete=models.CASCADE, related_name="recognitions", verbose_name="Mô hình"
    )
    level = models.CharField("Cấp công nhận", max_length=16, choices=Level.choices)
    year = models.PositiveSmallIntegerField("Năm công nhận")
    decision = models.CharField(
        "Quyết định công nhận",
        max_length=200,
        blank=True,
        help_text="Số, ký hiệu và cơ quan như văn bản ghi, ví dụ 1234/QĐ-UBND.",
    )
    document = models.ForeignKey(
        "docs_registry.Document",
        verbose_name="Văn bản trong hệ thống",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practice_recognitions",
    )
    # Copies of its model's status and publish_at (Recognition.save and Practice.save keep
    # them; bulk loaders call `copy_public_state`), so `published_q()` applies to a recognition
    # as to its model and the catalogue counts its level and year facets from one covering
    # index, with no look-up of each model (20,000 look-ups were most of a page's time).
    status = models.CharField(max_length=16, editable=False, blank=True)
    publish_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-year", "level", "pk"]
        verbose_name = "lần công nhận"
        verbose_name_plural = "các lần công nhận"
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "level", "year"], name="practices_recognition_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=MIN_YEAR, year__lte=MAX_YEAR),
                name="practices_recognition_year_range",
                violation_error_message=f"Năm công nhận phải từ {MIN_YEAR} đến {MAX_YEAR}.",
            ),
        ]
        indexes = [
            models.Index(fields=["year", "level", "practice"], name="practices_rec_year"),
            # The facets' covering indexes: public recognitions by year, and by level, each
            # model's rows together, so "models per year" is counted in one ordered pass.
            models.Index(
                fields=["status", "year", "practice", "publish_at", "level"],
                name="practices_rec_public_year",
            ),
            models.Index(
                fields=["status", "level", "practice", "publish_at", "year"],
                name="practices_rec_public_level",
            ),
        ]

    def __str__(self):
        return f"{self.get_level_display()} năm {self.year}"

    def save(self, *args, **kwargs):
        self.copy_public_state()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "status", "publish_at"}
        super().save(*args, **kwargs)
        self.practice.refresh_last_recognised_year()

    def delete(self, *args, **kwargs):
        practice = self.practice
        result = super().delete(*args, **kwargs)
        practice.refresh_last_recognised_year()
        return result

    def copy_public_state(self, practice=None):
        practice = practice or self.practice
        self.status, self.publish_at = practice.status, practice.publish_at
        return self


class Result(models.Model):
    """A result as a figure: "12 km đường giao thông", "350 hộ thoát nghèo", "1,2 tỷ đồng"."""

    practice = models.ForeignKey(
        Practice, on_delete=models.CASCADE, related_name="results", verbose_name="Mô hình"
    )
    value = models.DecimalField("Số liệu", max_digits=16, decimal_places=2)
    unit = models.CharField("Đơn vị tính", max_length=40, blank=True, help_text="km, hộ, tỷ đồng …")
    label = models.CharField(
        "Nội dung", max_length=200, help_text="đường giao thông, hộ thoát nghèo …"
    )
    year = models.PositiveSmallIntegerField("Năm", null=True, blank=True)
    position = models.PositiveSmallIntegerField("Thứ tự", default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "kết quả"
        verbose_name_plural = "kết quả (số liệu)"

    def __str__(self):
        return " ".join(part for part in (format_figure(self.value), self.unit, self.label) if part)


class CandidateStatus(models.TextChoices):
    NEW = "new", "Chờ xem xét"
    ACCEPTED = "accepted", "Đã tạo mô hình"
    MERGED = "merged", "Đã gộp vào mô hình có sẵn"
    DISMISSED = "dismissed", "Bỏ qua"


class CandidateSource(models.TextChoices):
    """Where the name was read: the post's own words (it is about the model), or a headline
    its source page listed beside it (another article's; the post is not about the model)."""

    POST = "post", "Bài viết nói về mô hình"
    LISTED = "listed", "Tiêu đề trong danh sách tin của trang gốc"


class Candidate(models.Model):
    """A model an article names ("mô hình …"), offered to editors: only what the article states
    (the name, and the unit and year when it writes them), never guessed."""

    post = models.ForeignKey(
        "news.Post",
        on_delete=models.CASCADE,
        related_name="practice_candidates",
        verbose_name="Bài viết",
    )
    name = models.CharField("Tên mô hình (theo bài viết)", max_length=300)
    name_key = models.CharField(max_length=300, editable=False)
    unit_text = models.CharField("Đơn vị (theo bài viết)", max_length=200, blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name="Đơn vị",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField("Năm (theo bài viết)", null=True, blank=True)
    sentence = models.TextField("Câu hoặc tiêu đề nêu tên", blank=True)
    source = models.CharField(
        "Nguồn đề xuất",
        max_length=16,
        choices=CandidateSource.choices,
        default=CandidateSource.POST,
        editable=False,
    )
    status = models.CharField(
        "Trạng thái", max_length=16, choices=CandidateStatus.choices, default=CandidateStatus.NEW
    )
    practice = models.ForeignKey(
        Practice,
        verbose_name="Mô hình",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="candidates",
    )
    found_at = models.DateTimeField("Tìm thấy lúc", auto_now_add=True)
    decided_at = models.DateTimeField("Xử lý lúc", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người xử lý",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["status", "-found_at", "pk"]
        verbose_name = "mô hình đề xuất từ bài viết"
        verbose_name_plural = "mô hình đề xuất từ bài viết"
        constraints = [
            models.UniqueConstraint(fields=["post", "name_key"], name="practices_candidate_unique")
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = name_key(self.name)
        super().save(*args, **kwargs)
