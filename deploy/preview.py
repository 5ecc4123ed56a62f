"""`make preview`: the production stack on this machine, over plain HTTP.

Caddy (deploy/Caddyfile) on http://127.0.0.1:$PREVIEW_PORT (8080) serves /static/ and /media/ from disk and
hands the rest to gunicorn (2 workers, gunicorn.conf.py), with `manage.py db_worker` sending the queued emails;
DEBUG is off. By default it runs on the embedded default (SQLite, the file cache) in its own folder,
var/preview/ (PREVIEW_DIR), so the development database is left alone; with DATABASE_URL and CACHE_URL set it
runs on them (PostgreSQL + Redis). Before serving it runs make setup's steps (migrate, which also points the
Site at SITE_URL; the demo content; collectstatic), each of which changes nothing when already done.

Ctrl-C or SIGTERM stops Caddy, gunicorn and the worker, waits for each (at most 20 s, then SIGKILL) and
exits 0; if any of them dies on its own, the others are stopped and the exit status is 1.

Plain HTTP means the HTTPS redirect, HSTS and secure cookies are off here; production keeps them on.
"""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
HOST = "127.0.0.1"
STOP_SECONDS = 20


def say(message):
    print(f"preview: {message}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def environment(port, data, base=None):
    """The production settings for a plain-HTTP trial on this machine; anything already set (in `base`, by
    default this process's environment) wins."""
    env = dict(os.environ if base is None else base)
    shared = bool(env.get("DATABASE_URL") and env.get("CACHE_URL"))
    if not shared:
        # The embedded default, in the preview's own folder.
        for name in ("DATABASE_URL", "CACHE_URL", "REDIS_URL"):
            env.pop(name, None)
        env["DATABASE_URL"] = f"sqlite:///{data / 'db.sqlite3'}"
        env["CACHE_URL"] = f"filecache://{data / 'cache'}"
    site_url = f"http://{HOST}:{port}"
    defaults = {
        "SECRET_KEY": _secret_key(data),
        "SITE_URL": site_url,
        "ALLOWED_HOSTS": f"{HOST},localhost",
        "CSRF_TRUSTED_ORIGINS": site_url,
        "MEDIA_ROOT": str(data / "media"),
        "STATIC_ROOT": str(data / "static"),
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "EMAIL_URL": "consolemail://",
        "LOG_LEVEL": "WARNING",
    }
    for name, value in defaults.items():
        env.setdefault(name, value)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "site_core.settings",
            "DEBUG": "off",
            "WEB_CONCURRENCY": env.get("WEB_CONCURRENCY", "2"),
            # Caddy sets X-Forwarded-Proto; plain HTTP here, so no redirect to HTTPS and cookies over http.
            "TRUST_X_FORWARDED_PROTO": "on",
            "SECURE_SSL_REDIRECT": "off",
            "SECURE_HSTS_SECONDS": "0",
            "SESSION_COOKIE_SECURE": "off",
            "CSRF_COOKIE_SECURE": "off",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env, shared


def _secret_key(data):
    """One random key per preview folder, kept so sign-ins survive a restart."""
    path = data / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def setup(env):
    for args in (("migrate", "--noinput", "-v0"), ("load_demo_content",), ("collectstatic", "--noinput", "-v0")):
        say("manage.py " + " ".join(args))
        subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def wait_until_up(url, processes, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for name, proc in processes.items():
            if proc.poll() is not None:
                raise RuntimeError(f"{name} exited with status {proc.returncode} while starting")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - our own local server
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer 200 within {seconds} s")


def stop(processes):
    """SIGTERM to each process group (gunicorn: graceful), then wait; SIGKILL whatever is still running."""
    for proc in processes.values():
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_SECONDS
    for name, proc in processes.items():
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            say(f"{name} did not stop in {STOP_SECONDS} s; killing it")
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def main():
    if not shutil.which("caddy"):
        say("needs Caddy: apt-get install -y caddy")
        return 2
    port = int(os.environ.get("PREVIEW_PORT", "8080"))
    data = Path(os.environ.get("PREVIEW_DIR", ROOT / "var" / "preview")).resolve()
    data.mkdir(parents=True, exist_ok=True)
    env, shared = environment(port, data)
    setup(env)

    upstream = f"{HOST}:{free_port()}"
    caddy_env = {
        **env,
        "SITE_ADDRESS": f"http://{HOST}:{port}",
        "UPSTREAM": upstream,
        "CADDY_ADMIN": "off",
        # Caddy keeps its state (certificates, autosave) in the preview folder, not in the user's home.
        "XDG_DATA_HOME": str(data / "caddy"),
        "XDG_CONFIG_HOME": str(data / "caddy"),
    }
    # Each in its own process group, so a terminal's Ctrl-C reaches only this script, which stops them in order.
    commands = {
        "gunicorn": ([GUNICORN, "-c", "gunicorn.conf.py", "site_core.wsgi"], {**env, "GUNICORN_BIND": upstream}),
        "db_worker": ([PYTHON, "manage.py", "db_worker"], env),
        "caddy": (["caddy", "run", "--config", "deploy/Caddyfile", "--adapter", "caddyfile"], caddy_env),
    }
    processes = {}
    stopping = []

    def on_signal(signum, frame):
        stopping.append(signum)
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    status = 0
    try:
        for name, (command, process_env) in commands.items():
            processes[name] = subprocess.Popen(command, cwd=ROOT, env=process_env, start_new_session=True)
        url = f"http://{HOST}:{port}/"
        wait_until_up(url + "healthz/", processes)
        backend = "PostgreSQL + Redis" if shared else f"SQLite + the file cache in {data}"
        say(f"serving {url} (DEBUG off, gunicorn {env['WEB_CONCURRENCY']} workers, db_worker, {backend}); Ctrl-C stops")
        print(f"READY {url}", flush=True)
        while True:
            for name, proc in processes.items():
                if proc.poll() is not None:
                    raise RuntimeError(f"{name} exited with status {proc.returncode}")
            time.sleep(0.5)
    except KeyboardInterrupt:
        say("stopping")
    except (RuntimeError, subprocess.CalledProcessError) as failed:
        say(f"failed: {failed}")
        status = 1
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        stop(processes)
    say("stopped")
    return status


if __name__ == "__main__":
    sys.exit(main())
