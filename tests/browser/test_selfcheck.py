"""The self-check in a real browser: axe finds nothing on its empty, error, crisis, under-18 and summary
states in both languages; a keyboard-only visitor completes it (and continues past the crisis message);
Chromium's PDF of the summary keeps the summary and drops the navigation; no script is needed anywhere."""

import io
import re

import pytest
from pypdf import PdfReader

from tests.browser.test_accessibility import assert_no_violations
from tests.browser.test_keyboard import focused

URL = {"en": "/is-this-for-me/", "es": "/es/es-para-mi/"}
ANSWERS = {
    "safety": ["no"],
    "age": ["adult"],
    "concerns": ["depression", "pain"],
    "duration": ["over_2_years"],
    "therapy": ["yes"],
    "medicines": ["two_or_more"],
    "health": ["heart", "sedatives"],
}
SUBMIT = ".selfcheck-form button[type=submit]"


def answer(page, answers):
    for name, values in answers.items():
        for value in values:
            page.check(f"input[name={name}][value={value}]")


def submit(page):
    """Send the form and wait for the answer page, as a visitor would (without JavaScript too)."""
    with page.expect_navigation():
        page.click(SUBMIT)


def reach(visit, language, state, **options):
    v = visit(URL[language], **options)
    page = v.page
    if state == "error":
        answer(page, {"safety": ["no"], "age": ["adult"]})
        submit(page)
        page.locator("#error-summary").wait_for(state="visible")
    elif state == "crisis":
        answer(page, {**ANSWERS, "safety": ["yes"]})
        submit(page)
        page.locator(".selfcheck-crisis").wait_for(state="visible")
    elif state == "under 18":
        answer(page, {"safety": ["no"], "age": ["minor"]})
        submit(page)
        page.locator(".selfcheck-under-18").wait_for(state="visible")
    elif state == "summary":
        answer(page, ANSWERS)
        submit(page)
        page.locator(".selfcheck-summary").wait_for(state="visible")
    return v


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("state", ["empty", "error", "crisis", "under 18", "summary"])
def test_axe_finds_no_violation_in_any_state(visit, language, state):
    v = reach(visit, language, state)
    assert_no_violations(v.page)
    # No CSP refusal, missing file or script error (the error state is answered 400 on purpose).
    assert [e for e in v.errors if not (state == "error" and "status of 400" in e)] == []


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_check_works_without_javascript_at_360_px(visit, language):
    v = reach(visit, language, "summary", width=360, java_script_enabled=False)
    page = v.page
    assert page.locator("#care-heading").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # The answers went in the body of a POST, never in an address.
    assert all("?" not in r.url for r in v.requests if r.resource_type == "document")
    assert [r.method for r in v.requests if r.resource_type == "document"] == ["GET", "POST"]


def keyboard_answers(page, answers):
    """Tab through the questions; Space ticks a wanted box, arrows move a radio group to the wanted answer;
    Enter on the submit button sends the form."""
    for _ in range(120):
        page.keyboard.press("Tab")
        state = focused(page)
        if state["tag"] == "button" and state["inForm"]:
            page.keyboard.press("Enter")
            return
        wanted = answers.get(state["name"], [])
        if state["type"] == "checkbox" and page.evaluate("document.activeElement.value") in wanted:
            page.keyboard.press("Space")
        elif state["type"] == "radio" and wanted:
            for _ in range(8):
                if page.evaluate("document.activeElement.value") in wanted:
                    page.keyboard.press("Space")
                    break
                page.keyboard.press("ArrowDown")
    raise AssertionError("never reached the submit button")


def test_a_keyboard_only_visitor_completes_the_check_past_the_crisis_message(visit):
    page = visit(URL["en"]).page
    keyboard_answers(page, {**ANSWERS, "safety": ["yes"]})
    page.wait_for_selector(".selfcheck-crisis")
    assert page.locator(".selfcheck-form").count() == 0
    for _ in range(40):
        page.keyboard.press("Tab")
        if focused(page)["text"] == "Continue the self-check":
            page.keyboard.press("Enter")
            break
    else:
        raise AssertionError("never reached the continue button")
    page.wait_for_selector(".selfcheck-summary")
    care = page.locator(".selfcheck-care").inner_text()
    assert "High blood pressure or heart disease" in care and "opioids or benzodiazepines" in care
    # Then on to the appointment form, by keyboard, carrying nothing with it.
    for _ in range(60):
        page.keyboard.press("Tab")
        if focused(page)["text"] == "Request an appointment" and focused(page)["href"] == "/contact/":
            break
    else:
        raise AssertionError("never reached the appointment link")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/contact/")


def test_a_keyboard_only_visitor_completes_the_check_in_spanish(visit):
    page = visit(URL["es"]).page
    keyboard_answers(page, ANSWERS)
    page.wait_for_selector(".selfcheck-summary")
    assert "Dolor crónico" in page.locator(".selfcheck-answers").inner_text()


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_printed_summary_keeps_the_summary_and_drops_the_navigation(visit, language):
    page = reach(visit, language, "summary").page
    menu_links = [t.strip() for t in page.locator(".site-nav a").all_inner_texts() if t.strip()]
    assert menu_links
    care = page.locator(".selfcheck-care li").first.inner_text()
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(format="Letter", print_background=False)))
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in pdf.pages))
    summary_heading = page.locator("#answers-heading").inner_text()
    assert summary_heading in text
    assert re.sub(r"\s+", " ", care)[:60] in text
    assert page.locator("#off-label-heading").inner_text() in text
    assert page.locator("h1").inner_text() in text
    # The navigation, the buttons and the site's header are not printed.
    for link in menu_links:
        assert not re.search(rf"\b{re.escape(link)}\b", text.split(summary_heading)[0]), link
    assert page.locator(".selfcheck-actions .button--primary").inner_text() not in text
    assert not page.locator(".site-header").is_visible()
