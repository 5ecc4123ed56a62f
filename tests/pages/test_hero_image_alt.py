"""A hero picture is described in the page's own language: a Spanish page never reads its picture out in
English, and a page without its own alt text uses the image's."""

import re

from wagtail.images import get_image_model
from wagtail.models import Page

from services.models import ServicePage


def _alts(html):
    return set(re.findall(r'<img[^>]* alt="([^"]*)"', html)) | set(
        re.findall(r'<meta property="og:image:alt" content="([^"]*)"', html)
    )


def test_no_live_spanish_page_describes_a_picture_in_english(client, demo):
    english_alts = {image.description for image in get_image_model().objects.all() if image.description}
    assert english_alts
    spanish_pages = Page.objects.live().filter(locale__language_code="es").specific()
    pictured = 0
    for page in spanish_pages:
        html = client.get(page.url).content.decode()
        alts = _alts(html)
        assert not alts & english_alts, f"{page.url} describes a picture in English: {alts & english_alts}"
        pictured += bool(alts)
    assert pictured >= 5  # home, the services list and the service pages show pictures


def test_a_page_s_own_alt_text_is_used_on_the_page_its_cards_and_its_share_image(client, demo, settings):
    settings.PAGE_CACHE_SECONDS = 0
    treatment = ServicePage.objects.get(slug="iv-ketamine-infusion")
    treatment.hero_image_alt = "A recliner by a window, the room where infusions are given."
    treatment.save_revision().publish()
    page = client.get(treatment.url).content.decode()
    assert 'alt="A recliner by a window, the room where infusions are given."' in page
    assert (
        '<meta property="og:image:alt" content="A recliner by a window, the room where infusions are given.">' in page
    )
    services = client.get("/services/").content.decode()
    assert 'alt="A recliner by a window, the room where infusions are given."' in services


def test_without_its_own_alt_text_a_page_uses_the_image_s(client, demo):
    treatment = ServicePage.objects.get(slug="iv-ketamine-infusion")
    assert treatment.hero_image_alt == ""
    page = client.get(treatment.url).content.decode()
    assert f'alt="{treatment.hero_image.description}"' in page
