from django.apps import AppConfig


class SiteCoreConfig(AppConfig):
    name = "site_core"
    verbose_name = "Site"

    def ready(self):
        from . import signals  # noqa: F401
