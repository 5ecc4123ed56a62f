"""Query strings never reach the logs: admin searches (`?q=patient@example.com`), filters and tokens in URLs
would otherwise put patients' details into every log line that names a URL.

StripQueryStrings is a logging filter on the site's console handler and the development server's request log
(settings.LOGGING); gunicorn's access log leaves them out through its format (gunicorn.conf.py)."""

import logging
import re

# A path followed by its query string, as it appears in a log line (a request line, a URL, a bare path).
PATH_WITH_QUERY = re.compile(r"(/[^\s?\"'<>]*)\?[^\s\"'<>]*")


class StripQueryStrings(logging.Filter):
    """Drops the query string from every path in a record's message; the record is kept."""

    def filter(self, record):
        message = record.getMessage()
        cleaned = PATH_WITH_QUERY.sub(r"\1", message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True
