"""A keyboard-only visitor (Tab, Shift+Tab, Enter, Space, typing; no mouse) requests an appointment from the
home page: reaches the form, fills it, meets an error, fixes it and sends it. Plus axe on the form with its
errors shown.

The form's fields are discovered as a visitor meets them, by their type and autocomplete tokens, so the test
follows the form as the clinic edits it instead of hard-coding its field names."""

import re

from axe_playwright_python.sync_playwright import Axe

from tests.browser.test_accessibility import AXE_OPTIONS

# Passes the browser's own email check (so the server answers) but not the server's.
BAD_EMAIL = "alex@example"
GOOD_EMAIL = "alex.rivera@example.com"

FOCUSED = """() => {
    const el = document.activeElement;
    const label = el.labels && el.labels.length ? el.labels[0].textContent.trim() : '';
    return {tag: el.tagName.toLowerCase(), type: (el.type || '').toLowerCase(), name: el.name || '', id: el.id,
            autocomplete: (el.getAttribute('autocomplete') || '').toLowerCase(), label,
            text: el.textContent.trim().slice(0, 60), href: el.getAttribute('href') || '',
            inForm: el.form !== null && el.form !== undefined && el.form.method === 'post',
            required: !!el.required, describedby: el.getAttribute('aria-describedby') || ''};
}"""


def focused(page):
    return page.evaluate(FOCUSED)


def tab_until(page, predicate, limit=80, key="Tab"):
    for _ in range(limit):
        page.keyboard.press(key)
        state = focused(page)
        if predicate(state):
            return state
    raise AssertionError(f"never reached the element by pressing {key} {limit} times")


def value_for(field, email):
    tokens = field["autocomplete"].split()
    kind = field["type"]
    if kind == "email" or "email" in tokens:
        return email
    if kind == "tel" or "tel" in tokens:
        return "323-555-0142"
    if "given-name" in tokens:
        return "Alex"
    if "family-name" in tokens:
        return "Rivera"
    if "name" in tokens:
        return "Alex Rivera"
    if kind == "date":
        return None  # left empty unless required
    if field["tag"] == "textarea":
        return "I would like to ask about treatment for depression."
    if kind in ("text", "search", ""):
        return "Alex Rivera"
    return None


def fill_form_by_keyboard(page, email):
    """Tab through every field of the form from where the focus is, filling each; stop on the submit button."""
    filled = []
    for _ in range(60):
        page.keyboard.press("Tab")
        field = focused(page)
        if not field["inForm"]:
            continue
        if field["tag"] == "button" or field["type"] == "submit":
            return filled
        if field["type"] in ("checkbox",):
            if field["required"] or "consent" in (field["name"] + field["label"]).lower():
                page.keyboard.press("Space")
        elif field["type"] == "radio":
            page.keyboard.press("Space")
        elif field["tag"] == "select":
            page.keyboard.press("ArrowDown")
        else:
            value = value_for(field, email)
            if value is not None:
                page.keyboard.press("Control+A")
                page.keyboard.type(value)
        filled.append(field)
    raise AssertionError("never reached the form's submit button")


def test_keyboard_only_visitor_requests_an_appointment(visit):
    v = visit("/", width=1280)
    page = v.page

    # From the home page to the form: Tab to the header's appointment button, Enter.
    tab_until(page, lambda s: s["tag"] == "a" and s["text"] == "Request an appointment")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert re.search(r"/contact/$", page.url)
    form_url = page.url

    # Fill every field, with an email address the server refuses, and send with Enter.
    fields = fill_form_by_keyboard(page, BAD_EMAIL)
    assert any(f["type"] == "email" or "email" in f["autocomplete"] for f in fields), fields
    for field in fields:
        if field["tag"] in ("input", "textarea", "select") and field["type"] not in ("checkbox", "radio"):
            assert field["label"], f"a field without a label: {field}"
    assert any(f["autocomplete"] for f in fields), "no autocomplete tokens on the form"
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")
    assert navigation.value.status == 400

    # The error summary takes focus and links to the field; the field names its error.
    summary = focused(page)
    assert page.evaluate("document.activeElement.closest('.error-summary') !== null"), summary
    link = tab_until(page, lambda s: s["tag"] == "a" and s["href"].startswith("#"), limit=5)
    page.keyboard.press("Enter")
    field = focused(page)
    assert field["type"] == "email" or "email" in field["autocomplete"], (link, field)
    assert field["describedby"], "the email field is not tied to its error"
    error_text = page.evaluate(
        """ids => ids.split(' ').map(id => document.getElementById(id)?.textContent || '').join(' ')""",
        field["describedby"],
    )
    assert error_text.strip()
    assert page.evaluate("document.activeElement.getAttribute('aria-invalid')") == "true"

    # Fix it and send again, still by keyboard.
    page.keyboard.press("Control+A")
    page.keyboard.type(GOOD_EMAIL)
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")
    assert navigation.value.ok, navigation.value.status
    assert page.url != form_url and "thank-you" in page.url
    assert page.locator("h1").count() == 1


def test_axe_finds_no_violation_on_the_form_with_errors(visit):
    v = visit("/contact/")
    page = v.page
    # Send the form empty, past the browser's own checks, so the server's errors are shown.
    page.evaluate(
        """() => { const form = document.querySelector('form[method=post], form[method=POST]');
                   form.noValidate = true; form.requestSubmit(); }"""
    )
    page.wait_for_load_state("networkidle")
    assert page.locator(".error-summary").count() == 1
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
