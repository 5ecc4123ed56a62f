"""The site's one settings module.

Every value an operator may change is read from the environment (or an optional
`.env` beside manage.py) through django-environ. Defaults are the embedded,
development ones: SQLite, local-memory cache, console email, tasks run at once.
Each variable is documented in the README with its default.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# An optional .env file, for local overrides; the real environment wins.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# Development by default so `make run` needs no configuration; production sets DEBUG=off.
DEBUG = env.bool("DEBUG", default=True)

_INSECURE_KEY = "django-insecure-local-development-only"
# Signs sessions and tokens; must be a long random value in production.
SECRET_KEY = env.str("SECRET_KEY", default=_INSECURE_KEY)
# Host names this site answers to; required in production.
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"] if DEBUG else [])
# Origins (scheme://host) allowed to POST across origins, e.g. behind a proxy on another port.
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

if not DEBUG:
    # Refuse to start unsafely: name every missing piece at once.
    _missing = []
    if SECRET_KEY == _INSECURE_KEY or len(SECRET_KEY) < 32:
        _missing.append("SECRET_KEY (a random string of at least 32 characters)")
    if not ALLOWED_HOSTS:
        _missing.append("ALLOWED_HOSTS (comma-separated host names)")
    if _missing:
        raise ImproperlyConfigured("DEBUG is off, so these must be set: " + "; ".join(_missing))

INSTALLED_APPS = [
    "site_core",
    "blog",
    "services",
    "contact",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.contrib.forms",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A form post in a non-UTF-8 charset gets a plain 400 before the CSRF check can turn it into a 500.
    "site_core.form_encoding.FormEncodingMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "site_core.urls"
WSGI_APPLICATION = "site_core.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite file by default; production points DATABASE_URL at PostgreSQL.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# Reuse connections between requests (seconds); 0 closes after each request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Local memory by default; production shares one Redis (CACHE_URL, or REDIS_URL as a fallback).
CACHES = {"default": env.cache("CACHE_URL", default=env.str("REDIS_URL", default="locmemcache://"))}

# Console by default; production sets EMAIL_URL to smtp://, smtp+tls:// or submission://.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
# Seconds before a silent SMTP server is given up on, so a worker never hangs.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
# The sender of every email the site sends.
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Limbic Medical <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Tasks run at once in the request's on-commit by default; production uses the database queue.
TASKS = {"default": {"BACKEND": env.str("TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend")}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English is the default language; Spanish pages live under /es/.
LANGUAGE_CODE = "en"
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
WAGTAIL_I18N_ENABLED = True
# The clinic is in Los Angeles: dates and scheduled publishing use its clock.
TIME_ZONE = "America/Los_Angeles"
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Where collectstatic gathers files for whitenoise to serve (the benchmarks use a temporary one).
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_URL = "/media/"
# Uploaded images and documents; a shared volume when several app servers run.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed files with far-future caching; plain files while developing.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Wagtail's page editor posts many fields on a long page.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
WAGTAIL_SITE_NAME = "Limbic Medical"
# Absolute links in admin emails (e.g. the link to an appointment request).
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
# Database full-text search: SQLite FTS locally, PostgreSQL full text in production.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Documents are uploaded by staff only; still, only ordinary document types.
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "rtf", "txt", "xlsx"]
# Alt text is required on every uploaded image (see site_core.forms).
WAGTAILIMAGES_IMAGE_FORM_BASE = "site_core.forms.ImageForm"
# Wagtail's accessibility and content checks stay on in the editor.
WAGTAILADMIN_COMMENTS_ENABLED = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # Task start/finish lines drown out what matters; failures are still logged.
    "loggers": {"django_tasks": {"level": "WARNING"}, "wagtail": {"level": "WARNING"}},
}
