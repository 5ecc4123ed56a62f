"""gunicorn.conf.py: no access log unless asked for, and workers replaced by a memory ceiling or a high count."""

import runpy
import types
from pathlib import Path

import pytest

CONFIG = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


def _load(monkeypatch, **env):
    for name in ("GUNICORN_ACCESS_LOG", "GUNICORN_MAX_REQUESTS", "GUNICORN_MAX_WORKER_MEMORY_MB"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONFIG))


def test_no_access_log_unless_asked_for(monkeypatch):
    assert _load(monkeypatch)["accesslog"] is None
    assert _load(monkeypatch, GUNICORN_ACCESS_LOG="-")["accesslog"] == "-"


def test_recycling_by_count_is_rare_and_jittered(monkeypatch):
    config = _load(monkeypatch)
    # At about 1,000 cached requests a second per worker, at most one replacement every few minutes.
    assert config["max_requests"] >= 100_000 and config["max_requests_jitter"] > 0
    assert _load(monkeypatch, GUNICORN_MAX_REQUESTS="0")["max_requests"] == 0


def _worker(nr):
    return types.SimpleNamespace(nr=nr, alive=True, pid=1, log=types.SimpleNamespace(info=lambda *args: None))


@pytest.mark.parametrize(
    "ceiling, nr, replaced",
    [("1", 100, True), ("1", 101, False), ("100000", 100, False), ("0", 100, False)],
    ids=["over-the-ceiling", "between-checks", "under-the-ceiling", "ceiling-off"],
)
def test_a_worker_over_the_memory_ceiling_is_replaced(monkeypatch, ceiling, nr, replaced):
    config = _load(monkeypatch, GUNICORN_MAX_WORKER_MEMORY_MB=ceiling)
    worker = _worker(nr)
    config["post_request"](worker, None, {}, None)
    assert worker.alive is not replaced
