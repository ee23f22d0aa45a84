"""What citizens send (câu hỏi, góp ý, phản ánh, kiến nghị) and how the Ban handles it.

The sender's personal data (name, phone, e-mail, address) lives in `Sender`, one row per item,
which no public queryset, search source, feed, sitemap or cached page reads: the public sees a
`Question` through `published()` only, and only its title, content, topic, units, dates and
answer. Handling (`state`) and publishing the answer (`status`, the publishing base) are two
things: a handler takes the item through the states; the answer is a draft a publisher approves
like a post, and it is public only where the sender allowed it.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.publishing import Publishable, PublishableQuerySet, published_q
from core.slugs import unique_slug
from core.uploads import UploadTo
from taxonomy.units import UnitScoped, scope_ids
from voice import codes
from voice.deadlines import add_working_days


class Kind(models.TextChoices):
    QUESTION = "cau-hoi", "Câu hỏi"
    SUGGESTION = "gop-y", "Góp ý"
    REPORT = "phan-anh", "Phản ánh"
    PETITION = "kien-nghi", "Kiến nghị"


class State(models.TextChoices):
    NEW = "moi", "Mới"
    RECEIVED = "tiep-nhan", "Đã tiếp nhận"
    IN_PROGRESS = "dang-xu-ly", "Đang xử lý"
    ANSWERED = "da-tra-loi", "Đã trả lời"
    CLOSED = "dong", "Đóng"
    DECLINED = "khong-thu-ly", "Không thụ lý"


# Paths under /hoi-dap/ that are not questions.
RESERVED_SLUGS = {"gui", "tra-cuu", "gop-y-du-thao"}
OPEN_STATES = (State.NEW, State.RECEIVED, State.IN_PROGRESS)
# Which state may follow which (the admin's buttons and the model methods both read this).
NEXT_STATES = {
    State.NEW: {State.RECEIVED, State.DECLINED},
    State.RECEIVED: {State.IN_PROGRESS, State.DECLINED},
    State.IN_PROGRESS: {State.ANSWERED, State.DECLINED},
    State.ANSWERED: {State.CLOSED},
    State.DECLINED: {State.CLOSED},
    State.CLOSED: set(),
}


class MailState(models.TextChoices):
    NONE = "", "Không gửi"
    PENDING = "pending", "Đang chờ gửi"
    SENT = "sent", "Đã gửi"
    FAILED = "failed", "Gửi không được"


class QuestionQuerySet(PublishableQuerySet):
    @staticmethod
    def public_q(now=None):
        """The one public rule: an approved answer, published, that its sender allowed."""
        return published_q(now=now) & models.Q(
            allow_publish=True, state__in=(State.ANSWERED, State.CLOSED)
        )

    def published(self, now=None):
        return self.filter(self.public_q(now=now))

    def visible_to(self, user, now=None):
        if self.model.can_preview(user):
            scope = self.model.scope_q(user)
            return self.all() if scope is None else self.filter(self.public_q(now) | scope)
        return self.published(now=now)

    def overdue(self, today=None):
        """Open items past their deadline."""
        today = today or timezone.localdate()
        return self.filter(state__in=OPEN_STATES, due_on__lt=today)


class Question(UnitScoped, Publishable):
    code = models.CharField("Mã theo dõi", max_length=16, unique=True, editable=False)
    kind = models.CharField("Loại", max_length=16, choices=Kind.choices, default=Kind.QUESTION)
    topic = models.ForeignKey(
        "taxonomy.Topic",
        verbose_name="Lĩnh vực",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField("Tiêu đề", max_length=200)
    slug = models.SlugField("Đường dẫn", max_length=220, unique=True, blank=True)
    content = models.TextField("Nội dung")
    allow_publish = models.BooleanField("Đồng ý công khai câu trả lời", default=False)
    wants_answer = models.BooleanField("Muốn nhận trả lời", default=True)
    consented_at = models.DateTimeField("Đồng ý xử lý dữ liệu lúc", null=True, editable=False)
    received_at = models.DateTimeField("Nhận lúc", default=timezone.now, editable=False)
    due_on = models.DateField("Hạn trả lời", null=True, blank=True, editable=False)
    state = models.CharField(
        "Tình trạng xử lý", max_length=16, choices=State.choices, default=State.NEW
    )
    state_changed_at = models.DateTimeField("Đổi tình trạng lúc", null=True, editable=False)
    assigned_unit = models.ForeignKey(
        "taxonomy.Unit",
        verbose_name="Đơn vị xử lý",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Cán bộ xử lý",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decline_reason = models.TextField("Lý do không thụ lý", blank=True, editable=False)
    answer = models.TextField(
        "Nội dung trả lời", blank=True, help_text="Văn bản thuần; không dùng mã HTML."
    )
    answered_at = models.DateTimeField("Trả lời lúc", null=True, blank=True, editable=False)
    closed_at = models.DateTimeField("Đóng lúc", null=True, blank=True, editable=False)
    mail_state = models.CharField(
        "Thư báo trả lời", max_length=8, choices=MailState.choices, blank=True, editable=False
    )
    mail_attempts = models.PositiveSmallIntegerField("Số lần gửi thư", default=0, editable=False)
    personal_data_deleted_at = models.DateTimeField(
        "Đã xóa dữ liệu cá nhân lúc", null=True, blank=True, editable=False
    )

    # The commune the item concerns (`units`) and the unit handling it place it in a scope.
    unit_fields = ("units", "assigned_unit")
    # Unit pages (/don-vi/<slug>/) list each UnitScoped content kind under this heading.
    unit_section = ("Hỏi đáp", 5)

    objects = QuestionQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["search_title", "search_text"],
        verbose_name="phiên bản câu hỏi",
        verbose_name_plural="phiên bản câu hỏi",
    )

    class Meta(Publishable.Meta):
        ordering = ["-received_at", "-id"]
        verbose_name = "câu hỏi, góp ý"
        verbose_name_plural = "Hộp thư góp ý"
        permissions = [("publish_question", "Có thể duyệt và công khai câu trả lời")]
        indexes = [
            models.Index(fields=["status", "-publish_at"], name="voice_question_pub"),
            models.Index(fields=["state", "due_on"], name="voice_question_due"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.code:
            self.code = self._unused_code()
        if not self.slug or self.slug in RESERVED_SLUGS:
            self.slug = unique_slug(self, self.title)
            if self.slug in RESERVED_SLUGS:
                self.slug = unique_slug(self, f"{self.title} hỏi đáp")
        if self.due_on is None:
            received = timezone.localtime(self.received_at or timezone.now()).date()
            self.due_on = add_working_days(received, settings.VOICE_ANSWER_WORKING_DAYS)
        super().save(*args, **kwargs)

    @classmethod
    def _unused_code(cls):
        while True:
            code = codes.new_code()
            if not cls._default_manager.filter(code=code).exists():
                return code

    def get_absolute_url(self):
        return reverse("voice:detail", kwargs={"slug": self.slug})

    def search_parts(self):
        # Only what the public page shows: never the sender (a separate model).
        return [self.title, self.content, self.answer]

    def is_public(self, now=None):
        return (
            super().is_public(now=now)
            and self.allow_publish
            and self.state in (State.ANSWERED, State.CLOSED)
        )

    def answer_released(self, now=None):
        """The answer is approved and due: the citizen sees it when following the item, even
        where it is not public."""
        return Publishable.is_public(self, now=now) and bool(self.answered_at)

    @property
    def display_code(self):
        return codes.display(self.code)

    @property
    def is_overdue(self):
        return (
            self.state in OPEN_STATES and bool(self.due_on) and self.due_on < timezone.localdate()
        )

    @property
    def days_to_answer(self):
        if not self.answered_at:
            return None
        return (
            timezone.localtime(self.answered_at).date()
            - timezone.localtime(self.received_at).date()
        ).days

    @classmethod
    def desk_overdue(cls, user, now=None):
        """The review desk's "Quá hạn trả lời": overdue items this user may handle."""
        if not cls.can_write(user):
            return []
        today = timezone.localdate(now) if now else None
        queryset = cls.objects.in_scope_of(user).overdue(today)
        return list(queryset.defer("search_title", "search_text").order_by("due_on", "pk")[:100])

    # -- handling ----------------------------------------------------------------------

    def can_handle(self, user):
        return self.can_write(user) and self.is_in_scope_of(user)

    def _move(self, user, state, **fields):
        if not self.can_handle(user):
            raise PermissionDenied("Bạn không có quyền xử lý mục này.")
        if state not in NEXT_STATES[self.state]:
            raise ValidationError(
                f"Không chuyển được từ “{self.get_state_display()}” sang “{State(state).label}”."
            )
        for name, value in fields.items():
            setattr(self, name, value)
        self.state = state
        self.state_changed_at = timezone.now()
        self.updated_by = user
        self.save()

    def receive(self, user):
        """Mới -> đã tiếp nhận."""
        self._move(user, State.RECEIVED)

    def assign(self, user, unit, handler=None):
        """Đã tiếp nhận -> đang xử lý by `unit` (one of the user's units) and `handler`."""
        if unit is None:
            raise ValidationError("Hãy chọn đơn vị xử lý.")
        ids = scope_ids(user)
        if ids is not None and unit.pk not in ids:
            raise PermissionDenied("Chỉ giao được cho đơn vị thuộc phạm vi của bạn.")
        self._move(user, State.IN_PROGRESS, assigned_unit=unit, handler=handler or user)

    def decline(self, user, reason):
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError("Hãy ghi lý do không thụ lý.")
        self._move(user, State.DECLINED, decline_reason=reason)

    def close(self, user):
        self._move(user, State.CLOSED, closed_at=timezone.now())

    # -- the answer: drafted by the handler, approved by a publisher --------------------------

    def can_revise(self, user):
        # No draft-over-live copy: a copy would carry the tracking code and leave the sender,
        # notes and attachments behind. A publisher corrects a published answer directly (or
        # takes it off the site, edits it and approves it again).
        return False

    def publish(self, user, at=None):
        """Approve the answer: the item is answered; the public sees it where allowed, and the
        citizen is told by e-mail (a task, after the commit) where they gave an address."""
        self._require_publisher(user)
        if self.state not in (State.IN_PROGRESS, State.ANSWERED, State.CLOSED):
            raise ValidationError("Chỉ duyệt được câu trả lời của mục đang xử lý.")
        if not self.answer.strip():
            raise ValidationError("Chưa có nội dung trả lời.")
        first_answer = self.answered_at is None
        if first_answer:
            self.answered_at = timezone.now()
            self.state = State.ANSWERED
            self.state_changed_at = self.answered_at
        super().publish(user, at=at)
        if first_answer:
            self.queue_answer_mail()

    def queue_answer_mail(self):
        from voice.tasks import send_answer_mail  # noqa: PLC0415 (tasks import the models)

        email = getattr(getattr(self, "sender", None), "email", "")
        if not (self.wants_answer and email):
            return
        type(self)._default_manager.filter(pk=self.pk).update(mail_state=MailState.PENDING)
        self.mail_state = MailState.PENDING
        transaction.on_commit(lambda: send_answer_mail.enqueue(self.pk, 1))

    def retention_ends(self):
        if not self.closed_at:
            return None
        months = settings.VOICE_RETENTION_MONTHS
        return self.closed_at + datetime.timedelta(days=round(months * 30.44))


class Sender(models.Model):
    """Who sent an item: personal data, read only by handlers (every read logged) and deleted
    on request or `VOICE_RETENTION_MONTHS` after the item closed."""

    question = models.OneToOneField(
        Question, on_delete=models.CASCADE, related_name="sender", primary_key=True
    )
    name = models.CharField("Họ và tên", max_length=120, blank=True)
    phone = models.CharField("Số điện thoại", max_length=20, blank=True)
    email = models.EmailField("Thư điện tử", blank=True)
    address = models.CharField("Địa chỉ", max_length=300, blank=True)
    # The phone or e-mail as lookups compare it (voice.codes.normalize_contact).
    contact_key = models.CharField(max_length=254, blank=True, db_index=True, editable=False)

    class Meta:
        verbose_name = "người gửi"
        verbose_name_plural = "người gửi"

    def __str__(self):
        return "Người gửi (dữ liệu cá nhân)"

    def save(self, *args, **kwargs):
        self.contact_key = codes.normalize_contact(self.email or self.phone)
        super().save(*args, **kwargs)

    def matches(self, typed):
        """Whether `typed` is this sender's phone or e-mail (compared in constant time)."""
        import hmac  # noqa: PLC0415 (only here)

        wanted = codes.normalize_contact(typed)
        if not wanted:
            return False
        mine = [codes.normalize_contact(v) for v in (self.phone, self.email) if v]
        return any(hmac.compare_digest(wanted, value) for value in mine)

    def is_empty(self):
        return not (self.name or self.phone or self.email or self.address)

    def as_dict(self):
        return {
            "name": self.name,
            "phone": self.phone,
            "email": self.email,
            "address": self.address,
        }

    def erase(self):
        """Delete the personal fields and the attachments of the item (which may show them)."""
        self.name = self.phone = self.email = self.address = ""
        self.save()
        for attachment in self.question.attachments.all():
            attachment.file.delete(save=False)
            attachment.delete()
        Question.objects.filter(pk=self.question_id).update(personal_data_deleted_at=timezone.now())


class QuestionAttachment(models.Model):
    """A picture or PDF the citizen sent: private, never served from /media/."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("Tệp", upload_to=UploadTo("private/hoi-dap/%Y/%m"), max_length=255)
    mime_type = models.CharField(max_length=100, editable=False)
    size = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["pk"]
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"

    def __str__(self):
        return f"Tệp đính kèm {self.pk}"


class Note(models.Model):
    """An internal note on an item, for the handlers; never public."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField("Ghi chú")
    created_at = models.DateTimeField("Lúc", auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = "ghi chú nội bộ"
        verbose_name_plural = "ghi chú nội bộ"

    def __str__(self):
        return f"Ghi chú {self.pk}"
