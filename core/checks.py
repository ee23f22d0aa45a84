"""`manage.py check` fails when a content model misses a piece of the recipe (README "Layers":
add a content app): the publishing base, a search source, an admin on the workflow base, and
its publish permission, declared and granted to the editorial groups by a migration.

The cache, search, sitemaps and backup find content models by discovery; a model that misses a
piece is silently left out of one of them, so the piece is checked here instead."""

from pathlib import Path

from django.apps import apps
from django.contrib import admin
from django.core import checks

from core.admin_workflow import PublishableAdmin
from core.publishing import Publishable
from core.search import sources


def content_models():
    """Concrete models built on the publishing base, in every installed app."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Publishable) and not model._meta.abstract
    ]


def _migration_texts(app_config):
    folder = Path(app_config.path) / "migrations"
    return [path.read_text(encoding="utf-8") for path in sorted(folder.glob("[0-9]*.py"))]


def recipe_problems(models, site=None, search_sources=None):
    """The recipe's missing pieces of each model, as check errors."""
    site = site or admin.site
    searched = {source.queryset().model for source in (search_sources or sources()).values()}
    errors = []
    for model in models:
        label = model._meta.label
        publish = f"publish_{model._meta.model_name}"
        if model not in searched:
            errors.append(
                checks.Error(
                    f"{label} has no search source.",
                    hint=f"Add SEARCH_SOURCE = SearchSource(...) to {model._meta.app_label}/search.py.",
                    obj=model,
                    id="core.E101",
                )
            )
        model_admin = site._registry.get(model)
        if not isinstance(model_admin, PublishableAdmin):
            errors.append(
                checks.Error(
                    f"{label} is not in the admin on core.admin_workflow.PublishableAdmin.",
                    obj=model,
                    id="core.E102",
                )
            )
        if publish not in dict(model._meta.permissions):
            errors.append(
                checks.Error(
                    f"{label} does not declare the permission {publish!r}.",
                    hint='Meta.permissions = [("publish_…", "Có thể xuất bản …")]',
                    obj=model,
                    id="core.E103",
                )
            )
        elif not any(publish in text for text in _migration_texts(model._meta.app_config)):
            errors.append(
                checks.Error(
                    f"No migration of {model._meta.app_label} grants {publish!r} to the "
                    "editorial groups.",
                    hint="Add a data migration granting the app's permissions (README: Layers).",
                    obj=model,
                    id="core.E104",
                )
            )
        if not hasattr(model, "get_absolute_url"):
            errors.append(
                checks.Error(f"{label} has no get_absolute_url().", obj=model, id="core.E105")
            )
    return errors


@checks.register()
def content_models_follow_the_recipe(app_configs, **kwargs):
    models = content_models()
    if app_configs is not None:
        models = [model for model in models if model._meta.app_config in app_configs]
    return recipe_problems(models)
