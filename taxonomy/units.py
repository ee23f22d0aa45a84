"""Units (`Đơn vị`): the province, its communes, wards and special zones, the former districts
and communes they were made from, and the agencies and organisations that publish.

A unit that no longer exists keeps its row, its names and the date it ended; `Succession` says
which units it became part of (one or several, a split being several). Everything tagged with a
former unit is found under the units that took it over (`UnitQuerySet.family_ids`).
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import models

from core import text
from core.links import object_url
from core.publishing import folded_words, words_match_q
from core.slugs import unique_slug


class Kind(models.TextChoices):
    # The value is the kind word the official lists and articles put before the name.
    PROVINCE = "tỉnh", "Tỉnh"
    CITY = "thành phố", "Thành phố"
    DISTRICT = "huyện", "Huyện"
    TOWN = "thị xã", "Thị xã"
    COMMUNE = "xã", "Xã"
    WARD = "phường", "Phường"
    TOWNSHIP = "thị trấn", "Thị trấn"
    SPECIAL_ZONE = "đặc khu", "Đặc khu"
    AGENCY = "cơ quan", "Cơ quan"
    ORGANISATION = "tổ chức", "Tổ chức"


# Kinds whose word is part of the name as people write it ("xã Mộc Bắc"); agencies and
# organisations carry their whole name ("Hội Nông dân tỉnh").
PLACE_KINDS = frozenset(Kind) - {Kind.AGENCY, Kind.ORGANISATION}
FORMER = "(cũ)"


class UnitQuerySet(models.QuerySet):
    def current(self):
        return self.filter(ended_on__isnull=True)

    def matching(self, query):
        """Units whose current or former names have a word starting with each word of `query`,
        accent- and case-insensitively ("moc bac" finds "xã Mộc Bắc (cũ)")."""
        return self.filter(words_match_q(text.words(query)))

    def family_ids(self, ids):
        """`ids` and every unit that became part of them, at any depth: their predecessors
        (merged into them) and their former members (for a unit that no longer exists, every
        unit it contained).
        Two small queries whatever the number of units; content of all of them is shown
        under (and editable by the editors of) the first."""
        ids = set(ids)
        return UnitGraph.load().family(ids) if ids else set()


class UnitGraph:
    """Who became part of whom: every succession and every former unit's members, read in two
    queries, to walk as often as needed (a facet asks it of every unit)."""

    units = ()  # the Unit rows, when loaded with them (`load_with_units`)

    def __init__(self, successions, units):
        self.predecessors, self.children, self.ended = {}, {}, set()
        for before, after in successions:
            self.predecessors.setdefault(after, set()).add(before)
        for pk, parent, ended_on in units:
            if parent is not None:
                self.children.setdefault(parent, set()).add(pk)
            if ended_on is not None:
                self.ended.add(pk)

    @classmethod
    def load(cls):
        return cls(
            Succession.objects.values_list("predecessor_id", "successor_id"),
            Unit.objects.values_list("pk", "parent_id", "ended_on"),
        )

    @classmethod
    def load_with_units(cls):
        """The graph and the units' rows (what a label and a link need), in two queries."""
        units = list(Unit.objects.only("kind", "name", "slug", "parent_id", "ended_on"))
        graph = cls(
            Succession.objects.values_list("predecessor_id", "successor_id"),
            [(u.pk, u.parent_id, u.ended_on) for u in units],
        )
        graph.units = units
        return graph

    def family(self, ids):
        found, todo = set(), list(ids)
        while todo:
            pk = todo.pop()
            if pk in found:
                continue
            found.add(pk)
            todo.extend(self.predecessors.get(pk, ()))
            children = self.children.get(pk, ())
            if pk not in self.ended:
                # A current unit's current members (the province's communes) are units of
                # their own and are not folded in; its former members (the districts it had
                # until 2025) are. A former unit's members all went with it.
                children = [child for child in children if child in self.ended]
            todo.extend(children)
        return found


class Unit(models.Model):
    """A place or body content belongs to; see the module docstring."""

    kind = models.CharField("Loại", max_length=16, choices=Kind.choices)
    name = models.CharField(
        "Tên", max_length=200, help_text="Không kèm chữ chỉ loại: “Mộc Bắc”, không “xã Mộc Bắc”."
    )
    slug = models.SlugField("Đường dẫn", max_length=220, unique=True, blank=True)
    code = models.CharField(
        "Mã", max_length=16, unique=True, null=True, blank=True, help_text="Mã chính thức nếu có."
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="Đơn vị cấp trên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    ended_on = models.DateField(
        "Ngày thôi tồn tại",
        null=True,
        blank=True,
        help_text="Ngày sáp nhập, giải thể; để trống khi đơn vị đang tồn tại.",
    )
    former_names = models.TextField(
        "Tên gọi cũ", blank=True, help_text="Mỗi dòng một tên cũ, kèm chữ chỉ loại nếu có."
    )
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name="Người biên tập, duyệt của đơn vị",
        blank=True,
        related_name="units",
        help_text="Người có đơn vị chỉ thấy và sửa nội dung của đơn vị mình.",
    )
    search_text = models.TextField(editable=False, blank=True, default="")

    objects = UnitQuerySet.as_manager()

    class Meta:
        # Current units first on every database (PostgreSQL sorts NULLs last by default).
        ordering = [models.F("ended_on").asc(nulls_first=True), "name", "kind"]
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "name", "parent"],
                name="taxonomy_unit_unique_name",
                nulls_distinct=False,
            )
        ]

    def __str__(self):
        return self.label

    def save(self, *args, **kwargs):
        self.name = text.nfc(text.strip_control_chars(self.name, multiline=False)).strip()
        self.former_names = text.nfc(self.former_names).strip()
        self.code = (self.code or "").strip() or None
        if not self.slug:
            self.slug = unique_slug(self, self.full_name)
        self.search_text = folded_words(" ".join([self.full_name, *self.former_name_list()]))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return object_url("units:detail", slug=self.slug)

    @property
    def full_name(self):
        """ "xã Mộc Bắc"; an organisation's own name."""
        return f"{self.kind} {self.name}" if self.kind in PLACE_KINDS else self.name

    @property
    def label(self):
        """The name as portals write it: "xã Mộc Bắc (cũ)" once the unit no longer exists."""
        return f"{self.full_name} {FORMER}" if self.ended_on else self.full_name

    @property
    def is_current(self):
        return self.ended_on is None

    def former_name_list(self):
        return [line.strip() for line in self.former_names.splitlines() if line.strip()]

    def successor_units(self):
        """The units this one became (part of): "what became of it"."""
        return Unit.objects.filter(predecessors__predecessor=self)

    def predecessor_units(self):
        return Unit.objects.filter(successors__successor=self)


class Succession(models.Model):
    """`predecessor` became (part of) `successor` on `date` (a merger, or one share of a split)."""

    predecessor = models.ForeignKey(
        Unit, verbose_name="Đơn vị cũ", on_delete=models.CASCADE, related_name="successors"
    )
    successor = models.ForeignKey(
        Unit, verbose_name="Đơn vị mới", on_delete=models.CASCADE, related_name="predecessors"
    )
    date = models.DateField("Ngày hiệu lực")

    class Meta:
        ordering = ["date"]
        verbose_name = "sắp xếp đơn vị"
        verbose_name_plural = "sắp xếp đơn vị"
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="taxonomy_succession_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(predecessor=models.F("successor")),
                name="taxonomy_succession_not_itself",
            ),
        ]

    def __str__(self):
        return f"{self.predecessor.full_name} → {self.successor.full_name}"


def scope_ids(user):
    """The units whose content `user` may work on (`family_ids` of their own units), or None
    when nothing limits them: administrators and users who belong to no unit. Kept on the user
    object for the request."""
    if user is None or not user.is_authenticated or user.is_superuser:
        return None
    if not hasattr(user, "_unit_scope"):
        through = Unit.editors.through.objects.filter(user_id=user.pk)
        own = list(through.values_list("unit_id", flat=True))
        user._unit_scope = Unit.objects.family_ids(own) if own else None
    return user._unit_scope


@dataclass(frozen=True)
class UnitSection:
    """How a kind of content shows on a unit's page (`unit_section` on the model): a heading,
    how many items, the public queryset method that lists them (`published`, or one like
    `upcoming` built on it) and the URL name of the list that takes `?don_vi=<slug>`."""

    title: str
    limit: int = 6
    queryset: str = "published"
    list_url: str = ""

    @classmethod
    def of(cls, model):
        """The model's section, from a UnitSection or a plain tuple ("Tin tức", 6); None when
        the model declares none."""
        value = getattr(model, "unit_section", None)
        if value is None or isinstance(value, cls):
            return value
        return cls(*value)


class UnitScoped(models.Model):
    """Content that belongs to units (posts, events, documents …): shown on the units' pages,
    filtered by them, and written only by the editors of those units (`scope_q`).

    An item is in a user's scope when one of its `unit_fields` names a unit of theirs, or one
    that became part of a unit of theirs; users with no unit and administrators see all."""

    units = models.ManyToManyField(
        Unit,
        verbose_name="Đơn vị",
        blank=True,
        related_name="+",
        help_text="Đơn vị, địa bàn mà nội dung này nói tới hoặc thuộc về.",
    )

    # Fields (many-to-many or foreign keys to Unit) that place an item in a unit's scope.
    unit_fields = ("units",)
    # Its section on the units' pages (`UnitSection`, or a tuple of its arguments); None: none.
    unit_section = None

    class Meta:
        abstract = True

    @classmethod
    def unit_q(cls, unit_ids):
        """Items with any of `unit_ids` in any of `unit_fields`, as one Q with no joins that
        could repeat rows (EXISTS for the many-to-many fields)."""
        condition = models.Q(pk__in=[])
        for name in cls.unit_fields:
            field = cls._meta.get_field(name)
            if field.many_to_many:
                through = field.remote_field.through
                condition |= models.Exists(
                    through.objects.filter(
                        **{
                            field.m2m_field_name(): models.OuterRef("pk"),
                            f"{field.m2m_reverse_field_name()}__in": list(unit_ids),
                        }
                    )
                )
            else:
                condition |= models.Q(**{f"{name}__in": list(unit_ids)})
        return condition

    @classmethod
    def scope_q(cls, user):
        ids = scope_ids(user)
        return None if ids is None else cls.unit_q(ids)
