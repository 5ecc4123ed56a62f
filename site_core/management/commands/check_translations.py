"""Fail, listing them, when the source holds strings the Spanish catalogue does not translate.

Runs makemessages into a temporary copy of locale/ (the committed .po files are never touched), so the
check sees exactly what `makemessages` would find today: new strings come out with an empty msgstr, and
changed ones come out fuzzy."""

import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.management.commands import makemessages
from django.test.utils import override_settings

# What makemessages skips: the virtualenv, tests, and folders that hold no source.
IGNORE = [".venv", "tests", "media", "staticfiles", "node_modules", "bench-results"]


class MakeMessagesInto(makemessages.Command):
    """makemessages that writes every catalogue under one locale folder of our choosing."""

    target = None

    def find_files(self, root):
        files = super().find_files(root)
        for translatable in files:
            translatable.locale_dir = self.target
        return files


def untranslated(po_text):
    """The msgids of a .po file's entries whose translation is missing or marked fuzzy (header excluded)."""
    problems = []
    for block in po_text.split("\n\n"):
        lines = [line for line in block.splitlines() if line.strip() and not line.startswith("#~")]
        if not any(line.startswith("msgid ") for line in lines):
            continue
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        fields, current = {}, None
        for line in lines:
            if line.startswith("#"):
                continue
            if line.startswith('"'):
                fields[current] += _unquote(line)
            else:
                current, _, value = line.partition(" ")
                fields[current] = _unquote(value)
        msgid = fields.get("msgid", "")
        if not msgid:
            continue  # the header
        translations = [value for key, value in fields.items() if key.startswith("msgstr")]
        if fuzzy or not translations or not all(translations):
            problems.append(msgid)
    return problems


def _unquote(text):
    text = text.strip()
    return text[1:-1] if len(text) >= 2 and text[0] == text[-1] == '"' else text


def find_untranslated(language="es"):
    """Run makemessages for `language` into a temporary copy of the project's catalogues; return the
    msgids left untranslated or fuzzy."""
    source = Path(settings.LOCALE_PATHS[0])
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "locale"
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            target.mkdir()
        command = MakeMessagesInto()
        command.target = str(target)
        with override_settings(LOCALE_PATHS=[str(target)]):
            call_command(command, locale=[language], ignore_patterns=IGNORE, verbosity=0)
        po_file = target / language / "LC_MESSAGES" / "django.po"
        return untranslated(po_file.read_text(encoding="utf-8"))


class Command(BaseCommand):
    help = "Fails, listing them, when strings in the source have no Spanish translation (or a fuzzy one)."

    def add_arguments(self, parser):
        parser.add_argument("--language", default="es")

    def handle(self, *args, language, **options):
        missing = find_untranslated(language)
        if missing:
            listing = "\n".join(f"  {msgid!r}" for msgid in missing)
            raise CommandError(
                f"{len(missing)} string(s) without a '{language}' translation (run `make messages-update`, "
                f"then fill locale/{language}/LC_MESSAGES/django.po):\n{listing}"
            )
        self.stdout.write(f"Every string has a '{language}' translation.")
