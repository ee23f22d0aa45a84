import posixpath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils import timezone
from django_tasks import task
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from core.links import object_url
from core.publishing import ContentModel, Publishable
from core.second_factor import has_verified_access
from core.slugs import SlugFromNameMixin, unique_slug
from core.text import fold_chars, slugify, strip_control_chars
from core.uploads import PRIVATE_PREFIX, random_name
from taxonomy.models import Topic, TopicLink
from taxonomy.units import UnitScoped, UnitSection

from . import numbers
from .querysets import DocumentQuerySet, Validity, public_q  # noqa: F401 (imported from here too)
from .suggestions import SuggestedReplacement  # noqa: F401 (a model of this app, kept apart)
from .validators import ALLOWED_TYPES, clean_file_name, sniff, validate_attachment


class DocumentType(SlugFromNameMixin, ContentModel):
    """Loại văn bản: Quyết định (QĐ), Nghị quyết (NQ), Luật …"""

    name = models.CharField("Tên loại", max_length=100, unique=True)
    abbreviation = models.CharField("Viết tắt", max_length=10, blank=True)
    slug = models.SlugField("Đường dẫn", max_length=120, unique=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "loại văn bản"
        verbose_name_plural = "loại văn bản"


class Issuer(SlugFromNameMixin, ContentModel):
    """Cơ quan ban hành: Bộ Chính trị (TW), Ban Thường vụ Tỉnh ủy (TU), Chính phủ (CP) …"""

    name = models.CharField("Tên cơ quan", max_length=200, unique=True)
    suffix = models.CharField(
        "Ký hiệu trong số văn bản",
        max_length=30,
        blank=True,
        help_text="Phần sau dấu “/” của số ký hiệu, ví dụ TW, TU, ĐUK, CP.",
    )
    slug = models.SlugField("Đường dẫn", max_length=200, unique=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "cơ quan ban hành"
        verbose_name_plural = "cơ quan ban hành"


def attachment_path(instance, filename):
    """In the private folder, never at a guessable name: every download goes through
    `docs_registry.downloads`, which applies the page's visibility rule."""
    today = timezone.localdate()
    return posixpath.join(
        PRIVATE_PREFIX, "van-ban", f"{today:%Y}", random_name(clean_file_name(filename))
    )


class Document(UnitScoped, Publishable):
    number = models.CharField(
        "Số ký hiệu",
        max_length=100,
        help_text="Viết theo mẫu 23-QĐ/TW hoặc 59/2023/NĐ-CP; hệ thống tự chuẩn hoá.",
    )
    doc_type = models.ForeignKey(
        DocumentType,
        verbose_name="Loại văn bản",
        on_delete=models.PROTECT,
        related_name="documents",
    )
    issuer = models.ForeignKey(
        Issuer, verbose_name="Cơ quan ban hành", on_delete=models.PROTECT, related_name="documents"
    )
    issuing_unit = models.ForeignKey(
        "taxonomy.Unit",
        verbose_name="Đơn vị ban hành",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Đơn vị (tỉnh, xã, tổ chức) đã ban hành văn bản, nếu có trong danh mục.",
    )
    issue_date = models.DateField("Ngày ban hành", null=True, blank=True)
    # Always set (0 = unknown) so the identity constraint holds on every database: NULLs are
    # distinct in unique constraints on both SQLite and PostgreSQL.
    issue_year = models.PositiveSmallIntegerField(
        "Năm ban hành",
        default=0,
        blank=True,
        help_text="Tự lấy từ ngày ban hành; nhập riêng khi chỉ biết năm. 0 = chưa rõ.",
    )
    effective_date = models.DateField("Ngày hiệu lực", null=True, blank=True)
    expiry_date = models.DateField("Ngày hết hiệu lực", null=True, blank=True)
    title = models.TextField("Trích yếu", blank=True)
    signer = models.CharField("Người ký", max_length=200, blank=True)
    slug = models.SlugField("Đường dẫn", max_length=200, unique=True, blank=True)
    manual_validity = models.CharField(
        "Tình trạng hiệu lực",
        max_length=16,
        choices=Validity.choices,
        default=Validity.IN_FORCE,
        help_text="Dùng khi không suy ra được: văn bản bị thay thế hoặc đã qua ngày hết "
        "hiệu lực thì hệ thống tự ghi nhận.",
    )
    is_internal = models.BooleanField(
        "Nội bộ (không công khai)",
        default=False,
        help_text="Văn bản mật hoặc nội bộ: không hiện trên trang công khai, tìm kiếm, "
        "nguồn tin, sơ đồ trang và tệp tải về.",
    )
    replaces = models.ManyToManyField(
        "self",
        verbose_name="Thay thế văn bản",
        symmetrical=False,
        blank=True,
        related_name="replaced_by",
    )
    posts = models.ManyToManyField(
        "news.Post", verbose_name="Bài viết trích dẫn", related_name="cited_documents", blank=True
    )
    tags = TaggableManager(
        "Chủ đề",
        through="TaggedDocument",
        blank=True,
        help_text="Các chủ đề, phân cách bằng dấu phẩy.",
    )

    # The issuing unit and the units it applies to (`units`) place a document in a unit.
    unit_fields = ("units", "issuing_unit")

    unit_section = UnitSection("Văn bản", 6, list_url="docs_registry:list")
    objects = DocumentQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["search_title", "search_text"],
        verbose_name="phiên bản văn bản",
        verbose_name_plural="phiên bản văn bản",
    )

    class Meta(Publishable.Meta):
        ordering = [F("issue_date").desc(nulls_last=True), "-issue_year", "-id"]
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        permissions = [
            ("publish_document", "Có thể xuất bản và gỡ văn bản"),
            ("view_internal_document", "Có thể xem văn bản nội bộ trên trang tra cứu"),
        ]
        constraints = [
            # A revision (draft over live) repeats its live document's number until approved.
            models.UniqueConstraint(
                fields=["number", "issuer", "issue_year"],
                condition=models.Q(revision_of__isnull=True),
                name="docs_unique_number_issuer_year",
            ),
            models.CheckConstraint(
                condition=models.Q(issue_year=0)
                | models.Q(issue_year__gte=1930, issue_year__lte=2100),
                name="docs_issue_year_range",
            ),
            models.CheckConstraint(
                condition=models.Q(expiry_date__isnull=True)
                | models.Q(effective_date__isnull=True)
                | models.Q(expiry_date__gte=F("effective_date")),
                name="docs_expiry_after_effective",
            ),
        ]
        indexes = [
            *Publishable.Meta.indexes,
            models.Index(fields=["number"], name="docs_number"),
            models.Index(fields=["issue_year"], name="docs_issue_year"),
            # The registry's count and facet counts (year, type, issuer, validity) and the
            # choice of the newest (Document.first_rows) read only these columns of the public
            # rows: with them all in one index neither database has to visit the table
            # (SQLite: 4 ms a facet before, under 1 ms after).
            models.Index(
                fields=[
                    "status",
                    "publish_at",
                    "is_internal",
                    "issue_year",
                    "doc_type",
                    "issuer",
                    "expiry_date",
                    "manual_validity",
                    "issue_date",  # newest first
                    "id",  # replaced-or-not looks up the document's id
                ],
                name="docs_public_facets",
            ),
            # The registry filtered by type, issuer and year (or a leading part of them): one
            # seek to the few hundred rows of that choice, newest first within it; without it
            # PostgreSQL ANDed three bitmaps that grow with the registry (165,000 index entries
            # for 528 rows at 500,000 documents, 12.5 ms).
            models.Index(
                fields=["doc_type", "issuer", "issue_year", "issue_date", "id"],
                name="docs_type_issuer_year",
            ),
        ]

    def __str__(self):
        return f"{self.number} – {self.title}" if self.title else self.number

    def get_absolute_url(self):
        return object_url("docs_registry:detail", slug=self.slug)

    @property
    def unit_card_title(self):
        """A document on a unit's page: its number and title."""
        return str(self)

    # -- identity -------------------------------------------------------------------

    def normalize_number(self):
        parsed = numbers.parse(self.number)
        if parsed:
            self.number = parsed.number
        else:
            self.number = numbers.normalize(self.number or "").strip()
        return parsed

    def clean(self):
        super().clean()
        parsed = self.normalize_number()
        errors = {}
        if not parsed and self.number:
            errors["number"] = (
                "Số ký hiệu chưa đúng mẫu (ví dụ 23-QĐ/TW, 59/2023/NĐ-CP, 959/QĐ-UBND)."
            )
        if self.issue_date and self.issue_year and self.issue_year != self.issue_date.year:
            errors["issue_year"] = "Năm ban hành khác với năm của ngày ban hành."
        if parsed and parsed.year and self.issue_year and parsed.year != self.issue_year:
            errors["issue_year"] = "Năm ban hành khác với năm trong số ký hiệu."
        if self.expiry_date and self.effective_date and self.expiry_date < self.effective_date:
            errors["expiry_date"] = "Ngày hết hiệu lực phải sau ngày có hiệu lực."
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        parsed = self.normalize_number()
        if self.issue_date:
            self.issue_year = self.issue_date.year
        elif not self.issue_year and parsed and parsed.year:
            self.issue_year = parsed.year
        self.issue_year = self.issue_year or 0
        if not self.slug:
            year = f" {self.issue_year}" if self.issue_year else ""
            self.slug = unique_slug(self, f"{self.number}{year}")
        super().save(*args, **kwargs)

    def search_parts(self):
        written = [self.number, " ".join(fold_chars(self.number).split("/"))]
        return [
            *written,
            self.title,
            self.signer,
            self.doc_type.name if self.doc_type_id else "",
            self.doc_type.abbreviation if self.doc_type_id else "",
            self.issuer.name if self.issuer_id else "",
            *(self.attachments.values_list("text", flat=True) if self.pk else ()),
        ]

    # -- status ---------------------------------------------------------------------

    @property
    def year_label(self):
        return str(self.issue_year) if self.issue_year else ""

    @classmethod
    def can_read_internal(cls, user):
        return bool(
            user is not None
            and user.is_active
            and (user.has_perm(cls.permission_name("view_internal")) or cls.can_preview(user))
            and has_verified_access(user)
        )

    def get_validity(self, today=None):
        """The validity of this row, by `DocumentQuerySet.with_validity` (annotated or queried)."""
        if today is None and hasattr(self, "validity"):
            return self.validity
        return (
            type(self)
            .objects.filter(pk=self.pk)
            .with_validity(today=today)
            .values_list("validity", flat=True)
            .first()
        )

    def get_validity_display(self):
        value = self.get_validity()
        return Validity(value).label if value else ""


class Attachment(ContentModel):
    document = models.ForeignKey(
        Document, verbose_name="Văn bản", on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField("Tên tệp hiển thị", max_length=300, blank=True)
    file = models.FileField(
        "Tệp",
        upload_to=attachment_path,
        max_length=300,
        validators=[validate_attachment],
        help_text="PDF, DOC hoặc DOCX, tối đa 20 MB.",
    )
    size = models.PositiveBigIntegerField("Dung lượng (byte)", default=0, editable=False)
    mime_type = models.CharField("Kiểu tệp", max_length=100, blank=True, editable=False)
    position = models.PositiveSmallIntegerField("Thứ tự", default=0)
    text = models.TextField("Nội dung trích xuất", blank=True, editable=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"

    def __str__(self):
        return self.title or self.download_name

    @property
    def download_name(self):
        """The name the file is saved under by a visitor: the title's words, its extension."""
        extension = posixpath.splitext(self.file.name or "")[1].lower()
        stem = slugify(self.title, max_length=80) if self.title else ""
        return f"{stem or self.document.slug or 'van-ban'}{extension}"

    def get_absolute_url(self):
        return object_url("docs_registry:download", document=self.document.slug, pk=self.pk)

    def save(self, *args, **kwargs):
        new_file = bool(self.file) and not self.file._committed
        if new_file:
            self.mime_type = sniff(self.file) or ""
            extension = ALLOWED_TYPES.get(self.mime_type, (None,))[0]
            self.file.name = clean_file_name(self.file.name, extension)
            self.text = ""
        if self.file:
            try:
                self.size = self.file.size
            except OSError:
                self.size = 0
        super().save(*args, **kwargs)
        # The document's search text includes this file's text.
        self.document.save(update_fields=["updated_at"])
        if new_file and self.mime_type == "application/pdf":
            # Extracting text can be made to cost seconds and hundreds of MB: a background
            # task, in a child process with limits (docs_registry/pdf_text.py).
            result = extract_attachment_text.enqueue(self.pk, self.file.name)
            if result.is_finished:  # run at once (the immediate backend of dev and tests)
                self.refresh_from_db(fields=["text"])

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self.document.save(update_fields=["updated_at"])
        return result

    @property
    def type_label(self):
        return ALLOWED_TYPES.get(self.mime_type, (None, "Tệp"))[1]


class TaggedDocument(TopicLink):
    """Links documents to the site's one topic vocabulary (taxonomy.Topic), shared with posts."""

    tag = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="tagged_documents")
    content_object = models.ForeignKey("Document", on_delete=models.CASCADE, related_name="+")


@task()
def extract_attachment_text(attachment_id, file_name):
    """The text of an uploaded PDF, for search, extracted in a child process held to
    `PDF_EXTRACT_SECONDS` and `PDF_EXTRACT_MEMORY_MB`; then the document's search text."""
    from .pdf_text import extract_pdf_text_bounded  # noqa: PLC0415 (pypdf loads at the first PDF)

    attachment = (
        Attachment.objects.select_related("document")
        .filter(pk=attachment_id, file=file_name)
        .first()
    )
    if attachment is None or attachment.mime_type != "application/pdf":
        return
    with attachment.file.open("rb") as handle:
        data = handle.read()
    text = extract_pdf_text_bounded(
        data, seconds=settings.PDF_EXTRACT_SECONDS, memory_mb=settings.PDF_EXTRACT_MEMORY_MB
    )
    Attachment.objects.filter(pk=attachment_id, file=file_name).update(
        text=strip_control_chars(text)
    )
    attachment.document.save(update_fields=["updated_at"])
