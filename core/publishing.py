"""The publishing base shared by news posts, events and registry documents.

`PublishableQuerySet.published()` is the one definition of what the public may see.
State changes go through the model methods below, which check permissions on the server.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, models
from django.utils import timezone

from core import audit, revisions
from core.dates import format_datetime
from core.desk_workflow import DeskWorkflowMixin
from core.second_factor import has_verified_access
from core.status import Status  # noqa: F401 (imported from here by the apps)
from core.text import nfc, strip_control_chars, words


def published_q(prefix="", now=None):
    """The public rule as a Q, for a related model reached through `prefix` ("posts__")."""
    return models.Q(
        **{f"{prefix}status": Status.PUBLISHED, f"{prefix}publish_at__lte": now or timezone.now()}
    )


class PublishableQuerySet(models.QuerySet):
    def published(self, now=None):
        """Status published and `publish_at` not in the future."""
        return self.filter(published_q(now=now))

    def public(self, now=None):
        """What public pages may list; models with more rules (internal documents) add them."""
        return self.published(now=now)

    def visible_to(self, user, now=None):
        """What `user` may open at its public URL: who may view or change this kind of item in
        the admin previews everything of it; everyone else sees `published()`."""
        if self.model.can_preview(user):
            scope = self.model.scope_q(user)
            return self.all() if scope is None else self.filter(published_q(now=now) | scope)
        return self.published(now=now)

    def in_scope_of(self, user):
        """The items `user` may work on (`Publishable.scope_q`): the admin's lists, pickers
        and bulk actions start from this."""
        scope = self.model.scope_q(user)
        return self if scope is None else self.filter(scope)

    def first_rows(self, limit, prepare=None):
        """The first `limit` rows in this queryset's order, picked by id first.

        Sorting then reads only the columns the order and the filters need (from an index,
        where one covers them) instead of whole rows: for the short lists of the home page and
        the sidebars, and search results, where SQLite otherwise sorted every matching row with
        all its columns. Returns a plain queryset of those rows in the same order; `prepare`
        (queryset -> queryset) adds the annotations the order refers to before it is applied.
        Add select_related(), defer() or other annotations after.
        """
        ids = self.values("pk")[:limit]
        # Only the ids carry the filters: repeated outside, SQLite walked them again instead
        # of looking the few rows up.
        rows = self.model._default_manager.filter(pk__in=ids)
        return (prepare(rows) if prepare else rows).order_by(*self.query.order_by)


def pk_in_any(*id_querysets):
    """Q for rows whose pk is among any of the (sliced) `values("pk")` querysets, in one query.

    One IN over their UNION where the database allows a LIMIT in each part (PostgreSQL walks
    each by its index); elsewhere (SQLite) an OR of INs, which SQLite answers by rowid.
    An OR of INs made PostgreSQL scan the whole table.
    """
    if connection.features.supports_slicing_ordering_in_compound:
        first, *rest = id_querysets
        return models.Q(pk__in=first.union(*rest, all=True))
    condition = models.Q()
    for ids in id_querysets:
        condition |= models.Q(pk__in=ids)
    return condition


def normalize_text_fields(instance):
    """Store every char/text field of `instance` in NFC, without control characters.

    Text fields (and the rich-text bodies, which are text fields) may keep tab and newline;
    one-line fields (CharField) keep none. A pasted U+000B in a title took the feeds down.
    """
    for field in instance._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField)):
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                multiline = isinstance(field, models.TextField)
                setattr(instance, field.attname, nfc(strip_control_chars(value, multiline)))


def folded_words(text):
    """ " dan van kheo": folded words, each preceded by a space so a word prefix is `LIKE '% dan%'`."""
    return "".join(f" {word}" for word in words(text))


def words_match_q(query_words, field="search_text"):
    """Every word starts a word of `field`, stored by `folded_words`: " dan" finds "dân", "23"
    does not find "123"."""
    condition = models.Q()
    for word in query_words:
        condition &= models.Q(**{f"{field}__contains": f" {word}"})
    return condition


def _actor(user):
    """The acting account for the audit log: None for the system (an import, a task)."""
    return user if user is not None and getattr(user, "pk", None) else None


class ContentModel(models.Model):
    """Abstract base of every row editors write: when and by whom it was made and last changed,
    and its text stored in Unicode NFC (`normalize_text_fields` on every save)."""

    created_at = models.DateTimeField("Tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("Cập nhật lúc", auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người tạo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người sửa cuối",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        normalize_text_fields(self)
        super().save(*args, **kwargs)


class Publishable(DeskWorkflowMixin, ContentModel):
    status = models.CharField(
        "Trạng thái", max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(
        "Thời điểm xuất bản",
        null=True,
        blank=True,
        help_text="Để trống khi xuất bản ngay; đặt thời điểm trong tương lai để hẹn giờ.",
    )
    status_changed_at = models.DateTimeField(
        "Đổi trạng thái lúc", null=True, blank=True, editable=False
    )
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người đổi trạng thái",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    # Folded words (" dan van kheo") kept beside the text, so search matches accent-, case- and
    # normalisation-insensitively on every database. Filled on save from `search_parts()`.
    search_title = models.TextField(editable=False, blank=True, default="")
    search_text = models.TextField(editable=False, blank=True, default="")

    # "Trả lại": a draft a publisher sent back, with why, until its author submits it again.
    sent_back = models.BooleanField("Bị trả lại", default=False, editable=False)
    sent_back_comment = models.TextField("Lý do trả lại", blank=True, editable=False)
    # Draft over live (core.revisions): a revised version of a published item, never public
    # itself; approving it copies its content onto the live item.
    revision_of = models.ForeignKey(
        "self",
        verbose_name="Bản sửa của",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="revisions",
        editable=False,
    )

    # Optimistic concurrency (core/desk.py): every save adds one, and a form opened on an older
    # version is refused instead of overwriting the newer one.
    version = models.PositiveIntegerField("Phiên bản", default=1, editable=False)
    # Multi-step approval (core/approval.py): how many steps of the item's approval are done.
    approval_step = models.PositiveSmallIntegerField("Bước duyệt đã qua", default=0, editable=False)
    # A revision approved for later: it replaces the live item at this time (core/revisions.py).
    go_live_at = models.DateTimeField("Áp dụng bản sửa lúc", null=True, blank=True, editable=False)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True
        indexes = [
            models.Index(fields=["status", "-publish_at"], name="%(app_label)s_%(class)s_pub"),
        ]

    def save(self, *args, **kwargs):
        self.refresh_search_fields()
        if kwargs.get("update_fields") is not None:
            # Bookkeeping (a document's search text after its PDF was read): not a new version,
            # or an editor's open form would be refused for a change nobody made.
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_title", "search_text"}
        elif not self._state.adding:
            self.version = (self.version or 0) + 1
        super().save(*args, **kwargs)

    def refresh_search_fields(self):
        """Fill `search_title`/`search_text` (save() does; bulk loaders call it themselves)."""
        self.search_title = folded_words(str(self))
        self.search_text = folded_words(" ".join(p for p in self.search_parts() if p))

    def search_parts(self):
        """The texts search looks in; models add their own fields."""
        return [str(self)]

    # -- visibility ---------------------------------------------------------------

    def is_public(self, now=None):
        return (
            self.status == Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= (now or timezone.now())
        )

    @property
    def is_scheduled(self):
        return self.status == Status.PUBLISHED and not self.is_public()

    @property
    def state_label(self):
        """What editors see: the status, or "Trả lại" / "Hẹn giờ xuất bản" where it says more."""
        if self.status == Status.DRAFT and self.sent_back:
            label = "Trả lại"
        elif self.is_scheduled:
            label = "Hẹn giờ xuất bản"
        elif self.go_live_at:
            label = "Đã duyệt, hẹn giờ áp dụng"
        else:
            label = self.get_status_display()
        return f"Bản sửa – {label.lower()}" if self.revision_of_id else label

    # -- permissions --------------------------------------------------------------

    @classmethod
    def permission_name(cls, action):
        return f"{cls._meta.app_label}.{action}_{cls._meta.model_name}"

    @classmethod
    def can_preview(cls, user):
        """Drafts, scheduled and internal items open at their public URL for who may view or
        change them in the admin (a permission of the model, not `is_staff` alone), once they
        passed the second factor they owe (core/second_factor.py)."""
        return bool(
            user is not None
            and user.is_active
            and (
                user.has_perm(cls.permission_name("view"))
                or user.has_perm(cls.permission_name("change"))
            )
            and has_verified_access(user)
        )

    @classmethod
    def scope_q(cls, user):
        """The items `user` may work on as a Q, or None for every item. Nothing limits them
        here; content that belongs to units (taxonomy.units.UnitScoped) limits each editor to
        the units they belong to."""
        return None

    def is_in_scope_of(self, user):
        scope = self.scope_q(user)
        if scope is None or self.pk is None:
            return True  # a new item's units are checked by its form
        return type(self)._default_manager.filter(pk=self.pk).filter(scope).exists()

    def _require_scope(self, user):
        if not self.is_in_scope_of(user):
            raise PermissionDenied("Nội dung này thuộc đơn vị khác, bạn không có quyền thao tác.")

    @classmethod
    def can_write(cls, user):
        """Who may write this kind of item: drafts, submissions, revisions of published ones."""
        return bool(user and user.is_active and user.has_perm(cls.permission_name("change")))

    @classmethod
    def can_publish(cls, user):
        return bool(user and user.is_active and user.has_perm(cls.permission_name("publish")))

    def can_edit(self, user, scoped=False):
        """Editors edit drafts; an item submitted for review is locked for them until it is
        sent back or withdrawn, and published or archived ones need a publisher. `scoped`: the
        caller read the item through `in_scope_of(user)` already (no second query)."""
        if not self.can_write(user) or not (scoped or self.is_in_scope_of(user)):
            return False
        if self.status != Status.DRAFT:
            return self.can_publish(user)
        return True

    def _require_publisher(self, user):
        if not self.can_publish(user):
            raise PermissionDenied("Bạn không có quyền xuất bản hoặc gỡ nội dung này.")
        self._require_scope(user)

    # -- transitions --------------------------------------------------------------

    def _set_status(self, status, user, action, sent_back_comment=None):
        """Move to `status` and put the move on record (`action`, core.audit)."""
        before = self.status
        # Any move but a send-back ends the "Trả lại" state.
        self.sent_back = sent_back_comment is not None
        self.sent_back_comment = sent_back_comment or ""
        self.status = status
        self.status_changed_at = timezone.now()
        self.status_changed_by = user
        if user is not None and user.pk:
            self.updated_by = user
        if status != Status.REVIEW:
            self.approval_step = 0  # a new review starts again from the first step
            self.go_live_at = None  # and a revision's time to go live needs a new approval
        self.save()
        changes = {"Trạng thái": f"{Status(before).label} → {Status(status).label}"}
        if sent_back_comment:
            changes["Lý do"] = sent_back_comment
        if action in (audit.Action.PUBLISHED, audit.Action.SCHEDULED) and self.publish_at:
            changes["Thời điểm xuất bản"] = format_datetime(self.publish_at)
        if action == audit.Action.REVISION_SCHEDULED and self.go_live_at:
            changes["Áp dụng lúc"] = format_datetime(self.go_live_at)
        audit.record(action, user=_actor(user), obj=self, changes=changes)

    def submit(self, user):
        """Draft -> in review."""
        if not self.can_write(user):
            raise PermissionDenied("Bạn không có quyền gửi duyệt nội dung này.")
        self._require_scope(user)
        if self.status != Status.DRAFT:
            raise ValidationError("Chỉ bản nháp mới được gửi duyệt.")
        self._set_status(Status.REVIEW, user, audit.Action.SUBMITTED)

    def publish(self, user, at=None):
        """Publish now, or at `at` (a scheduled publication). Publishing a revision approves
        it: its content replaces the live item's (`approved_into`), and the revision goes."""
        self._require_publisher(user)
        if self.revision_of_id:
            self.approved_into = self.approve_revision(user)
            return
        self.require_approvals_done()
        # Re-publishing keeps the original publication time unless a new one is given.
        self.publish_at = at or self.publish_at or timezone.now()
        scheduled = self.publish_at > timezone.now()
        action = audit.Action.SCHEDULED if scheduled else audit.Action.PUBLISHED
        self._set_status(Status.PUBLISHED, user, action)

    def unpublish(self, user):
        """Take a published item off the site; it becomes a draft again."""
        self._require_publisher(user)
        self._set_status(Status.DRAFT, user, audit.Action.UNPUBLISHED)

    def send_back(self, user, comment=""):
        """Return an item in review to its author as a draft ("Trả lại", with why): by a
        publisher, or at any step of a multi-step approval by that step's group."""
        self._require_reviewer(user)
        if self.status != Status.REVIEW:
            raise ValidationError("Chỉ nội dung đang chờ duyệt mới trả lại được.")
        self._set_status(
            Status.DRAFT, user, audit.Action.SENT_BACK, sent_back_comment=(comment or "").strip()
        )

    def can_withdraw(self, user):
        """Who may edit drafts may take back an item they submitted, before it is reviewed."""
        return self.status == Status.REVIEW and self.can_write(user) and self.is_in_scope_of(user)

    # -- draft over live -----------------------------------------------------------------------

    def can_revise(self, user):
        """Who may write this kind of item may propose a revised version of a published one."""
        return (
            self.status == Status.PUBLISHED
            and self.revision_of_id is None
            and self.can_write(user)
            and self.is_in_scope_of(user)
        )

    def start_revision(self, user):
        """The open revision of this published item (made now as a draft copy if none)."""
        if not self.can_revise(user):
            raise PermissionDenied("Chỉ đề xuất sửa được nội dung đang xuất bản.")
        return revisions.start(self, user)

    def approve_revision(self, user):
        self._require_publisher(user)
        if self.status not in (Status.DRAFT, Status.REVIEW):
            raise ValidationError("Bản sửa này không còn chờ duyệt.")
        self.require_approvals_done()
        return revisions.apply(self, user)

    def withdraw(self, user):
        """In review -> draft, by who may write it (to fix it before a publisher reviews it)."""
        if not self.can_withdraw(user):
            raise PermissionDenied("Chỉ rút lại được nội dung đang chờ duyệt.")
        self._set_status(Status.DRAFT, user, audit.Action.WITHDRAWN)

    def archive(self, user):
        self._require_publisher(user)
        self._set_status(Status.ARCHIVED, user, audit.Action.ARCHIVED)
