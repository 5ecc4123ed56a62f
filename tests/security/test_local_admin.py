"""Local admin (issue 16): the two-step sign-in's setup page shows a QR code drawn on the server, and `make run`
prints the login and that next step."""

from django.urls import reverse


def test_the_two_step_setup_page_shows_a_qr_code_drawn_here(client, django_user_model):
    from urllib.parse import unquote

    admin = django_user_model.objects.create_superuser("admin", "admin@localhost", "a-long-test-password-1")
    client.force_login(admin)
    response = client.get(reverse("two_factor_setup"))
    assert response.status_code == 200
    html = response.content.decode()
    src = html.split('class="two-factor-qr"', 1)[1].split('src="', 1)[1].split('"', 1)[0]
    # An SVG inside the page itself: nothing is fetched from another site to draw it.
    assert src.startswith("data:image/svg+xml")
    assert "<svg" in unquote(src) and "<path" in unquote(src)
    # The admin's Content-Security-Policy lets the browser show it.
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";") if part.strip())
    assert "data:" in policy["img-src"].split()
    # The typed key stays for apps that cannot scan.
    assert response.context["secret"] in html


def test_the_qr_code_holds_the_accounts_authenticator_link(client, django_user_model):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from site_core.security.two_factor import qr_code

    admin = django_user_model.objects.create_superuser("admin", "admin@localhost", "a-long-test-password-1")
    client.force_login(admin)
    response = client.get(reverse("two_factor_setup"))
    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    assert device.config_url.startswith("otpauth://totp/")
    assert response.context["qr_code"] == qr_code(device.config_url)
    assert qr_code("otpauth://totp/other")[0] != response.context["qr_code"][0]
    assert f'width="{qr_code(device.config_url)[1]}"' in response.content.decode()


def test_make_run_prints_the_login_and_the_next_step(settings, db):
    from io import StringIO

    from django.core.management import call_command

    settings.DEBUG = True
    out = StringIO()
    call_command("create_local_admin", stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8000/admin/" in text
    assert "admin" in text and "limbic-local-admin" in text
    assert "QR code" in text and "authenticator app" in text
