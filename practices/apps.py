from django.apps import AppConfig, apps
from django.db.models.signals import post_save


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = "Mô hình Dân vận khéo"

    def ready(self):
        # Candidates from articles: when a post is saved or tagged "Dân vận khéo". The posts'
        # models come from the app registry, so this app imports nothing of news.
        from practices import signals  # noqa: PLC0415 (needs the app registry ready)

        post_save.connect(
            signals.post_saved, sender=apps.get_model("news", "Post"), dispatch_uid="practices-post"
        )
        post_save.connect(
            signals.tag_saved,
            sender=apps.get_model("news", "TaggedPost"),
            dispatch_uid="practices-tagged-post",
        )
