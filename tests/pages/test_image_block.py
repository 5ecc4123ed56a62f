"""Editors (issue 16): the Image block's alt text defaults to the chosen image's own, editable; its data migration
keeps every page's alt text; block labels are spelled for people."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield


@pytest.fixture
def image(db):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image
    from wagtail.images import get_image_model

    buffer = BytesIO()
    Image.new("RGB", (40, 30), (10, 90, 90)).save(buffer, "PNG")
    upload = SimpleUploadedFile("room.png", buffer.getvalue(), content_type="image/png")
    return get_image_model().objects.create(
        title="Treatment room", file=upload, description="A quiet treatment room with a reclining chair"
    )


def image_block_post(image, alt_text, decorative=False):
    """A page body with one Image block, as the admin's form posts it."""
    return nested_form_data(
        {
            "body": streamfield(
                [
                    (
                        "image",
                        {
                            "image": {
                                "image": image.pk,
                                "alt_text": alt_text,
                                **({"decorative": "on"} if decorative else {}),
                            },
                            "caption": "Where infusions happen.",
                        },
                    )
                ]
            )
        }
    )


def saved_image_value(image, alt_text, decorative=False):
    from site_core.models import StandardPage

    block = StandardPage._meta.get_field("body").stream_block
    value = block.clean(block.value_from_datadict(image_block_post(image, alt_text, decorative), {}, "body"))
    return block.get_prep_value(value)[0]["value"]


def test_the_image_blocks_alt_text_defaults_to_the_images_own(image):
    stored = saved_image_value(image, "")
    assert stored["image"] == {"image": image.pk, "alt_text": image.description, "decorative": False}
    assert stored["caption"] == "Where infusions happen."


def test_the_image_blocks_alt_text_stays_editable_and_may_be_decorative(image):
    assert saved_image_value(image, "Dr. Atoian's treatment room")["image"]["alt_text"] == "Dr. Atoian's treatment room"
    decorative = saved_image_value(image, "", decorative=True)["image"]
    assert decorative["decorative"] is True and decorative["alt_text"] == ""


def test_the_image_block_uses_wagtails_image_block_which_fills_alt_text_on_choosing(admin_client, demo, image):
    """Wagtail's ImageBlock script copies the chosen image's alt text into the field (in the browser); the
    edit form must load it for the body's Image block."""
    from site_core.models import StandardPage

    about = StandardPage.objects.child_of(demo).get(slug="about")
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[about.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "wagtailimages/js/image-block.js" in html
    assert "wagtail.images.blocks.ImageBlock" in html


def test_a_page_with_an_image_block_renders_its_alt_text_and_caption(client, demo, image):
    from site_core.models import StandardPage

    about = StandardPage.objects.child_of(demo).get(slug="about")
    about.body = StandardPage._meta.get_field("body").stream_block.to_python(
        [
            {
                "type": "image",
                "value": {
                    "image": {"image": image.pk, "alt_text": "The infusion chair by the window", "decorative": False}
                },
            }
        ]
    )
    about.save_revision().publish()
    html = client.get(about.url).content.decode()
    assert 'alt="The infusion chair by the window"' in html


def test_the_migration_moves_old_image_blocks_into_wagtails_image_block_keeping_their_alt_text():
    from site_core.pages.block_migrations import ImageIdToImageBlockOperation

    operation = ImageIdToImageBlockOperation()
    old = {"image": 7, "alt_text": "Our waiting room", "caption": "Open weekdays."}
    new = operation.apply(old)
    assert new == {
        "image": {"image": 7, "alt_text": "Our waiting room", "decorative": False},
        "caption": "Open weekdays.",
    }
    assert operation.apply(new) == new  # running it twice changes nothing


def test_the_migration_rewrites_stored_pages_and_their_revisions_without_losing_alt_text(demo, image):
    import importlib
    import json

    from django.apps import apps as global_apps
    from django.db import connection

    from site_core.models import StandardPage

    about = StandardPage.objects.child_of(demo).get(slug="about")
    old = [
        {"type": "image", "id": "b1", "value": {"image": image.pk, "alt_text": "Our waiting room", "caption": "Open."}}
    ]
    revision = about.save_revision()
    revision.content["body"] = json.dumps(old)
    revision.save(update_fields=["content"])
    table = StandardPage._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET body = %s WHERE page_ptr_id = %s", [json.dumps(old), about.pk])  # noqa: S608

    migration = importlib.import_module("site_core.migrations.0004_image_block_alt_text_and_block_labels").Migration
    migration.operations[0].code(global_apps, None)

    about = StandardPage.objects.get(pk=about.pk)
    value = about.body[0].value
    assert value["image"].pk == image.pk
    assert value["image"].contextual_alt_text == "Our waiting room"
    assert value["caption"] == "Open."
    draft = json.loads(about.get_latest_revision().content["body"])
    assert draft[0]["value"]["image"] == {"image": image.pk, "alt_text": "Our waiting room", "decorative": False}


def test_block_labels_are_spelled_for_people():
    """Wagtail labels a block from its name ("faq" -> "Faq"); acronyms must read as such."""
    from django.apps import apps
    from wagtail.fields import StreamField

    def labels(block):
        yield str(block.label)
        children = getattr(block, "child_blocks", None)
        for child in (children or {}).values():
            yield from labels(child)
        if hasattr(block, "child_block"):
            yield from labels(block.child_block)

    seen = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, StreamField):
                seen.update(labels(field.stream_block))
    assert "FAQ" in seen
    acronyms = {"faq", "url", "cta", "id", "seo"}
    misspelled = sorted(
        label
        for label in seen
        for word in label.split()
        if word.lower().strip("()") in acronyms and not word.strip("()").isupper()
    )
    assert misspelled == []
