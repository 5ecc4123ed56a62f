from django.apps import AppConfig


class SiteCoreConfig(AppConfig):
    name = "site_core"
    verbose_name = "Site"

    def ready(self):
        from django.db.models.signals import post_migrate, post_save

        from site_core.caching import signals  # noqa: F401  (purge signals)
        from site_core.editorial import governance
        from site_core.editorial.review import health_section_models

        # Groups and workflows are completed after every migrate, and a new section gets its review workflow.
        post_migrate.connect(governance.ensure_governance_after_migrate, sender=self)
        for section_model in health_section_models():
            post_save.connect(governance.assign_review_workflow, sender=section_model)
