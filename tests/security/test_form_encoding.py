"""A form post declaring a non-UTF-8 character set gets a plain 400, never a 500."""

import pytest
from django.test import Client


@pytest.fixture
def csrf_client():
    client = Client(enforce_csrf_checks=True)
    # A browser that has seen any form carries a CSRF cookie; that is the path that used to fail.
    client.cookies["csrftoken"] = "A" * 32
    return client


@pytest.mark.parametrize("charset", ["utf-16", "latin-1", "ascii"])
def test_non_utf8_form_posts_get_400(demo, csrf_client, charset):
    response = csrf_client.generic(
        "POST", "/contact/", b"first_name=%C3%A9", content_type=f"application/x-www-form-urlencoded; charset={charset}"
    )
    assert response.status_code == 400
    assert b"UTF-8" in response.content


# An unknown charset is ignored by Django, so the body is read as UTF-8 too.
@pytest.mark.parametrize("charset", ["utf-8", "UTF-8", "utf8", "no-such-charset"])
def test_utf8_under_any_spelling_reaches_the_csrf_check(demo, csrf_client, charset):
    response = csrf_client.generic(
        "POST", "/contact/", b"first_name=%C3%A9", content_type=f"application/x-www-form-urlencoded; charset={charset}"
    )
    # The bogus token is refused by the CSRF check, which had to read the form to say so.
    assert response.status_code == 403
