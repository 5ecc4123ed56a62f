"""Security headers the framework does not send by itself: a Content-Security-Policy with a fresh nonce per
request, and a Permissions-Policy.

Public pages get a strict policy with no 'unsafe-inline': the site's templates carry no inline script or
style, and the rare <script> they need (JSON-LD) carries nonce="{{ request.csp_nonce }}". The Wagtail admin
renders inline styles and scripts of its own, so it gets a separate, looser policy that still allows nothing
from other origins except images and embeds. A small middleware rather than django-csp: two policies chosen by
path, and a nonce the page cache can swap on a hit (see site_core.caching.page_cache), fit in thirty lines.
"""

import secrets

from django.conf import settings

PUBLIC_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'nonce-{nonce}'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    # Video embeds from the editor's embed block.
    "frame-src": ["https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    # Nobody frames a public page (clickjacking); X_FRAME_OPTIONS = "DENY" says the same to old browsers.
    "frame-ancestors": ["'none'"],
}

ADMIN_POLICY = {
    "default-src": ["'self'"],
    # Wagtail's admin writes inline <script> and style="" attributes (Draftail, panels, chooser modals).
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    # Image previews may come from S3 and embed thumbnails from video hosts.
    "img-src": ["'self'", "data:", "blob:", "https:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    # The live preview is an iframe of the admin itself; embed previews come from video hosts.
    "frame-src": ["'self'", "https:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), interest-cohort=()"
)


# The WSGI environ entry (request.META) holding this request's nonce.
NONCE_ENVIRON = "site_core.csp_nonce"


def new_nonce():
    return secrets.token_urlsafe(16)


def _render(policy, extra_sources):
    parts = []
    for directive, sources in policy.items():
        if directive in ("img-src", "media-src") and extra_sources:
            sources = [*sources, *extra_sources]
        parts.append(f"{directive} {' '.join(sources)}")
    return "; ".join(parts)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        # Media on another origin (S3 or a CDN) must be allowed as an image source.
        media = settings.MEDIA_URL
        extra = [media.split("/", 3)[0] + "//" + media.split("/", 3)[2]] if media.startswith("http") else []
        self.public = _render(PUBLIC_POLICY, extra)
        self.admin = _render(ADMIN_POLICY, extra)

    def __call__(self, request):
        # Also in the environ, where the WSGI hit path (site_core.caching.hit_path) finds the nonce to swap.
        request.csp_nonce = request.META[NONCE_ENVIRON] = new_nonce()
        response = self.get_response(request)
        if response.status_code == 304:
            # The browser keeps the policy stored with its copy of the page, whose nonce matches that copy.
            return response
        if request.path.startswith(("/admin/", "/django-admin/")):
            policy = self.admin
            # The admin frames its own previews: the old header says what frame-ancestors 'self' says.
            response.headers["X-Frame-Options"] = "SAMEORIGIN"
        else:
            policy = self.public.replace("{nonce}", request.csp_nonce)
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


def client_address(request):
    """The client's IP for the sign-in lockout. Behind a trusted proxy (TRUST_X_FORWARDED_PROTO), the last
    X-Forwarded-For entry is the one that proxy wrote; earlier entries come from the client and may be forged."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded.strip():
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR")
