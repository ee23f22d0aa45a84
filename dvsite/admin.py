from django.contrib import admin
from taggit.models import Tag as TaggitTag

from dvsite import admin_permissions, citations_admin
from dvsite.models import AboutPage, Leader


@admin.register(AboutPage)
class AboutPageAdmin(admin.ModelAdmin):
    list_display = ["title", "language", "position", "is_published", "updated_at"]
    list_editable = ["position", "is_published"]
    list_filter = ["language", "is_published"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {}
    readonly_fields = ["created_at", "updated_at"]

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_published else None


@admin.register(Leader)
class LeaderAdmin(admin.ModelAdmin):
    list_display = ["name", "position_title", "phone", "email", "position", "is_current"]
    list_editable = ["position", "is_current"]
    list_filter = ["is_current"]
    search_fields = ["name", "position_title"]


# Posts cite regulations from their own form (the site layer joins news and the registry).
citations_admin.register()

# The site's topics are news.Topic; taggit's own generic tag table is unused, so it is not
# offered in the admin ("TAGGIT › Tags").
if admin.site.is_registered(TaggitTag):
    admin.site.unregister(TaggitTag)

# The group and user forms list permissions in Vietnamese ("Thêm bài viết", not "Can add …").
admin_permissions.register()
