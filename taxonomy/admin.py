"""The vocabulary's back office: topics (with the suggestions the tags fields ask for) and the
phrases that tag imported articles."""

from django.contrib import admin
from django.utils.html import format_html_join

from core.admin_topics import TopicSuggestMixin
from core.admin_workflow import FoldedSearchMixin
from taxonomy.models import Topic, TopicRule
from taxonomy.units import Succession, Unit, scope_ids


@admin.register(Topic)
class TopicAdmin(TopicSuggestMixin, admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
    readonly_fields = ("slug",)
    fields = ("name", "slug")


@admin.register(TopicRule)
class TopicRuleAdmin(admin.ModelAdmin):
    list_display = ("name", "is_active", "phrase_preview")
    list_filter = ("is_active",)
    search_fields = ("name", "phrases")

    @admin.display(description="Cụm từ")
    def phrase_preview(self, obj):
        return format_html_join(", ", "{}", ((p,) for p in obj.phrase_list()[:5]))


class SuccessionInline(admin.TabularInline):
    model = Succession
    fk_name = "successor"
    autocomplete_fields = ("predecessor",)
    extra = 0
    verbose_name = "đơn vị cũ sáp nhập vào"
    verbose_name_plural = "đơn vị cũ sáp nhập vào đơn vị này"


@admin.register(Unit)
class UnitAdmin(FoldedSearchMixin, admin.ModelAdmin):
    """Units are kept by administrators (or loaded with `manage.py load_units`); editors see
    the units of their scope, which is also what their pickers offer."""

    list_display = ("label", "kind", "code", "parent", "ended_on")
    list_filter = ("kind", ("ended_on", admin.EmptyFieldListFilter))
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)
    filter_horizontal = ("editors",)
    readonly_fields = ("slug",)
    fields = ("kind", "name", "code", "parent", "ended_on", "former_names", "slug", "editors")
    inlines = (SuccessionInline,)

    def get_queryset(self, request):
        units = super().get_queryset(request)
        ids = scope_ids(request.user)
        return units if ids is None else units.filter(pk__in=ids)

    @admin.display(description="Tên", ordering="name")
    def label(self, obj):
        return obj.label
