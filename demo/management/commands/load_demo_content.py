from django.core.management.base import BaseCommand

from demo.loader import load


class Command(BaseCommand):
    help = "Builds the demo site (pages, people, images, menus, clinic settings). Safe to run again."

    def handle(self, *args, **options):
        load(stdout=self.stdout)
