from django.core.management.base import BaseCommand

from contact import delivery, tasks


class Command(BaseCommand):
    help = (
        "Send every appointment email never sent: never enqueued, failed and due again after its backoff, or left by"
        " a killed db_worker (whose RUNNING task rows are marked failed). See contact.tasks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500, help="At most this many requests per run.")
        parser.add_argument(
            "--now",
            action="store_true",
            help="Skip the backoff: try every unsent email now (once the mail server is back after an outage).",
        )

    def handle(self, *args, limit, now, **options):
        stale = tasks.fail_stale_running_tasks()
        if stale:
            self.stdout.write(f"{stale} task(s) left running by a stopped worker marked failed.")
        if now:
            delivery.retry_now()
        ids = delivery.pending_ids(limit=limit)
        sent = sum(len(delivery.deliver(pk)) for pk in ids)
        self.stdout.write(f"{len(ids)} request(s) pending, {sent} email(s) sent.")
