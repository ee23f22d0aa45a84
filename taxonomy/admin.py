"""The vocabulary's back office: topics (with the suggestions the tags fields ask for) and the
phrases that tag imported articles."""

from django.contrib import admin
from django.utils.html import format_html_join

from core.admin_topics import TopicSuggestMixin
from taxonomy.models import Topic, TopicRule


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
