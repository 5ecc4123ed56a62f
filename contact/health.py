"""Is any appointment request stuck? `/healthz/deliveries/` for an uptime monitor, and the numbers the admin
dashboard panel (contact.dashboard) shows intake staff.

A request counts as waiting when its staff notification has not been sent APPOINTMENT_DELIVERY_ALERT_MINUTES
after it arrived (requests marked as spam by staff excepted). The check answers 503 while any is waiting, so a
monitor can alert someone while the mail server is down; the load balancer's `/healthz/` (site_core) is a
separate check and never turns an app server away for this. The answer carries no patient data.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Min
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from contact.records import AppointmentRequest


def waiting_deliveries(now=None):
    """(how many requests wait beyond the threshold for their staff email, the oldest one's creation time)."""
    now = now or timezone.now()
    cutoff = now - timedelta(minutes=settings.APPOINTMENT_DELIVERY_ALERT_MINUTES)
    waiting = AppointmentRequest.objects.filter(is_spam=False, staff_sent_at__isnull=True, created_at__lt=cutoff)
    numbers = waiting.aggregate(count=Count("pk"), oldest=Min("created_at"))
    return numbers["count"], numbers["oldest"]


@never_cache
def deliveries(request):
    count, _oldest = waiting_deliveries()
    if count:
        return JsonResponse({"status": "delayed"}, status=503)
    return JsonResponse({"status": "ok"})
