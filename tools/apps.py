from django.apps import AppConfig


class ToolsConfig(AppConfig):
    """Benchmark and load-test helpers. Always installed (no models, nothing done at start-up),
    so `manage.py make_synthetic_content` works wherever bench/ and loadtest/ run it, loadtest's
    production settings included; nothing of the site imports it."""

    name = "tools"
    verbose_name = "Công cụ đo hiệu năng"
