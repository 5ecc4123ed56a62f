"""Query strings stay out of the logs (issue 13): an admin search for a patient's email must not land in the
access log or in Django's request logging."""

import io
import logging
import runpy
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

from site_core.security.log_privacy import StripQueryStrings

BASE_DIR = Path(__file__).resolve().parents[2]
EMAIL = "patient@example.com"


def _console_output(emit, logger_name=None):
    """What the site's configured console handler writes while `emit` runs."""
    handlers = logging.getLogger(logger_name).handlers
    handler = next(h for h in handlers if any(isinstance(f, StripQueryStrings) for f in h.filters))
    stream, handler.stream = handler.stream, io.StringIO()
    try:
        emit()
        return handler.stream.getvalue()
    finally:
        handler.stream = stream


def test_the_gunicorn_access_log_has_no_query_string_or_referer():
    from gunicorn.config import Config
    from gunicorn.glogging import Logger

    access_log_format = runpy.run_path(str(BASE_DIR / "gunicorn.conf.py"))["access_log_format"]
    config = Config()
    config.set("access_log_format", access_log_format)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/admin/snippets/contact/appointmentrequest/?q={EMAIL}",
        "PATH_INFO": "/admin/snippets/contact/appointmentrequest/",
        "QUERY_STRING": f"q={EMAIL}",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        # A link followed from the search results names the search too.
        "HTTP_REFERER": f"https://clinic.test/admin/snippets/contact/appointmentrequest/?q={EMAIL}",
        "HTTP_USER_AGENT": "test",
    }
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    atoms = Logger(config).atoms(response, SimpleNamespace(headers=[]), environ, timedelta(milliseconds=5))
    line = access_log_format % atoms
    assert "/admin/snippets/contact/appointmentrequest/" in line
    assert " 200 " in line
    assert EMAIL not in line
    assert "q=" not in line


def test_a_404_on_an_admin_search_logs_no_email(client, db, caplog):
    caplog.set_level(logging.INFO)

    def request():
        assert client.get(f"/admin/no-such-view/?q={EMAIL}").status_code in (302, 404)
        assert client.get(f"/no-such-page/?q={EMAIL}").status_code == 404

    output = _console_output(request)
    assert EMAIL not in output
    assert EMAIL not in caplog.text
    assert "Not Found: /no-such-page/" in caplog.text


def test_the_development_servers_request_lines_lose_their_query_string():
    # runserver logs each request line, query string included, through the django.server logger.
    def emit():
        logging.getLogger("django.server").warning(
            '"%s" %s %s', f"GET /admin/snippets/contact/appointmentrequest/?q={EMAIL} HTTP/1.1", "404", "179"
        )

    output = _console_output(emit, "django.server")
    assert '"GET /admin/snippets/contact/appointmentrequest/ HTTP/1.1" 404 179' in output
    assert EMAIL not in output


def test_the_filter_keeps_messages_without_a_query_string_as_they_are():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "Sent %s to %s", ("a note", "/contact/"), None)
    assert StripQueryStrings().filter(record)
    assert record.getMessage() == "Sent a note to /contact/"
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "%s", (f"/admin/?q={EMAIL}&p=2",), None)
    StripQueryStrings().filter(record)
    assert record.getMessage() == "/admin/"
