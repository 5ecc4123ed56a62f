"""The site's WSGI application, plus its uploaded media, for the browser tests only.

Production serves media from shared storage or the web server in front of the app; the test server
has neither, so whitenoise serves MEDIA_ROOT here (looked up per request: renditions appear as pages
render)."""

from django.conf import settings
from whitenoise import WhiteNoise

from site_core.wsgi import application as site_application

application = WhiteNoise(site_application, autorefresh=True)
application.add_files(str(settings.MEDIA_ROOT), prefix=settings.MEDIA_URL)
