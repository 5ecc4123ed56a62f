"""The five editorial groups with least privilege, and the "Medical review" and "Publisher approval" workflows
(a frozen copy of site_core.editorial.governance as it was; post_migrate and the demo loader complete what comes later)."""

from django.db import migrations


def create_governance(apps, schema_editor):
    from site_core.migrations._governance_0003 import ensure_governance

    ensure_governance(apps=apps, using=schema_editor.connection.alias, reset=True)


class Migration(migrations.Migration):
    dependencies = [
        ("site_core", "0002_person_user_help_text"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("blog", "0002_initial"),
        ("services", "0002_initial"),
        ("contact", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_governance, migrations.RunPython.noop)]
