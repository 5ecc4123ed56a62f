"""The demo site under production settings, as the browser tests, the multi-server tests, the bench and the drills
start it: one environment builder, so every harness runs the settings a deployment runs (DEBUG off, a real secret
key, hashed static files, its own media and static folders) and differs only where it says so."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

# Variables of the caller's shell that must never leak into a test server (they could name a real database).
_NOT_INHERITED = ("DJANGO_", "APPOINTMENT_", "DATABASE_", "CACHE_", "REDIS_", "SECURE_")


def production_env(
    folder: Path,
    *,
    database_url: str,
    cache_url: str,
    allowed_hosts: str,
    email_url: str,
    tasks_backend: str = "django_tasks_db.DatabaseBackend",
    inherit: bool = False,
    **overrides: str,
) -> dict[str, str]:
    """Environment variables for manage.py and gunicorn serving the site from `folder` under production settings.

    `inherit` keeps the caller's whole environment (the multi-server tests run inside CI's PostgreSQL + Redis
    pass); otherwise variables that could point the server at someone's database, cache or settings are dropped.
    `overrides` are further variables, e.g. TRUST_X_FORWARDED_PROTO="on" behind a proxy."""
    base = dict(os.environ) if inherit else {k: v for k, v in os.environ.items() if not k.startswith(_NOT_INHERITED)}
    base.update(
        {
            "DJANGO_SETTINGS_MODULE": "site_core.settings",
            "DEBUG": "off",
            "SECRET_KEY": secrets.token_urlsafe(48),
            "ALLOWED_HOSTS": allowed_hosts,
            "DATABASE_URL": database_url,
            "CACHE_URL": cache_url,
            "STATIC_ROOT": str(folder / "static"),
            "MEDIA_ROOT": str(folder / "media"),
            "EMAIL_URL": email_url,
            "TASKS_BACKEND": tasks_backend,
            "PYTHONUNBUFFERED": "1",
        }
    )
    base.update(overrides)
    return base
