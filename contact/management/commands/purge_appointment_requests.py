from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from contact.records import AppointmentRequest


class Command(BaseCommand):
    help = "Delete appointment requests (spam included) older than the retention period. Run daily."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Keep this many days (default: APPOINTMENT_RETENTION_DAYS).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Only count what would be deleted.")

    def handle(self, *args, days, dry_run, **options):
        days = settings.APPOINTMENT_RETENTION_DAYS if days is None else days
        if days < 1:
            raise CommandError("--days must be at least 1.")
        cutoff = timezone.now() - timedelta(days=days)
        old = AppointmentRequest.objects.filter(created_at__lt=cutoff)
        count = old.count()
        if dry_run:
            self.stdout.write(f"{count} request(s) older than {days} days would be deleted (dry run).")
            return
        old.delete()
        self.stdout.write(f"{count} request(s) older than {days} days deleted.")
