"""Data migrations of StreamField blocks, shared by the apps whose page bodies use site_core.pages.blocks.

ImageBlock used to hold {"image": <image id>, "alt_text": ..., "caption": ...}; its image is now Wagtail's
ImageBlock, stored as {"image": {"image": <id>, "alt_text": ..., "decorative": false}, "caption": ...}. The
operation below rewrites the old shape into the new one, keeping each page's own alt text and caption; a value
already in the new shape is left as it is, so running it twice changes nothing."""

from django.utils.deconstruct import deconstructible
from wagtail.blocks.migrations.operations import BaseBlockOperation


@deconstructible
class ImageIdToImageBlockOperation(BaseBlockOperation):
    """Apply to the StreamField's "image" children (block path "image")."""

    def apply(self, block_value):
        if not isinstance(block_value, dict) or isinstance(block_value.get("image"), dict):
            return block_value
        value = dict(block_value)
        alt_text = value.pop("alt_text", "") or ""
        value["image"] = {"image": value.get("image"), "alt_text": alt_text, "decorative": False}
        return value

    @property
    def operation_name_fragment(self):
        return "image_id_to_image_block"
