"""Small screens: the menu opens and closes without JavaScript, and nothing is wider than the screen."""

import pytest

from tests.browser.conftest import PAGES

NARROW = 360


def main_menu(page):
    return page.get_by_role("navigation", name="Main")


def test_menu_opens_and_closes_at_360_px(visit):
    page = visit("/", width=NARROW, java_script_enabled=True).page
    menu = main_menu(page)
    summary = menu.locator("summary")
    services = menu.get_by_role("link", name="Services")
    assert summary.is_visible()
    assert not services.is_visible()
    summary.click()
    assert services.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW
    summary.click()
    assert not services.is_visible()
    # And with the keyboard.
    summary.focus()
    page.keyboard.press("Enter")
    assert services.is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Services"
    summary.focus()
    page.keyboard.press("Space")
    assert not services.is_visible()


def test_menu_works_with_javascript_off(visit):
    page = visit("/", width=NARROW, java_script_enabled=False).page
    menu = main_menu(page)
    menu.locator("summary").click()
    assert menu.get_by_role("link", name="Blog").is_visible()


def test_wide_screens_show_the_menu_without_a_button(visit):
    page = visit("/", width=1280).page
    menu = main_menu(page)
    assert not menu.locator("summary").is_visible()
    assert menu.get_by_role("link", name="Services").is_visible()


@pytest.mark.parametrize("name", PAGES)
def test_nothing_overflows_at_360_px(visit, name):
    page = visit(PAGES[name], width=NARROW).page
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW
    # The crisis strip and the appointment button are on every page, in the first screen.
    strip = page.get_by_role("complementary", name="Crisis resources")
    assert strip.get_by_role("link", name="988").is_visible()
    button = page.locator(".site-header .button--primary")
    assert button.is_visible()
    assert button.bounding_box()["y"] < page.viewport_size["height"]


def test_article_prints_without_site_chrome_and_with_link_targets(visit):
    page = visit(PAGES["article"]).page
    source = page.locator(".print-only")
    assert not source.is_visible()
    page.emulate_media(media="print")
    assert source.is_visible() and "http" in source.inner_text()
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".crisis-strip").is_visible()
    assert page.locator("h1").is_visible()
    assert page.evaluate("getComputedStyle(document.querySelector('.site-footer__grid')).display") == "none"
    links = page.locator(".prose a[href]")
    if links.count():
        after = links.first.evaluate("a => getComputedStyle(a, '::after').content")
        assert links.first.get_attribute("href") in after
