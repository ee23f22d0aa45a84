from django.apps import AppConfig


class SeoConfig(AppConfig):
    """What search engines and share cards read (`{% load seo %}` in the templates of every app):
    built from the models' common fields, so it imports no app of the project."""

    name = "seo"
    verbose_name = "Tối ưu tìm kiếm"
