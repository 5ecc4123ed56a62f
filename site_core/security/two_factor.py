"""Two-factor sign-in (TOTP, django-otp) for the people who can see patients' requests or change who can.

Superusers and members of the groups named in TWO_FACTOR_GROUPS ("Administrators", "Intake staff") reach
no admin page until this session has passed a one-time code: the first time, they scan a QR code with an
authenticator app (or type its setup key) and confirm it with a code; afterwards they enter a code after each
password sign-in. The QR code is drawn here as an inline SVG (segno: pure Python, nothing sent elsewhere). django-otp stores the device, throttles
wrong codes and marks the session as verified. wagtail-2fa was not used: it declares support up to Wagtail 4.
"""

from base64 import b32encode

import segno
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

# Admin paths a signed-in but unverified user may still reach.
OPEN_PATHS = (
    "/admin/2fa/",
    "/admin/login/",
    "/admin/logout/",
    "/admin/password_reset/",
    # What the sign-in pages themselves load: the icon sprite and the script translations.
    "/admin/sprite/",
    "/admin/jsi18n/",
)


def requires_two_factor(user):
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name__in=settings.TWO_FACTOR_GROUPS).exists()


class TwoFactorRequiredMiddleware:
    """Sends a user who needs a second factor to set it up or enter a code before any admin page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        user = getattr(request, "user", None)
        if (
            path.startswith("/admin/")
            and not path.startswith(OPEN_PATHS)
            and user is not None
            and user.is_authenticated
            and not user.is_verified()
            and requires_two_factor(user)
        ):
            name = "two_factor_verify" if user_has_device(user) else "two_factor_setup"
            return redirect(f"{reverse(name)}?next={request.get_full_path()}")
        return self.get_response(request)


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


def _next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def _secret(device):
    raw = b32encode(device.bin_key).decode()
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def qr_code(url):
    """The QR code of an authenticator link: an SVG data: URI (the admin's CSP allows data: images) and its width
    in pixels (the link's length decides how many modules it has)."""
    code = segno.make(url, error="m")
    return code.svg_data_uri(scale=5, border=4), code.symbol_size(scale=5, border=4)[0]


@never_cache
@login_required(login_url="wagtailadmin_login")
def setup(request):
    user = request.user
    if user_has_device(user):
        return redirect(f"{reverse('two_factor_verify')}?next={_next(request)}")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=str(_("Authenticator app")), confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].replace(" ", "")):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("token", _("That code is not right. Check your app's clock and try the newest code."))
    context = {
        "form": form,
        "secret": _secret(device),
        "qr_code": qr_code(device.config_url),
        "next": _next(request),
        "setting_up": True,
    }
    return render(request, "site_core/two_factor.html", context, status=400 if form.errors else 200)


@never_cache
@login_required(login_url="wagtailadmin_login")
def verify(request):
    if not user_has_device(request.user):
        return redirect(f"{reverse('two_factor_setup')}?next={_next(request)}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"].replace(" ", ""))
        if device is not None:
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("token", _("That code is not right, or too many wrong codes were tried. Wait and try again."))
    context = {"form": form, "next": _next(request), "setting_up": False}
    return render(request, "site_core/two_factor.html", context, status=400 if form.errors else 200)
