"""Full-page screenshots of the pages a prospective patient compares clinics by, at a desktop and a phone
width, written to screenshots/ (git-ignored) so a reviewer can look at them. Each must render without a
horizontal scrollbar and with nothing refused by the browser."""

from pathlib import Path

import pytest

from tests.browser.conftest import PAGES

SHOTS = Path(__file__).resolve().parents[2] / "screenshots"
NAMES = ["home", "team", "location", "costs", "treatment"]


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", NAMES)
def test_screenshot(visit, name, width):
    v = visit(PAGES[name], width=width)
    assert v.response.status == 200
    SHOTS.mkdir(exist_ok=True)
    path = SHOTS / f"{name.replace(' ', '-')}-{width}.png"
    v.page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    assert v.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert v.errors == []
