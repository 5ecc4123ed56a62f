"""Intake staff's own bookkeeping: when each of them last looked at the request list, so the list can say
how many requests arrived since (their "new since your last visit" count)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class IntakeVisit(models.Model):
    """The last time one staff member opened the appointment request list."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    last_seen_at = models.DateTimeField(_("last visit to the request list"))

    class Meta:
        verbose_name = _("intake visit")
        verbose_name_plural = _("intake visits")

    def __str__(self):
        return f"{self.user_id} {self.last_seen_at:%Y-%m-%d %H:%M}"


def new_since_last_visit(user, requests):
    """(How many of `requests` arrived since this user's last visit, when that was or None), and notes this
    visit. On a first visit every request counts as new."""
    visit = IntakeVisit.objects.filter(user=user).first()
    previous = visit.last_seen_at if visit else None
    count = requests.filter(created_at__gt=previous).count() if previous else requests.count()
    IntakeVisit.objects.update_or_create(user=user, defaults={"last_seen_at": timezone.now()})
    return count, previous
