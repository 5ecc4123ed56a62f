"""Spam defences, and what each signal does: only the honeypot may drop a post without anyone knowing.

A patient must never see success while nothing reaches the clinic, so every signal but the honeypot ends
with a person either confirming or being told:

- Honeypot filled (a field no human sees): answered as success, nothing stored or sent. Only bots fill it.
- Start token expired (the form was open longer than FORM_MAX_AGE_SECONDS) or missing/forged: **ask the
  human to confirm**. The filled form is shown again (200) with a short, calm note and a fresh signed start
  time; one more click sends it. Nothing is stored until then, because a stale or tokenless post may come
  from an old tab, a cached page or a script, and the person is still there to click.
- Sent sooner than APPOINTMENT_MIN_FILL_SECONDS after the form was shown (autofill, a password manager, a
  fast typist), or a link/markup in what was typed: **store visibly, marked "check: possible spam"** with
  the reason, and send the staff notification (its subject says "Check: possible spam"). Asking again
  would not help here: autofill is as fast the second time, and a link is what the person meant to write.
  The acknowledgement is sent too: it carries nothing the sender typed and is limited per address per day
  (contact.delivery), so it cannot carry a spammer's text.

The rate limit counts accepted requests per client address (APPOINTMENT_RATE_LIMIT), and separately and more
loosely every failed post (invalid, confirm step, honeypot: APPOINTMENT_FAILED_POST_LIMIT), in the shared
cache so every app server counts together. A patient who makes mistakes is not told to call instead.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from site_core.security.headers import client_address

# The start token's life: a form left open longer is confirmed by its human before it is stored.
FORM_MAX_AGE_SECONDS = 24 * 60 * 60
LINK = re.compile(r"https?://|www\.|<\s*a[\s>]|\[url", re.IGNORECASE)
FREE_TEXT = ("first_name", "last_name", "best_time", "message")


@dataclass(frozen=True)
class Verdict:
    """What to do with a valid post: ask the human to confirm, or store it (marked for a check when `check`)."""

    confirm: str = ""  # the note shown above the form when the human must confirm
    check: str = ""  # why intake staff should check this request ("check: possible spam")


def assess(form):
    """The verdict for a valid form (the honeypot is handled before: see the module docstring)."""
    elapsed = form.seconds_to_fill()
    if elapsed is None:  # an old copy of the page, or a script
        return Verdict(confirm=_("Please check your details and send them again."))
    if elapsed > FORM_MAX_AGE_SECONDS:
        return Verdict(
            confirm=_("This page was open for a long time, so please check your details and send them again.")
        )
    if elapsed < settings.APPOINTMENT_MIN_FILL_SECONDS:
        return Verdict(check=f"sent {elapsed:.0f} s after the form was shown")
    if any(LINK.search(form.cleaned_data.get(name) or "") for name in FREE_TEXT):
        return Verdict(check="contains a link or markup")
    return Verdict()


def _keys(request):
    address = client_address(request)
    return f"contact:rate:{address}", f"contact:rate-failed:{address}"


def rate_limited(request):
    """True once this client has had APPOINTMENT_RATE_LIMIT requests accepted, or too many posts fail, in the
    window."""
    accepted, failed = _keys(request)
    counts = cache.get_many([accepted, failed])
    return (
        counts.get(accepted, 0) >= settings.APPOINTMENT_RATE_LIMIT
        or counts.get(failed, 0) >= settings.APPOINTMENT_FAILED_POST_LIMIT
    )


def _count(key):
    window = settings.APPOINTMENT_RATE_WINDOW
    cache.add(key, 0, timeout=window)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)


def count_accepted(request):
    _count(_keys(request)[0])


def count_failed(request):
    _count(_keys(request)[1])
