"""The kept demo test database (tests.support.built_database) is rebuilt whenever what built it changes."""

from tests.support import built_database


def test_the_key_follows_the_source_but_not_the_test_modules(tmp_path, monkeypatch):
    (tmp_path / "demo").mkdir()
    (tmp_path / "tests" / "support").mkdir(parents=True)
    (tmp_path / "demo" / "loader.py").write_text("A = 1\n")
    (tmp_path / "tests" / "conftest.py").write_text("")
    (tmp_path / "tests" / "test_pages.py").write_text("")
    (tmp_path / "requirements.txt").write_text("Django==5.2\n")
    monkeypatch.setattr(built_database, "ROOT", tmp_path)
    first = built_database.key("sqlite")

    (tmp_path / "tests" / "test_pages.py").write_text("def test_more(): pass\n")
    assert built_database.key("sqlite") == first

    for changed in ("demo/loader.py", "tests/conftest.py", "requirements.txt"):
        before = built_database.key("sqlite")
        (tmp_path / changed).write_text((tmp_path / changed).read_text() + "# changed\n")
        assert built_database.key("sqlite") != before, changed
    assert built_database.key("postgresql") != built_database.key("sqlite")


def test_a_kept_build_is_restored_and_only_the_newest_is_kept(tmp_path, monkeypatch):
    import sqlite3

    monkeypatch.setattr(built_database, "STORE", tmp_path / "store")
    media = tmp_path / "media"
    (media / "images").mkdir(parents=True)
    (media / "images" / "a.avif").write_bytes(b"x")

    class Connection:
        def __init__(self, path):
            self.connection = sqlite3.connect(path)
            self.connection.execute("create table t (n int)")
            self.connection.execute("insert into t values (7)")
            self.connection.commit()

        def ensure_connection(self):
            pass

    built_database.keep("old", Connection(tmp_path / "old.sqlite3"), media)
    built_database.keep("new", Connection(tmp_path / "new.sqlite3"), media)
    assert sorted(p.name for p in (tmp_path / "store").iterdir()) == ["new"]

    assert not built_database.restore("old", tmp_path / "copy.sqlite3", tmp_path / "m2")
    assert built_database.restore("new", tmp_path / "copy.sqlite3", tmp_path / "m2")
    assert sqlite3.connect(tmp_path / "copy.sqlite3").execute("select n from t").fetchone() == (7,)
    assert (tmp_path / "m2" / "images" / "a.avif").read_bytes() == b"x"
