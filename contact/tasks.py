"""The delivery task the queue runs for each stored request, and how a request is handed to the queue."""

import logging

from django_tasks import default_task_backend, task

from contact import delivery

logger = logging.getLogger(__name__)


@task()
def deliver_notifications(appointment_id):
    """Send a request's staff notification and acknowledgement; failures are recorded, never raised."""
    delivery.deliver(appointment_id)
    # A queue that can run tasks later retries at the recorded time; otherwise `deliver_pending` does.
    if default_task_backend.supports_defer:
        retry_at = delivery.next_retry(appointment_id)
        if retry_at is not None:
            deliver_notifications.using(run_after=retry_at).enqueue(appointment_id)


def enqueue_delivery(pk):
    """Hand the request to the tasks framework; with the immediate backend it is delivered now."""
    try:
        deliver_notifications.enqueue(pk)
    except Exception:  # the request is stored; the sweeper delivers it later
        logger.exception("Could not enqueue delivery of appointment request %s", pk)
