from django.apps import AppConfig


class DocsRegistryConfig(AppConfig):
    name = "docs_registry"
    verbose_name = "Văn bản"
