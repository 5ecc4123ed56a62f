"""Static files from the app server (whitenoise), less what is not for the public.

`collectstatic` leaves staticfiles.json, the map from each file's name to its hashed copy, in STATIC_ROOT,
and whitenoise serves whatever is there. Only the hashed copies (and the files themselves) are public; the
manifest lists every file the admin uses too, so it is left out here as Caddy leaves it out in front
(deploy/Caddyfile).
"""

from django.conf import settings
from whitenoise.middleware import WhiteNoiseMiddleware

PRIVATE_NAMES = ("staticfiles.json",)


def _private(url):
    return url.startswith(settings.STATIC_URL) and url.rsplit("/", 1)[-1] in PRIVATE_NAMES


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    def add_file_to_dictionary(self, url, path, stat_cache=None):
        if not _private(url):
            super().add_file_to_dictionary(url, path, stat_cache=stat_cache)

    def find_file(self, url):
        return None if _private(url) else super().find_file(url)
