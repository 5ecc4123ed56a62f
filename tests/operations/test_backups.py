"""Backups (site_core.operations.backups): pruning, encryption with age, and a restore that never overwrites a live site.
The whole cycle (a backup taken while requests are posted, restored into a fresh database and media folder and
served) is the restore drill in `make drills` (tests/bench/drills.py)."""

import subprocess

import pytest
from django.core.management import CommandError, call_command

from site_core.operations import backups


def test_only_the_newest_archives_are_kept(tmp_path):
    names = [f"limbic-20261201T0{h}0000000000Z.tar.gz" for h in range(5)] + [
        "limbic-20261201T0900000000000Z.tar.gz.age"
    ]
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "notes.txt").write_text("not a backup")
    deleted = backups.prune(tmp_path, keep=3)
    assert [p.name for p in deleted] == names[:3]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*names[3:], "notes.txt"])


def test_an_encrypted_archive_is_unreadable_without_the_identity_and_whole_with_it(tmp_path):
    identity = tmp_path / "key.txt"
    subprocess.run(["age-keygen", "-o", str(identity)], check=True, capture_output=True)
    recipient = subprocess.run(
        ["age-keygen", "-y", str(identity)], check=True, capture_output=True, text=True
    ).stdout.strip()
    secret = tmp_path / "request.txt"
    secret.write_text("Ana Lopez, (323) 886-2273")
    archive = tmp_path / "limbic-x.tar.gz.age"
    with backups._archive_writer(archive, recipient) as tar:
        tar.add(secret, "request.txt")
    assert b"Ana Lopez" not in archive.read_bytes() and archive.read_bytes().startswith(b"age-encryption.org/v1")
    with pytest.raises(backups.BackupError, match="BACKUP_AGE_IDENTITY"), backups._archive_reader(archive, ""):
        pass
    with backups._archive_reader(archive, identity) as tar:
        member = next(iter(tar))
        assert tar.extractfile(member).read() == b"Ana Lopez, (323) 886-2273"


def test_restore_refuses_a_database_that_is_not_empty(demo, tmp_path, settings):
    archive = tmp_path / "limbic-20261201T000000000000Z.tar.gz"
    archive.write_bytes(b"")
    settings.MEDIA_ROOT = tmp_path / "media"
    with pytest.raises(CommandError, match="already has tables"):
        call_command("restore", str(archive))


def test_restore_names_a_missing_archive(db):
    with pytest.raises(CommandError, match="No backup at"):
        call_command("restore", "/nonexistent/limbic-x.tar.gz")


def test_make_restore_without_an_archive_says_how(tmp_path):
    from tests.operations.test_production import BASE_DIR

    result = subprocess.run(["make", "-s", "restore"], cwd=BASE_DIR, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "make restore BACKUP=" in result.stdout + result.stderr
