"""Real SMTP servers for tests: aiosmtpd on a free 127.0.0.1 port, a closed port, and a silent server.

    from tests.support.smtp import smtp_server, closed_smtp, hanging_smtp  # noqa: F401 (pytest fixtures)

Each fixture points Django's SMTP email backend at its port through the `settings` fixture.
"""

import logging
import socket
import threading
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller

from tests.support.net import free_port

# aiosmtpd logs every command it reads; only its warnings matter here.
logging.getLogger("mail.log").setLevel(logging.WARNING)


class Collector:
    """An aiosmtpd handler keeping every message received, parsed, with its envelope recipients."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.original_content or envelope.content)
        message.envelope_to = list(envelope.rcpt_tos)
        with self.lock:
            self.messages.append(message)
        return "250 OK"


class SmtpServer:
    def __init__(self, port=None):
        self.port = port or free_port()
        self.handler = Collector()
        self.controller = None

    @property
    def messages(self):
        return list(self.handler.messages)

    def start(self):
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self):
        if self.controller:
            self.controller.stop()
            self.controller = None


def point_email_at(settings, port, timeout=5):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = timeout


@pytest.fixture
def smtp_server(settings):
    """A running aiosmtpd server; `.messages` lists what it received, `.stop()`/`.start()` restart it."""
    server = SmtpServer().start()
    point_email_at(settings, server.port)
    yield server
    server.stop()


@pytest.fixture
def closed_smtp(settings):
    """A port nothing listens on; `.start()` brings a real server up there later."""
    server = SmtpServer()
    point_email_at(settings, server.port)
    yield server
    server.stop()


@pytest.fixture
def hanging_smtp(settings):
    """A server that accepts connections and never says a word; EMAIL_TIMEOUT is 1 second."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    accepted = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _addr = listener.accept()
            except OSError:
                continue
            accepted.append(conn)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    point_email_at(settings, listener.getsockname()[1], timeout=1)
    yield accepted
    stop.set()
    thread.join(2)
    for conn in accepted:
        conn.close()
    listener.close()
