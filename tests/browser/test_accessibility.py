"""WCAG 2.2 AA in a real browser: axe-core on every page type, plus what axe does not check by itself."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import PAGES

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
axe = Axe()


def assert_no_violations(page):
    results = axe.run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_violation(visit, name):
    v = visit(PAGES[name])
    expected = 404 if name == "not found" else 200
    assert v.response.status == expected
    assert_no_violations(v.page)
    # Nothing refused by the Content-Security-Policy, no missing file, no script error (the 404 itself aside).
    errors = [e for e in v.errors if not (name == "not found" and "404" in e)]
    assert errors == []


@pytest.mark.parametrize(
    "path",
    [
        "/es/",
        "/es/servicios/infusion-intravenosa-de-ketamina/",
        "/es/acerca-de/",
        "/es/equipo/",
        "/es/visitenos/",
        "/es/costos-y-seguro/",
        "/es/accesibilidad/",
    ],
)
def test_axe_finds_no_violation_on_spanish_pages(visit, path):
    v = visit(path)
    assert v.response.status == 200
    assert v.page.locator("html").get_attribute("lang") == "es"
    assert_no_violations(v.page)
    assert v.errors == []


@pytest.mark.parametrize("width", [360, 1280])
def test_axe_finds_no_violation_with_the_menu_open(visit, width):
    v = visit("/", width=width)
    summary = v.page.locator(".menu > summary")
    if summary.is_visible():
        summary.click()
    assert v.page.get_by_role("navigation", name="Main").get_by_role("link", name="Blog").is_visible()
    assert_no_violations(v.page)


OUTLINE = """() => [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')]
    .filter(h => h.getClientRects().length)
    .map(h => Number(h.tagName[1]))"""


@pytest.mark.parametrize("name", PAGES)
def test_one_h1_landmarks_and_headings_in_order(visit, name):
    page = visit(PAGES[name]).page
    levels = page.evaluate(OUTLINE)
    assert levels.count(1) == 1, levels
    assert levels[0] == 1, f"the first heading should be the h1: {levels}"
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, f"a heading level is skipped ({before} then {after}): {levels}"
    for role in ("banner", "main", "contentinfo"):
        assert page.get_by_role(role).count() == 1, role
    assert page.get_by_role("navigation", name="Main").count() == 1
    assert page.locator("html").get_attribute("lang")


FILE_NAME = re.compile(r"\.(jpe?g|png|gif|webp|avif|svg)$|^(img|image|dsc|demo)[-_ ]?\d*", re.IGNORECASE)


@pytest.mark.parametrize(
    "name", ["home", "article", "condition", "treatment", "services index", "blog index", "team", "location", "costs"]
)
def test_images_have_alt_text_from_content_and_explicit_size(visit, name):
    page = visit(PAGES[name]).page
    images = page.evaluate(
        """() => [...document.images].map(i => ({alt: i.getAttribute('alt'), src: i.currentSrc || i.src,
            width: i.getAttribute('width'), height: i.getAttribute('height')}))"""
    )
    for image in images:
        assert image["alt"] and image["alt"].strip(), image
        assert not FILE_NAME.search(image["alt"].strip()), f"alt text looks like a file name: {image}"
        assert image["width"] and image["height"], f"no explicit size: {image}"


def test_focus_ring_is_visible_and_never_under_the_sticky_strip(visit):
    """Tab through the article on a wide screen: each focused element is in view, below the sticky crisis strip,
    and drawn with an outline."""
    page = visit(PAGES["article"], height=700).page
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.evaluate("window.scrollTo(0, 0)")
    seen = 0
    for _ in range(40):
        page.keyboard.press("Tab")
        state = page.evaluate(
            """() => {
                const el = document.activeElement;
                const box = el.getBoundingClientRect();
                const strip = document.querySelector('.crisis-strip').getBoundingClientRect();
                const style = getComputedStyle(el);
                return {tag: el.tagName, text: el.textContent.trim().slice(0, 40), top: box.top, bottom: box.bottom,
                        stripBottom: strip.bottom, inStrip: el.closest('.crisis-strip') !== null,
                        outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
                        cardFocus: el.closest('.card') !== null, innerHeight: window.innerHeight};
            }"""
        )
        if state["tag"] == "BODY" or state["text"] == "Skip to main content":
            continue  # the skip link is drawn above everything while it has focus
        seen += 1
        assert state["bottom"] <= state["innerHeight"] + 1, state
        if not state["inStrip"]:
            assert state["top"] >= state["stripBottom"] - 1, f"focus hidden behind the crisis strip: {state}"
        if not state["cardFocus"]:
            assert state["outline"] != "none" and state["outlineWidth"] >= 2, f"no visible focus: {state}"
    assert seen >= 20


def test_targets_are_at_least_24_px(visit):
    for path in (PAGES["home"], PAGES["condition"], PAGES["contact"]):
        page = visit(path, width=360).page
        small = page.evaluate(
            """() => [...document.querySelectorAll('a, button, summary, input, select, textarea')]
                .filter(el => el.getClientRects().length && !el.closest('p, li:not(nav li), address, figcaption, td'))
                .map(el => ({text: (el.textContent || el.name || '').trim().slice(0, 30),
                             w: el.getBoundingClientRect().width, h: el.getBoundingClientRect().height}))
                .filter(t => t.w < 24 || t.h < 24)"""
        )
        assert small == [], f"{path}: targets under 24x24 px: {small}"


def test_reduced_motion_turns_off_transitions(visit):
    reduced = visit("/", reduced_motion="reduce").page
    assert reduced.evaluate("getComputedStyle(document.querySelector('.button')).transitionDuration") == "0s"
    moving = visit("/", reduced_motion="no-preference").page
    assert moving.evaluate("getComputedStyle(document.querySelector('.button')).transitionDuration") != "0s"
    # Nothing scrolls by animation, whatever the preference.
    assert moving.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"


def test_faqs_are_disclosures(visit):
    page = visit(PAGES["condition"]).page
    faqs = page.locator("details.faq")
    assert faqs.count() >= 2
    first = faqs.first
    answer = first.locator(".faq__answer")
    assert not answer.is_visible()
    first.locator("summary").press("Enter")
    assert answer.is_visible()
