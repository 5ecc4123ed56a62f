"""The WSGI application gunicorn serves (`make preview`, the Procfile, `make bench`): Django's handler behind the
page cache's WSGI hit path (site_core.caching.hit_path), which answers cache hits from memory before Django
builds a request. Django's test client does not come through here; it meets the page cache as middleware."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_core.settings")
django_application = get_wsgi_application()

from site_core.caching.hit_path import PageCacheApp  # noqa: E402 -- once Django is set up

application = PageCacheApp(django_application)
