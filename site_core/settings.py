"""The site's one settings module. Every value an operator may change is read from the environment (or an optional
`.env` beside manage.py) through django-environ; the defaults are the embedded, development ones (SQLite, a file
cache, console email, tasks run at once). Each variable is documented in the README with its default."""

from datetime import timedelta
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
    # "Is this for me?": the private self-check (nothing stored).
    "selfcheck",
    # The demo content loader (`manage.py load_demo_content`); nothing imports it.
    "demo",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    # Wagtail's users app; its account views keep Administrators to least privilege (site_core.editorial.accounts).
    "site_core.editorial.apps.UsersConfig",
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
    # Admin sign-in lockout after repeated failures.
    "axes",
    # Two-step sign-in (TOTP) for administrators and intake staff (see site_core.security.two_factor).
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    # /healthz/ is answered first: by IP, over plain HTTP, never cached (see site_core.security.health).
    "site_core.security.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # CSP with a per-request nonce, and Permissions-Policy; outside the page cache so hits get them too.
    "site_core.security.headers.SecurityHeadersMiddleware",
    # whitenoise, less the static manifest (site_core.security.static_files); Caddy serves /static/ in front of it.
    "site_core.security.static_files.StaticFilesMiddleware",
    # Anonymous readers' pages from the shared cache, before anything that touches the database.
    "site_core.caching.page_cache.PageCacheMiddleware",
    # A form post in a non-UTF-8 charset gets a plain 400 before the CSRF check can turn it into a 500.
    "site_core.security.form_encoding.FormEncodingMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Marks the session's user as verified once a one-time code has been given.
    "django_otp.middleware.OTPMiddleware",
    # Administrators and intake staff reach no admin page before that (site_core.security.two_factor).
    "site_core.security.two_factor.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Refuses sign-in from a locked-out username and address; last, as django-axes requires.
    "axes.middleware.AxesMiddleware",
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
# Keep each worker's database connection for this many seconds (0 closes it after each request): opening a
# PostgreSQL connection costs more than most page renders. Checked before reuse, so a restarted database is fine.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent requests and a worker: readers never wait (WAL); writers lock at BEGIN and queue up to 20 s.
    _wal = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    DATABASES["default"].setdefault("OPTIONS", {}).update(init_command=_wal, transaction_mode="IMMEDIATE", timeout=20)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache shared by every process of the site: Redis in production (CACHE_URL, or REDIS_URL as a fallback);
# by default files under var/cache, so gunicorn's workers, db_worker and cron see the same page cache and rate
# limit (a hit costs ~0.1 ms more than local memory).
_CACHE_URL = env.str("CACHE_URL", default=env.str("REDIS_URL", default=""))
_FILE_CACHE = {
    "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
    "LOCATION": str(BASE_DIR / "var/cache"),
}
CACHES = {"default": env.cache_url_config(_CACHE_URL) if _CACHE_URL else _FILE_CACHE}
# A bound on the embedded caches (local memory, file, database): past it Django culls a third of the entries.
# Redis is bounded by its own maxmemory and allkeys-lru policy instead (README, Deploying).
if "redis" not in CACHES["default"]["BACKEND"].lower():
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", env.int("CACHE_MAX_ENTRIES", default=5000))

# Console by default; production sets EMAIL_URL to smtp://, smtp+tls:// or submission://.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
# Seconds before a silent SMTP server is given up on, so a worker never hangs.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
# The sender of every email the site sends.
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Limbic Medical <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Tasks run at once in the request's on-commit by default; production uses the database queue.
TASKS = {"default": {"BACKEND": env.str("TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend")}}

# Appointment requests (contact app): requests accepted per client address in each window, shared by every server.
APPOINTMENT_RATE_LIMIT = env.int("APPOINTMENT_RATE_LIMIT", default=10)
# Failed posts (invalid, to confirm, honeypot) per client address in each window: looser, so mistakes never block.
APPOINTMENT_FAILED_POST_LIMIT = env.int("APPOINTMENT_FAILED_POST_LIMIT", default=50)
# The rate limit's window, in seconds.
APPOINTMENT_RATE_WINDOW = env.int("APPOINTMENT_RATE_WINDOW", default=3600)
# A form sent sooner than this after it was shown may be a bot's (or autofill): stored, marked for a check, emailed.
APPOINTMENT_MIN_FILL_SECONDS = env.int("APPOINTMENT_MIN_FILL_SECONDS", default=3)
# Acknowledgements one email address receives per 24 hours, so the form cannot be used to mail strangers.
APPOINTMENT_ACKS_PER_ADDRESS_PER_DAY = env.int("APPOINTMENT_ACKS_PER_ADDRESS_PER_DAY", default=3)
# /healthz/deliveries/ answers 503 once a request waits this long for its staff email: then a person is needed.
APPOINTMENT_DELIVERY_ALERT_MINUTES = env.int("APPOINTMENT_DELIVERY_ALERT_MINUTES", default=15)
# `manage.py purge_appointment_requests` (daily) deletes requests older than this many days.
APPOINTMENT_RETENTION_DAYS = env.int("APPOINTMENT_RETENTION_DAYS", default=180)
# A post without a valid CSRF token (e.g. a form left open for days) gets a page a patient understands.
CSRF_FAILURE_VIEW = "contact.views.csrf_failure"

# django-axes must see every sign-in first, to refuse a locked-out one before the password is checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]

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
# The public address; every migrate sets the default Site to it (site_core.operations.site_address) for canonicals.
SITE_URL = env.str("SITE_URL", default="").rstrip("/")
# Absolute links in admin emails (e.g. the link to an appointment request).
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default=SITE_URL or "http://127.0.0.1:8000")
# Database full-text search: SQLite FTS locally, PostgreSQL full text in production.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Documents are uploaded by staff only; still, only ordinary document types.
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "rtf", "txt", "xlsx"]
# Alt text is required on every uploaded image (see site_core.pages.forms).
WAGTAILIMAGES_IMAGE_FORM_BASE = "site_core.pages.forms.ImageForm"
# Editors and reviewers leave comments on a page's fields, e.g. a reviewer's note on a claim.
WAGTAILADMIN_COMMENTS_ENABLED = True
# An approved workflow stamps health pages with their medical reviewer, then publishes (site_core.editorial.governance).
WAGTAIL_FINISH_WORKFLOW_ACTION = "site_core.editorial.workflows.finish_workflow"
# Health pages last reviewed longer ago than this (months) are listed for re-review on the admin dashboard.
MEDICAL_REVIEW_MAX_AGE_MONTHS = env.int("MEDICAL_REVIEW_MAX_AGE_MONTHS", default=12)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Query strings carry admin search terms (patients' emails): no log line keeps them (security.log_privacy).
    "filters": {"no_query_strings": {"()": "site_core.security.log_privacy.StripQueryStrings"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["no_query_strings"]}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # Task start/finish lines drown out what matters; failures are still logged.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # Without this, DEBUG's own handler on "django" printed each of its lines twice (there and via the root).
        "django": {"handlers": [], "level": "INFO"},
        # runserver's request lines, through the same filtered handler instead of Django's own.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# S3-compatible media (AWS, Cloudflare R2, MinIO...) when a bucket is named; otherwise MEDIA_ROOT on disk.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    # Credentials may also come from the instance role; the endpoint only for non-AWS providers.
    AWS_ACCESS_KEY_ID = env.str("AWS_ACCESS_KEY_ID", default=None)
    AWS_SECRET_ACCESS_KEY = env.str("AWS_SECRET_ACCESS_KEY", default=None)
    AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default=None)
    AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default=None)
    # A public host (CDN or bucket domain) for media links; unset means signed bucket URLs.
    AWS_S3_CUSTOM_DOMAIN = env.str("AWS_S3_CUSTOM_DOMAIN", default=None)
    # Uploads never replace each other, and objects are not world-writable.
    AWS_S3_FILE_OVERWRITE = False
    AWS_DEFAULT_ACL = None
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    if AWS_S3_CUSTOM_DOMAIN:
        MEDIA_URL = f"https://{AWS_S3_CUSTOM_DOMAIN}/"

# --- Production hardening (all on when DEBUG is off; see `manage.py check --deploy`) ---
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto, trust it to tell HTTPS from HTTP.
if env.bool("TRUST_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Send plain-HTTP visitors to HTTPS (the health check is answered before this).
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Browsers remember to use HTTPS only (seconds); 0 while developing.
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
# Cookies only over HTTPS in production (a plain-HTTP local test server turns these off).
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
# The CSRF cookie stays unreadable to scripts; forms carry the token.
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = True
# Other sites learn only our origin from links, never the page (article URLs can name conditions).
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Nobody frames a public page (CSP frame-ancestors 'none'); the admin's previews get SAMEORIGIN (security.headers).
X_FRAME_OPTIONS = "DENY"
# The admin does not call wagtail.io for release news from a clinic's network.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: staff email hashes are not sent to a third party, and the admin CSP stays narrower.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Admin sign-in lockout (django-axes): this many failures for one username from one address...
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
# ...lock that pair out for this many minutes; a right password does not help meanwhile.
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Failures live in the database (shared by every app server, visible to administrators); success resets them.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_RESET_ON_SUCCESS = True
# The lockout page, translated and in the admin's look (status 429).
AXES_LOCKOUT_TEMPLATE = "site_core/lockout.html"
# No banner on every start-up; lockouts are still logged.
AXES_VERBOSE = False
# Behind the proxy, the client's address is the one the proxy appended to X-Forwarded-For.
AXES_CLIENT_IP_CALLABLE = "site_core.security.headers.client_address"
# Groups whose members (and superusers) must pass a one-time code (site_core.security.two_factor).
TWO_FACTOR_GROUPS = ["Administrators", "Intake staff"]
# The name authenticator apps show for this site's codes.
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME

# Backups (`make backup`, site_core.operations.backups): where archives go and how many of the newest are kept.
BACKUP_DIR = env.path("BACKUP_DIR", default=BASE_DIR / "var" / "backups")
BACKUP_KEEP = env.int("BACKUP_KEEP", default=14)
# An age public key (age1...): archives are then encrypted for it, as they hold patients' requests.
BACKUP_AGE_RECIPIENT = env.str("BACKUP_AGE_RECIPIENT", default="")
# The matching private identity file, needed only to restore (keep it off the server).
BACKUP_AGE_IDENTITY = env.str("BACKUP_AGE_IDENTITY", default="")

# Staging and preview servers set this so robots.txt asks crawlers to index nothing.
ROBOTS_DISALLOW_ALL = env.bool("ROBOTS_DISALLOW_ALL", default=False)

# Seconds an anonymous reader's page stays in the shared cache (purged on every publish); 0 turns it off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)

# A CDN in front: purge its copy of a page when Wagtail publishes it (Cloudflare, or any HTTP purge endpoint).
WAGTAILFRONTENDCACHE = {}
if env.str("FRONTEND_CACHE_CLOUDFLARE_ZONEID", default=""):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env.str("FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN"),
        "ZONEID": env.str("FRONTEND_CACHE_CLOUDFLARE_ZONEID"),
    }
if env.str("FRONTEND_CACHE_PURGE_URL", default=""):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env.str("FRONTEND_CACHE_PURGE_URL"),
    }
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
