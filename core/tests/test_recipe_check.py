"""The content-model recipe check: every real content model passes; one missing each piece is
named with the piece it misses."""

from django.contrib.admin import AdminSite, ModelAdmin
from django.core import checks
from django.db import models
from django.test.utils import isolate_apps

from core.checks import content_models, recipe_problems
from core.publishing import Publishable


def test_every_content_model_follows_the_recipe():
    found = {model._meta.label for model in content_models()}
    assert {"news.Post", "events.Event", "docs_registry.Document"} <= found
    assert recipe_problems(content_models()) == []
    assert not [error for error in checks.run_checks() if error.id.startswith("core.E1")]


@isolate_apps("core")
def test_a_model_missing_each_piece_is_named():
    class Leaflet(Publishable):
        title = models.CharField(max_length=100)

        class Meta:
            app_label = "core"

    site = AdminSite(name="test")
    site.register(Leaflet, ModelAdmin)
    ids = [error.id for error in recipe_problems([Leaflet], site=site, search_sources={})]
    # No search source, a plain ModelAdmin, no publish permission, no get_absolute_url.
    assert ids == ["core.E101", "core.E102", "core.E103", "core.E105"]


@isolate_apps("core")
def test_a_publish_permission_no_migration_grants_is_named():
    class Leaflet(Publishable):
        class Meta:
            app_label = "core"
            permissions = [("publish_leaflet", "Có thể xuất bản")]

        def get_absolute_url(self):
            return "/"

    ids = [e.id for e in recipe_problems([Leaflet], site=AdminSite(name="t"), search_sources={})]
    assert "core.E104" in ids and "core.E103" not in ids
