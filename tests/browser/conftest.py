"""Real-browser tests: Debian's Chromium driven by Playwright against the demo site under production
settings (DEBUG off, hashed and compressed static files), served by gunicorn from a temporary folder.

Run with `make test-browser` (never collected by `make test`). Independent of pytest-django: this folder
is its own conftest root and the server has its own fresh SQLite database."""

from __future__ import annotations

import os
import urllib.parse

import pytest
from playwright.sync_api import sync_playwright

from tests.browser.site_server import SiteServer

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# One page of each type the site has (the article and services come from the demo content).
PAGES = {
    "home": "/",
    "blog index": "/blog/",
    "article": "/blog/ketamine-and-depression-an-integrative-approach/",
    "condition": "/services/depression/",
    "treatment": "/services/iv-ketamine-infusion/",
    "services index": "/services/",
    "contact": "/contact/",
    "self-check": "/is-this-for-me/",
    "search results": "/search/?q=ketamine",
    "team": "/team/",
    "location": "/visit-us/",
    "costs": "/costs-and-insurance/",
    "privacy": "/privacy/",
    "accessibility statement": "/accessibility/",
    "not found": "/this-page-does-not-exist/",
}


@pytest.fixture(scope="session")
def site():
    server = SiteServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Visit:
    """A fresh browser context (empty cache, no cookies) that records every request it makes."""

    def __init__(self, browser, site, **options):
        self.site = site
        self.context = browser.new_context(base_url=site.base_url, **options)
        self.requests = []
        self.context.on("request", lambda request: self.requests.append(request))
        self.page = self.context.new_page()
        # Console errors: a blocked script or style (CSP), a missing file, a script error.
        self.errors = []
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def foreign_requests(self):
        local = urllib.parse.urlsplit(self.site.base_url).netloc
        return [
            r.url
            for r in self.requests
            if not r.url.startswith(("data:", "blob:")) and urllib.parse.urlsplit(r.url).netloc != local
        ]


@pytest.fixture
def visit(browser, site):
    """visit(path, width=..., **context options) -> Visit, once the page (with its CSS, scripts, fonts) has loaded."""
    opened = []

    def open_page(path, width=1280, height=900, wait="load", **options):
        v = Visit(browser, site, viewport={"width": width, "height": height}, **options)
        opened.append(v)
        v.response = v.page.goto(path, wait_until=wait)
        return v

    yield open_page
    for v in opened:
        v.context.close()
