"""Hardening: security headers on public pages and the admin, sign-in lockout, two-step sign-in."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "a-long-test-password-1"


def _directives(policy):
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def test_a_public_page_sends_a_strict_policy_and_the_other_headers(client, demo):
    response = client.get("/about/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    directives = _directives(policy)
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert any(source.startswith("'nonce-") for source in directives["script-src"])
    assert directives["style-src"] == ["'self'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    # One framing policy, said twice for old and new browsers: nobody frames a public page.
    assert directives["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]


def test_every_request_gets_its_own_nonce(client, demo):
    first = _directives(client.get("/about/")["Content-Security-Policy"])["script-src"]
    second = _directives(client.get("/services/")["Content-Security-Policy"])["script-src"]
    assert first != second


def test_the_admin_login_gets_the_admin_policy_and_the_other_headers(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    directives = _directives(response["Content-Security-Policy"])
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'self'"]
    # Inline code is allowed for Wagtail's own admin, but no script from another origin.
    assert all(source in ("'self'", "'unsafe-inline'") for source in directives["script-src"])
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    # One framing policy, said twice for old and new browsers: only the admin itself (its preview) frames it.
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "Permissions-Policy" in response


@override_settings(
    SECURE_SSL_REDIRECT=True,
    SECURE_HSTS_SECONDS=31536000,
    SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
    SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
)
def test_behind_the_proxy_http_is_redirected_and_https_gets_hsts(demo):
    client = Client()
    plain = client.get("/about/", HTTP_X_FORWARDED_PROTO="http")
    assert plain.status_code == 301
    assert plain["Location"].startswith("https://")
    secure = client.get("/about/", HTTP_X_FORWARDED_PROTO="https")
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    # The load balancer's plain-HTTP probe is not redirected.
    assert client.get("/healthz/").status_code == 200


# --- lockout ----------------------------------------------------------------------------------------------


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", "editor@example.com", PASSWORD)
    group, _ = Group.objects.get_or_create(name="Editors-for-tests")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    return user


def _sign_in(client, username, password, address="203.0.113.9"):
    return client.post("/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


@override_settings(AXES_FAILURE_LIMIT=3)
def test_repeated_failures_lock_the_account_out_from_that_address(client, editor):
    for attempt in range(1, 4):
        response = _sign_in(client, "editor", "wrong password")
        # The form again with its error, until the third failure, which locks.
        assert response.status_code == (200 if attempt < 3 else 429)
        assert "_auth_user_id" not in client.session
    locked = _sign_in(client, "editor", PASSWORD)
    assert locked.status_code == 429
    assert b"Sign-in paused" in locked.content
    assert "_auth_user_id" not in client.session
    # The same person from another address, and another user from this one, are not locked out.
    assert _sign_in(Client(), "editor", PASSWORD, address="198.51.100.4").status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3)
def test_a_success_before_the_limit_resets_the_count(client, editor):
    _sign_in(client, "editor", "wrong password")
    _sign_in(client, "editor", "wrong password")
    assert _sign_in(client, "editor", PASSWORD).status_code == 302
    other = Client()
    _sign_in(other, "editor", "wrong password")
    assert _sign_in(other, "editor", PASSWORD).status_code == 302


# --- two-step sign-in -------------------------------------------------------------------------------------


def test_editors_outside_the_named_groups_need_no_second_step(client, editor):
    assert _sign_in(client, "editor", PASSWORD).status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("group_name", ["Administrators", "Intake staff", None])
def test_administrators_intake_staff_and_superusers_must_set_up_a_second_step(client, editor, group_name):
    if group_name:
        editor.groups.add(Group.objects.get_or_create(name=group_name)[0])
    else:
        editor.is_superuser = True
        editor.save()
    assert _sign_in(client, "editor", PASSWORD).status_code == 302
    blocked = client.get("/admin/")
    assert blocked.status_code == 302
    assert blocked["Location"].startswith("/admin/2fa/setup/?next=/admin/")
    setup = client.get(blocked["Location"])
    assert setup.status_code == 200
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    secret = setup.context["secret"]
    assert len(secret.replace(" ", "")) == 32 and secret in setup.content.decode()
    # A wrong code is a clear 400 with the form again; the right one confirms the device and opens the admin.
    code = f"{totp(device.bin_key):06d}"
    wrong = client.post("/admin/2fa/setup/", {"token": "000000" if code != "000000" else "111111"})
    assert wrong.status_code == 400
    assert client.get("/admin/").status_code == 302
    # Right after a wrong code even the right one is refused (django-otp's throttle), until the delay passes.
    assert client.post("/admin/2fa/setup/", {"token": code}).status_code == 400
    device.refresh_from_db()
    device.throttle_reset()
    done = client.post("/admin/2fa/setup/", {"token": code, "next": "/admin/"})
    assert done.status_code == 302 and done["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_a_user_with_a_device_enters_a_code_after_each_password_sign_in(client, editor):
    editor.groups.add(Group.objects.get_or_create(name="Intake staff")[0])
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    _sign_in(client, "editor", PASSWORD)
    blocked = client.get("/admin/")
    assert blocked["Location"].startswith("/admin/2fa/verify/")
    assert client.post("/admin/2fa/verify/", {"token": "not-a-code"}).status_code == 400
    assert client.post("/admin/2fa/verify/", {"token": "123"}).status_code == 400
    assert client.get("/admin/").status_code == 302
    ok = client.post("/admin/2fa/verify/", {"token": f"{totp(device.bin_key):06d}", "next": "https://evil.example/"})
    # The code works; an off-site "next" is ignored.
    assert ok.status_code == 302 and ok["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_the_second_step_pages_need_a_password_sign_in_first(client, db):
    response = client.get("/admin/2fa/verify/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
