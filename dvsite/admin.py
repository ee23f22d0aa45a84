from django.contrib import admin
from taggit.models import Tag as TaggitTag

from dvsite import citations_admin

# Posts cite regulations from their own form (the site layer joins news and the registry).
citations_admin.register()

# The site's topics are taxonomy.Topic; taggit's own generic tag table is unused, so it is not
# offered in the admin ("TAGGIT › Tags").
if admin.site.is_registered(TaggitTag):
    admin.site.unregister(TaggitTag)
