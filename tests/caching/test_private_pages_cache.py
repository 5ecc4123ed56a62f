"""Who may read a page decides what the anonymous page cache may serve: a view restriction added, changed or
removed starts a new cache generation at once (issue 13)."""

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import PageViewRestriction


def _about(demo):
    return demo.get_children().get(slug="about").specific


def _served_from_cache(client, url):
    response = client.get(url)
    again = client.get(url)
    assert response.status_code == again.status_code == 200
    return again["X-Page-Cache"] == "hit"


def test_a_page_made_private_in_the_admin_is_not_served_from_the_cache(admin_client, demo):
    # As reported: the page is cached, an editor adds a view restriction, the next anonymous reader asks.
    anonymous = Client()
    about = _about(demo)
    assert _served_from_cache(anonymous, "/about/")

    url = reverse("wagtailadmin_pages:set_privacy", args=[about.pk])
    assert admin_client.post(url, {"restriction_type": "login"}).status_code == 200
    assert PageViewRestriction.objects.filter(page=about).exists()
    response = anonymous.get("/about/")
    assert response.status_code == 302  # to the sign-in page, not the cached copy
    assert "/_util/login/" in response["Location"] or "login" in response["Location"]

    # Made public again, it is served (and cached) again.
    assert admin_client.post(url, {"restriction_type": "none"}).status_code == 200
    assert not PageViewRestriction.objects.filter(page=about).exists()
    assert anonymous.get("/about/").status_code == 200
    assert anonymous.get("/about/")["X-Page-Cache"] == "hit"


def test_changing_or_removing_a_restriction_in_code_starts_a_new_generation(client, demo):
    about = _about(demo)
    restriction = PageViewRestriction.objects.create(page=about, restriction_type="password", password="a-secret")
    assert client.get("/about/").status_code == 200  # the password form, never stored
    restriction.delete()
    assert _served_from_cache(client, "/about/")

    # A restriction on a parent page covers its children too.
    PageViewRestriction.objects.create(page=demo, restriction_type="login")
    assert client.get("/about/").status_code == 302


def test_changing_a_restrictions_groups_starts_a_new_generation(client, demo):
    about = _about(demo)
    restriction = PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.GROUPS)
    from site_core.caching import page_cache

    before = page_cache.generation()
    restriction.groups.add(Group.objects.first())
    assert page_cache.generation() != before
