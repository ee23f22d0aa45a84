from django.contrib import admin
from taggit.models import Tag as TaggitTag

from dvsite import admin_permissions, citations_admin

# Posts cite regulations from their own form (the site layer joins news and the registry).
citations_admin.register()

# The site's topics are taxonomy.Topic; taggit's own generic tag table is unused, so it is not
# offered in the admin ("TAGGIT › Tags").
if admin.site.is_registered(TaggitTag):
    admin.site.unregister(TaggitTag)

# The group and user forms list permissions in Vietnamese ("Thêm bài viết", not "Can add …").
admin_permissions.register()
