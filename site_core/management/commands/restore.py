"""`manage.py restore ARCHIVE`: fill an empty database and media folder from a backup; `make restore BACKUP=...`."""

from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError

from site_core.operations import backups


class Command(BaseCommand):
    help = "Restore a backup (site_core.operations.backups) into an empty database and an empty media folder."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="A limbic-*.tar.gz or .tar.gz.age file written by `manage.py backup`.")

    def handle(self, *args, archive, **options):
        try:
            manifest = backups.restore(archive)
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        # Nothing cached before the restore describes the restored site.
        cache.clear()
        self.stdout.write(
            f"Restored the backup of {manifest['created']} ({manifest['database']}; media {manifest['media']})."
        )
        self.stdout.write("Next: manage.py migrate (if this release is newer than the backup), then start the site.")
