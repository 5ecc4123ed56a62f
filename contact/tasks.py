"""The delivery task the queue runs for each stored request, how a request is handed to the queue, and what
becomes of a task whose worker died.

How `db_worker` and `manage.py deliver_pending` share the work: the worker runs `deliver_notifications` for
each request as it is stored (and, as the database queue can defer, again at each retry time). The sweeper
(`deliver_pending`, every few minutes from cron) sends whatever is still due however it got there: never
enqueued, failed, or left by a worker killed mid-send. Both go through `contact.delivery.deliver`, whose
per-email claim makes sure only one of them sends each email. A killed worker also leaves its task row
RUNNING for ever; the sweeper marks such rows FAILED once they are older than STALE_AFTER (their request is
delivered by the sweep itself), so the queue never shows a stuck task.
"""

import logging
from datetime import timedelta

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


def stale_after():
    # Far longer than one delivery can run (each email's claim lasts claim_seconds()): a RUNNING row this old
    # belongs to a worker that is gone.
    return timedelta(seconds=10 * delivery.claim_seconds())


class WorkerLost(Exception):
    """Recorded on a task row whose worker stopped before finishing it."""


def fail_stale_running_tasks():
    """Mark this app's RUNNING task rows older than stale_after() as FAILED; returns how many. Needs the database
    queue (django_tasks_db); with any other backend there are no rows to mend."""
    from django.apps import apps

    if not apps.is_installed("django_tasks_db"):
        return 0
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    stale = DBTaskResult.objects.running().filter(
        task_path=deliver_notifications.module_path, started_at__lt=timezone.now() - stale_after()
    )
    count = 0
    for row in stale:
        # The row's own method, so its status, finish time and error read as the queue writes them.
        row.set_failed(
            WorkerLost("The worker running this task stopped before finishing; deliver_pending delivers its request.")
        )
        count += 1
    return count
