"""`manage.py backup`: one dated archive of the database and media (site_core.operations.backups); `make backup`."""

from django.core.management.base import BaseCommand, CommandError

from site_core.operations import backups


class Command(BaseCommand):
    help = "Write a consistent backup of the database and media to BACKUP_DIR, keeping the newest BACKUP_KEEP."

    def add_arguments(self, parser):
        parser.add_argument("--dir", help="Folder for the archive (default: BACKUP_DIR).")
        parser.add_argument("--keep", type=int, help="How many of the newest archives to keep (default: BACKUP_KEEP).")

    def handle(self, *args, dir=None, keep=None, **options):
        try:
            path = backups.backup(directory=dir, keep=keep)
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        size = path.stat().st_size
        self.stdout.write(f"Backup written: {path} ({size / 1024 / 1024:.1f} MB)")
