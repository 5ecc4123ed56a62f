"""Backups of everything the site cannot rebuild: the database (pages, revisions, settings, patients' appointment
requests) and the uploaded media. `manage.py backup` (`make backup`) and `manage.py restore` (`make restore`).

One archive per run, `limbic-<UTC time>.tar.gz`, holding manifest.json, the database and media/:
- SQLite: the online backup API (`sqlite3.Connection.backup`), a consistent copy taken while the site writes;
- PostgreSQL: `pg_dump --format=custom` (one transaction's snapshot), restored with `pg_restore`;
- media: MEDIA_ROOT, copied after the database, so every file the copied rows name is there (S3 media is left to
  the bucket's own versioning; the manifest says so).
With BACKUP_AGE_RECIPIENT set (an `age` public key) the archive is streamed through `age` and written as
`.tar.gz.age`; no unencrypted copy is kept. The server holds only the public key, so it cannot read its own
backups; restoring needs the private identity file (BACKUP_AGE_IDENTITY), kept elsewhere.
The newest BACKUP_KEEP archives in BACKUP_DIR are kept; older ones are deleted.

Restore fills an empty database and an empty media folder, and refuses anything else, naming what is not empty.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

ARCHIVE_PREFIX = "limbic-"
SUFFIXES = (".tar.gz", ".tar.gz.age")


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


def _engine():
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if engine.endswith(("postgresql", "postgis")):
        return "postgresql"
    raise ImproperlyConfigured(f"Backups know SQLite and PostgreSQL, not {engine}.")


def _pg_env():
    """libpq's variables for pg_dump/pg_restore: the password never appears on a command line."""
    db = settings.DATABASES["default"]
    values = {"PGHOST": db.get("HOST"), "PGPORT": db.get("PORT"), "PGUSER": db.get("USER")}
    values.update({"PGPASSWORD": db.get("PASSWORD"), "PGDATABASE": db["NAME"]})
    return {**os.environ, **{k: str(v) for k, v in values.items() if v}}


def _media_on_disk():
    return settings.STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"


def _dump_database(folder):
    if _engine() == "sqlite":
        target = folder / "database.sqlite3"
        source = sqlite3.connect(settings.DATABASES["default"]["NAME"], timeout=30)
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)  # a consistent snapshot, while other processes keep writing
        finally:
            copy.close()
            source.close()
        return target
    target = folder / "database.dump"
    command = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"]
    subprocess.run(command, env=_pg_env(), check=True, timeout=3600)
    return target


@contextmanager
def _archive_writer(path, recipient):
    """A streaming tar.gz at `path`, through `age` when a recipient is configured."""
    if not recipient:
        with tarfile.open(path, "w:gz") as archive:
            yield archive
        return
    age = subprocess.Popen(["age", "--encrypt", "--recipient", recipient, "--output", str(path)], stdin=subprocess.PIPE)
    try:
        with tarfile.open(fileobj=age.stdin, mode="w|gz") as archive:
            yield archive
    finally:
        age.stdin.close()
        if age.wait(timeout=3600) != 0:
            raise BackupError("age could not encrypt the archive (is BACKUP_AGE_RECIPIENT an age public key?)")


def backup(directory=None, keep=None, recipient=None):
    """Write one archive and prune old ones; returns the archive's path."""
    directory = Path(directory or settings.BACKUP_DIR)
    keep = settings.BACKUP_KEEP if keep is None else keep
    recipient = settings.BACKUP_AGE_RECIPIENT if recipient is None else recipient
    if recipient and not shutil.which("age"):
        raise BackupError("BACKUP_AGE_RECIPIENT is set but `age` is not installed (apt-get install -y age).")
    directory.mkdir(parents=True, exist_ok=True)
    started = datetime.now(UTC)
    name = ARCHIVE_PREFIX + started.strftime("%Y%m%dT%H%M%S%fZ") + (".tar.gz.age" if recipient else ".tar.gz")
    final, partial = directory / name, directory / (name + ".partial")
    with tempfile.TemporaryDirectory(dir=directory, prefix=".dump-") as scratch:
        os.chmod(scratch, 0o700)
        database = _dump_database(Path(scratch))
        manifest = {
            "created": started.isoformat(),
            "database": _engine(),
            "media": "included" if _media_on_disk() else "not included: S3 storage (use the bucket's versioning)",
            "migrations": _latest_migrations(),
        }
        (Path(scratch) / "manifest.json").write_text(json.dumps(manifest, indent=2))
        try:
            with _archive_writer(partial, recipient) as archive:
                archive.add(Path(scratch) / "manifest.json", "manifest.json")
                archive.add(database, database.name)
                media = Path(settings.MEDIA_ROOT)
                if _media_on_disk() and media.is_dir():
                    archive.add(media, "media")
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    partial.chmod(0o600)
    partial.rename(final)
    prune(directory, keep)
    return final


def _latest_migrations():
    from django.db.migrations.recorder import MigrationRecorder

    latest = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, name), name)
    return latest


def archives(directory):
    found = [p for p in Path(directory).glob(ARCHIVE_PREFIX + "*") if p.name.endswith(SUFFIXES)]
    return sorted(found, key=lambda p: p.name)


def prune(directory, keep):
    """Delete all but the newest `keep` archives (names sort by time)."""
    doomed = archives(directory)[:-keep] if keep > 0 else []
    for path in doomed:
        path.unlink()
    return doomed


@contextmanager
def _archive_reader(path, identity):
    if not str(path).endswith(".age"):
        with tarfile.open(path, "r:gz") as archive:
            yield archive
        return
    if not identity:
        raise BackupError("This archive is encrypted: set BACKUP_AGE_IDENTITY to the age identity (private key) file.")
    age = subprocess.Popen(["age", "--decrypt", "--identity", str(identity), str(path)], stdout=subprocess.PIPE)
    try:
        with tarfile.open(fileobj=age.stdout, mode="r|gz") as archive:
            yield archive
    finally:
        age.stdout.close()
        if age.wait(timeout=3600) != 0:
            raise BackupError("age could not decrypt the archive (wrong BACKUP_AGE_IDENTITY?)")


def _refuse_unless_empty():
    media = Path(settings.MEDIA_ROOT)
    problems = []
    if connection.introspection.table_names():
        problems.append(f"the database ({settings.DATABASES['default']['NAME']}) already has tables")
    if _media_on_disk() and media.is_dir() and any(media.iterdir()):
        problems.append(f"the media folder ({media}) is not empty")
    if problems:
        raise BackupError("Restore fills an empty database and media folder, but " + " and ".join(problems) + ".")


def restore(path, identity=None):
    """Fill the empty database and media folder from an archive; returns its manifest."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"No backup at {path}.")
    identity = settings.BACKUP_AGE_IDENTITY if identity is None else identity
    _refuse_unless_empty()
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="limbic-restore-") as scratch:
        scratch = Path(scratch)
        with _archive_reader(path, identity) as archive:
            for member in archive:
                if member.name.startswith("media/") or member.name == "media":
                    if _media_on_disk():
                        relative = member.name.removeprefix("media").lstrip("/")
                        if not relative:
                            continue
                        member.name = relative
                        media.mkdir(parents=True, exist_ok=True)
                        archive.extract(member, media, filter="data")
                else:
                    archive.extract(member, scratch, filter="data")
        manifest = json.loads((scratch / "manifest.json").read_text())
        if manifest["database"] != _engine():
            raise BackupError(f"This is a {manifest['database']} backup; the site is configured for {_engine()}.")
        connection.close()
        if _engine() == "sqlite":
            target = Path(settings.DATABASES["default"]["NAME"])
            for leftover in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
                leftover.unlink(missing_ok=True)  # empty (checked above): SQLite created it on connecting
            shutil.copyfile(scratch / "database.sqlite3", target)
        else:
            command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
            subprocess.run(
                [*command, f"--dbname={settings.DATABASES['default']['NAME']}", str(scratch / "database.dump")],
                env=_pg_env(),
                check=True,
                timeout=3600,
            )
    return manifest
