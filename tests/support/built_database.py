"""The demo test database, built once and kept between runs of the suite (SQLite only).

Building it is most of a cold run's setup: about 250 migrations, the demo loader, the Spanish reviews and one
render of every page for its image renditions (30-50 s per xdist worker on a 2-CPU machine). What it contains
depends only on the project's source, so the finished SQLite file and media folder are kept in
var/test-database/<key>/, where the key is a hash of every source file that can change them (everything but the
test modules themselves), and later runs start from a copy. Any change to a model, migration, template, the
demo loader or a requirement gives a new key and a fresh build; only the newest build is kept.

PostgreSQL (CI's second run) is always built from scratch: that run is also the proof that migrations and the
loader work from an empty database.
"""

import hashlib
import os
import shutil
import sqlite3
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STORE = ROOT / "var" / "test-database"
# Folders whose files cannot change the built database: caches, builds, outputs and the test modules.
SKIPPED_DIRS = {".git", ".venv", "var", "media", "staticfiles", "bench-results", "screenshots", "node_modules"}
SOURCE_SUFFIXES = {".py", ".po", ".html", ".txt", ".json", ".svg", ".png", ".jpg", ".toml", ".cfg", ".ini"}


def _source_files():
    for folder, dirs, files in os.walk(ROOT):
        relative = Path(folder).relative_to(ROOT)
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not d.startswith((".", "__")))
        if relative.parts[:1] == ("tests",) and relative.parts[1:2] != ("support",):
            # Test modules don't build the database; the fixtures that do (conftest, support/) count.
            files = [f for f in files if f == "conftest.py" and len(relative.parts) == 1]
        for name in sorted(files):
            if Path(name).suffix in SOURCE_SUFFIXES or name == "requirements.txt":
                yield relative / name


def key(engine_label):
    """A hash of what the built database depends on: the source, and the database engine's label."""
    digest = hashlib.sha256(engine_label.encode())
    for path in _source_files():
        digest.update(str(path).encode() + b"\0" + (ROOT / path).read_bytes() + b"\0")
    return digest.hexdigest()[:20]


def restore(build_key, database_path, media_root):
    """Copy a kept build into place; False when there is none for this key."""
    kept = STORE / build_key
    if not (kept / "db.sqlite3").exists():
        return False
    shutil.copyfile(kept / "db.sqlite3", database_path)
    shutil.copytree(kept / "media", media_root, dirs_exist_ok=True)
    return True


def keep(build_key, connection, media_root):
    """Keep this worker's freshly built database and media for later runs (the newest build only)."""
    STORE.mkdir(parents=True, exist_ok=True)
    staging = STORE / f".staging-{uuid.uuid4().hex}"
    staging.mkdir()
    connection.ensure_connection()
    # The backup API gives one consistent file even while this connection holds a write-ahead log.
    with sqlite3.connect(staging / "db.sqlite3") as target:
        connection.connection.backup(target)
    target.close()
    if os.path.isdir(media_root):
        shutil.copytree(media_root, staging / "media")
    else:
        (staging / "media").mkdir()
    try:
        # Two workers may finish the same build at once: the first rename wins, the other is dropped.
        staging.rename(STORE / build_key)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)
        return
    for old in STORE.iterdir():
        if old.name != build_key and not old.name.startswith(".staging-"):
            shutil.rmtree(old, ignore_errors=True)
