"""A free TCP port on 127.0.0.1, for servers the tests start (SMTP, gunicorn, Caddy)."""

import socket

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]
