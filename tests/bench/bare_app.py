"""The yardstick for page-cache hits: a WSGI app that serves bytes from memory and does nothing else.

`make bench` runs it under gunicorn with the same gunicorn.conf.py and worker count as the site, serving the
HTML the site rendered (the files in BENCH_BARE_DIR, at /<file name>), so "cached ÷ bare" is what Django, the
middleware and the cache cost on a hit, with the server, the sockets and the machine the same on both sides."""

import os
from pathlib import Path

FILES = {
    f"/{path.name}".encode("latin-1"): path.read_bytes() for path in Path(os.environ["BENCH_BARE_DIR"]).glob("*.html")
}


def application(environ, start_response):
    body = FILES.get(environ.get("PATH_INFO", "").encode("latin-1"))
    if body is None:
        start_response("404 Not Found", [("Content-Type", "text/plain"), ("Content-Length", "0")])
        return [b""]
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))])
    return [body]
