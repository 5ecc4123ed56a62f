from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "limbic-local-admin"  # noqa: S105 -- development only; refused when DEBUG is off


class Command(BaseCommand):
    help = "Creates a superuser for local development only (refused when DEBUG is off) and prints its login."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Refusing to create the local admin account: DEBUG is off (this looks like production).")
        user_model = get_user_model()
        if not user_model.objects.filter(username=USERNAME).exists():
            user_model.objects.create_superuser(USERNAME, "admin@localhost", PASSWORD)
        self.stdout.write(
            self.style.SUCCESS("Local admin (development only): http://127.0.0.1:8000/admin/")
            + f"\n  username: {USERNAME}\n  password: {PASSWORD}\n"
            + "  Next: the first sign-in shows a QR code; scan it with an authenticator app on your phone and\n"
            + "  type the six-digit code it shows (or type its setup key). Later sign-ins ask for a new code.\n"
            + "  (Superusers, Administrators and Intake staff always sign in in two steps.)"
        )
