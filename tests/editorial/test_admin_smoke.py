"""Opens every demo page's admin edit view and explorer listing, so a broken panel or template on any
page type fails at once (the idea of securedrop.org's smoke test)."""

import pytest
from django.urls import reverse
from wagtail.models import Page


@pytest.fixture
def pages(demo):
    return list(Page.objects.filter(depth__gte=2).specific())


def test_every_page_opens_in_the_editor(admin_client, pages):
    assert len(pages) >= 15
    for page in pages:
        response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200, page.url_path
        assert page.title.encode() in response.content or page.draft_title.encode() in response.content


def test_every_section_lists_in_the_explorer(admin_client, pages):
    for page in pages:
        response = admin_client.get(reverse("wagtailadmin_explore", args=[page.pk]))
        assert response.status_code == 200, page.url_path


@pytest.mark.parametrize("model_path", ["site_core.Person", "site_core.Menu", "blog.BlogCategory"])
def test_snippet_listings_open(admin_client, demo, model_path):
    app_label, model_name = model_path.lower().split(".")
    response = admin_client.get(reverse(f"wagtailsnippets_{app_label}_{model_name}:list"))
    assert response.status_code == 200


def test_clinic_settings_open_in_the_admin(admin_client, demo):
    site = demo.get_site()
    response = admin_client.get(reverse("wagtailsettings:edit", args=["site_core", "clinicsettings", site.pk]))
    assert response.status_code == 200
    assert b"323.886.2273" in response.content
