from django.apps import AppConfig


class VoiceConfig(AppConfig):
    name = "voice"
    verbose_name = "Hộp thư góp ý"

    def ready(self):
        # The daily purge of expired personal data registers as periodic work (core.tasks),
        # so `migrate` starts its chain.
        from voice import tasks  # noqa: F401, PLC0415 (tasks import the models)
