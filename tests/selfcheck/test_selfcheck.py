"""The private self-check ("Is this for me?"): crisis first in both languages whatever else is answered, the
under-18 path, each "needs care" answer naming its reason, never "qualify", nothing written to the database,
cache, session or logs, never cached anywhere, no answers in a URL, links from the pages that invite to it,
its place in the sitemap and the medical review, and its Spanish wording."""

import contextlib
import itertools
import logging
import re
from html import unescape
from unittest import mock

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from selfcheck.models import SelfCheckPage
from selfcheck.questions import HEALTH_CHOICES, NONE_OF_THESE, SelfCheckForm
from selfcheck.rules import CARE_REASONS, EVIDENCE, assess
from site_core.editorial.governance import MEDICAL_REVIEW, is_health_page_class

LANGUAGES = ["en", "es"]
PAGE_URL = {"en": "/is-this-for-me/", "es": "/es/es-para-mi/"}
COMPLETE = {
    "safety": "no",
    "age": "adult",
    "concerns": ["depression", "ocd"],
    "duration": "over_2_years",
    "therapy": "yes",
    "medicines": "two_or_more",
    "health": ["psychosis", "sedatives"],
}
CARE_ANSWERS = [value for value, _label in HEALTH_CHOICES if value != NONE_OF_THESE]


def page_in(language):
    return SelfCheckPage.objects.get(locale__language_code=language)


def answer_url(language):
    page = page_in(language)
    with translation.override(language):
        return page.answer_url()


def post(client, language, data):
    return client.post(answer_url(language), data)


def main_of(response):
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def in_language(language, text):
    with translation.override(language):
        return translation.gettext(str(text))


# --- Crisis first ----------------------------------------------------------------------------------------


OTHER_ANSWERS = {
    "nothing else": {},
    "everything else": {k: v for k, v in COMPLETE.items() if k != "safety"},
    "under 18": {**COMPLETE, "age": "minor"},
    "nonsense": {"age": "<b>x</b>", "concerns": ["nope"], "health": ["none", "heart"], "medicines": "9"},
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("others", OTHER_ANSWERS)
def test_a_yes_to_the_safety_question_shows_the_crisis_block_alone_and_first(client, demo, language, others):
    response = post(client, language, {**OTHER_ANSWERS[others], "safety": "yes"})
    assert response.status_code == 200
    main = main_of(response)
    heading = in_language(language, "Please reach out for support now")
    # Right after the page's title, before anything else; no questions, no summary, no error list.
    after_title = main.split("</h1>", 1)[1].lstrip()
    assert after_title.startswith('<section class="selfcheck-crisis"'), after_title[:200]
    assert heading in main
    for number in ('href="tel:988"', 'href="sms:988"', 'href="tel:911"', 'href="tel:+13238862273"'):
        assert number in main
    assert "<fieldset" not in main and "selfcheck-summary" not in main and "error-summary" not in main
    assert in_language(language, "Continue the self-check") in main
    assert response.context["state"] == "crisis"
    # The continue button carries back only answers the check offers.
    assert "&lt;b&gt;" not in main and 'value="nope"' not in main


@pytest.mark.parametrize("language", LANGUAGES)
def test_continuing_after_the_crisis_block_gives_the_summary_with_the_crisis_lines_kept(client, demo, language):
    crisis = main_of(post(client, language, {**COMPLETE, "safety": "yes"}))
    carried = re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', crisis)
    assert ("continued", "1") in carried and ("health", "psychosis") in carried
    data = {}
    for name, value in carried:
        data.setdefault(name, []).append(value)
    response = post(client, language, data)
    main = main_of(response)
    assert response.context["state"] == "summary"
    assert main.index('href="tel:988"') < main.index("selfcheck-summary")
    assert in_language(language, CARE_REASONS["psychosis"]) in main


@pytest.mark.parametrize("language", LANGUAGES)
def test_continuing_with_answers_missing_shows_the_questions_filled_in_without_errors(client, demo, language):
    response = post(client, language, {"safety": "yes", "concerns": "pain", "continued": "1", "resume": "1"})
    main = main_of(response)
    assert response.status_code == 200 and response.context["state"] == "questions"
    assert "error-summary" not in main
    assert re.search(r'value="pain"[^>]*checked', main) and re.search(r'name="safety" value="yes"[^>]*checked', main)
    assert '<input type="hidden" name="continued" value="1">' in main
    # Sent from there, the same answers are not sent back to the crisis block, and what is missing is named.
    response = post(client, language, {"safety": "yes", "concerns": "pain", "continued": "1"})
    assert response.status_code == 400 and "error-summary" in main_of(response)


# --- Under 18 --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_under_18_gets_a_kind_adults_only_message_and_the_crisis_line(client, demo, language):
    response = post(client, language, {**COMPLETE, "age": "minor"})
    main = main_of(response)
    assert response.status_code == 200 and response.context["state"] == "under_18"
    assert in_language(language, "We care for adults only") in main
    assert 'href="tel:988"' in main and 'href="tel:911"' in main
    assert "selfcheck-summary" not in main and "<fieldset" not in main
    assert "Request an appointment" not in text_of(main) and "Solicitar una cita" not in text_of(main)


# --- The summary ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("answer", CARE_ANSWERS)
def test_each_needs_care_answer_names_its_reason_in_the_summary(client, demo, language, answer):
    response = post(client, language, {**COMPLETE, "health": [answer]})
    assert response.status_code == 200
    care = unescape(main_of(response).split('id="care-heading"')[1].split("</section>")[0])
    label = in_language(language, dict(HEALTH_CHOICES)[answer])
    assert f"<strong>{label}.</strong> {in_language(language, CARE_REASONS[answer])}" in care
    for other in CARE_ANSWERS:
        if other != answer:
            assert in_language(language, CARE_REASONS[other]) not in care


def test_none_of_these_with_another_answer_is_an_error_and_alone_lists_no_reason(client, demo):
    response = post(client, "en", {**COMPLETE, "health": ["none", "heart"]})
    assert response.status_code == 400
    assert "choose one or the other" in main_of(response)
    response = post(client, "en", {**COMPLETE, "health": ["none"]})
    care = main_of(response).split('id="care-heading"')[1].split("</section>")[0]
    assert "selfcheck-care" not in care and "will still ask about your full medical history" in care


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_summary_never_says_qualify_or_that_no_help_is_needed(client, demo, language):
    """Every answer to every question appears in some submission; none of the summaries speaks of qualifying."""
    forbidden = ["qualif", "eligib", "calific", "requisitos", "elegible", "don't need help", "no necesita ayuda"]
    health = [[a] for a in CARE_ANSWERS] + [["none"], CARE_ANSWERS]
    combinations = itertools.product(
        [["depression"], ["anxiety", "ptsd"], ["ocd", "pain", "other"]],
        ["under_6_months", "6_months_to_2_years", "over_2_years"],
        ["yes", "no"],
        ["none", "one", "two_or_more", "not_sure"],
    )
    for number, (concerns, duration, therapy, medicines) in enumerate(combinations):
        data = {**COMPLETE, "concerns": concerns, "duration": duration, "therapy": therapy, "medicines": medicines}
        data["health"] = health[number % len(health)]
        response = post(client, language, data)
        assert response.context["state"] == "summary"
        text = text_of(main_of(response)).lower()
        assert not [word for word in forbidden if word in text], data


def test_the_evidence_follows_the_answers(demo):
    with translation.override("en"):
        form = SelfCheckForm({**COMPLETE, "medicines": "one", "therapy": "no", "duration": "under_6_months"})
        assert form.is_valid()
        said = " ".join(str(s) for s in assess(form).worth_discussing)
        assert "You said you have tried fewer" in said
        assert str(EVIDENCE["ocd"]) in said
        assert "less than six months ago" in said and "You have not tried talking therapy" in said


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_summary_links_to_the_appointment_form_without_passing_anything(client, demo, language):
    main = main_of(post(client, language, COMPLETE))
    appointment = {"en": "/contact/", "es": "/es/contacto/"}[language]
    assert f'<a class="button button--primary" href="{appointment}">' in main
    assert "?" not in "".join(re.findall(r'href="([^"]+)"', main))
    assert in_language(language, "Ketamine is used off-label") in main


# --- Errors ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_missing_answers_are_named_each_question_a_fieldset_with_a_legend(client, demo, language):
    response = post(client, language, {"safety": "no", "age": "adult", "health": ["heart", "liver_bladder"]})
    main = main_of(response)
    assert response.status_code == 400
    summary = unescape(main.split('id="error-summary"')[1].split("</div>")[0])
    form = SelfCheckForm()
    for name in ("concerns", "duration", "therapy", "medicines"):
        assert f'href="#id_{name}"' in summary
        assert in_language(language, form.fields[name].error_messages["required"]) in summary
    assert 'href="#id_safety"' not in summary
    assert main.count("<fieldset") == main.count("<legend>") == len(form.fields)
    # What was answered is kept.
    assert re.search(r'value="liver_bladder"[^>]*checked', main)


def test_answers_that_are_not_offered_get_a_clear_400(client, demo):
    response = post(client, "en", {**COMPLETE, "medicines": "<script>", "concerns": ["x" * 5000]})
    assert response.status_code == 400
    main = main_of(response)
    assert "Choose one of the answers shown." in main and "<script>" not in main


# --- Private by design -----------------------------------------------------------------------------------


WRITES = ("set", "add", "set_many", "incr", "decr", "touch", "delete", "delete_many", "clear")


@pytest.mark.parametrize(
    "data",
    [COMPLETE, {**COMPLETE, "safety": "yes"}, {**COMPLETE, "age": "minor"}, {**COMPLETE, "duration": ""}],
    ids=["summary", "crisis", "under 18", "error"],
)
def test_a_submission_writes_nothing_to_the_database_cache_session_or_logs(demo, caplog, data):
    client = Client(enforce_csrf_checks=True)  # as a browser: no CSRF token is needed, none is sent
    client.get(PAGE_URL["en"])  # the header and footer data are cached by any first visit, not by answers
    url = answer_url("en")
    cache = caches["default"]
    caplog.set_level(logging.DEBUG)
    with contextlib.ExitStack() as stack:
        calls = {
            name: stack.enter_context(mock.patch.object(cache, name, wraps=getattr(cache, name))) for name in WRITES
        }
        queries = stack.enter_context(CaptureQueriesContext(connection))
        response = client.post(url, data)
    assert response.status_code in (200, 400)
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith(("SELECT", "SAVEPOINT", "RELEASE"))]
    assert writes == []
    assert {name: c.call_count for name, c in calls.items() if c.call_count} == {}
    assert not response.cookies and "Set-Cookie" not in response.headers
    assert "sessionid" not in client.cookies and "csrftoken" not in client.cookies
    answers = {v for v in itertools.chain(*[v if isinstance(v, list) else [v] for v in data.values()]) if len(v) > 3}
    labels = {str(label) for value, label in HEALTH_CHOICES if value in data.get("health", [])}
    for record in caplog.records:
        message = record.getMessage()
        assert not [a for a in answers | labels if a in message], message


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_and_every_answer_are_sent_no_store_and_never_kept_by_the_page_cache(client, demo, settings, language):
    settings.PAGE_CACHE_SECONDS = 600
    for _ in range(2):
        response = client.get(PAGE_URL[language])
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        assert "X-Page-Cache" not in response.headers
    for data in (COMPLETE, {**COMPLETE, "safety": "yes"}, {**COMPLETE, "age": "minor"}, {"safety": "no"}):
        response = post(client, language, data)
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_answers_never_travel_in_a_url(client, demo):
    main = main_of(client.get(PAGE_URL["en"]))
    form = re.search(r'<form class="selfcheck-form" method="post" action="([^"]+)"', main)
    assert form and "?" not in form.group(1)
    # The answer address asked by GET (a reload, a shared link) goes back to the questions and reads nothing.
    response = client.get(answer_url("en") + "?safety=no&age=adult")
    assert response.status_code == 302 and response["Location"] == PAGE_URL["en"]


def test_the_answer_address_serves_only_the_live_page_in_its_own_language(client, demo):
    spanish = page_in("es")
    assert client.post(f"/self-check/{spanish.pk}/", COMPLETE).status_code == 404
    assert client.post("/self-check/999999/", COMPLETE).status_code == 404
    english = page_in("en")
    english.unpublish()
    assert client.post(f"/self-check/{english.pk}/", COMPLETE).status_code == 404


# --- Links, sitemap, review, demo ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/services/depression/",
        "/services/iv-ketamine-infusion/",
        "/contact/",
        "/es/",
        "/es/servicios/depresion/",
        "/es/contacto/",
    ],
)
def test_the_invitation_links_to_the_self_check_in_the_pages_language(client, demo, url):
    language = "es" if url.startswith("/es/") else "en"
    main = main_of(client.get(url))
    link = in_language(language, "Take the two-minute self-check")
    assert f'<a href="{PAGE_URL[language]}">{link}</a>' in main


def test_the_invitation_disappears_when_the_self_check_is_unpublished(client, demo):
    page_in("en").unpublish()
    assert "/is-this-for-me/" not in client.get("/contact/").content.decode()


def test_the_self_check_is_in_the_sitemap(client, demo):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/is-this-for-me/</loc>" in sitemap and "/es/es-para-mi/" in sitemap


def test_it_is_a_health_page_under_medical_review_and_the_demo_spanish_copy_went_through_it(demo):
    english, spanish = page_in("en"), page_in("es")
    assert is_health_page_class(SelfCheckPage)
    assert english.get_workflow().name == spanish.get_workflow().name == MEDICAL_REVIEW
    assert english.live and not english.workflow_in_progress
    # The demo leaves the Spanish copy a draft in the review; the test setup approves it as a reviewer would.
    assert spanish.live and not spanish.workflow_in_progress
    assert spanish.medical_reviewer.name == "Test Reviewer"
    assert spanish.get_parent().specific.locale.language_code == "es"


def test_spanish_wording_is_complete_for_every_question_answer_and_reason(demo):
    form = SelfCheckForm()
    texts = [CARE_REASONS.values(), EVIDENCE.values()]
    for field in form.fields.values():
        texts.append([field.label, field.help_text, *field.error_messages.values(), *dict(field.choices).values()])
    same_in_both = {"No", ""}
    for text in itertools.chain(*texts):
        english, spanish = in_language("en", text), in_language("es", text)
        assert spanish != english or english in same_in_both, english


@pytest.mark.parametrize(
    "data", [{}, {"safety": "yes"}, {**COMPLETE, "age": "minor"}, COMPLETE], ids=["empty", "crisis", "minor", "summary"]
)
def test_the_spanish_pages_show_no_english_interface_text(client, demo, data):
    response = post(client, "es", data) if data else client.get(PAGE_URL["es"])
    text = text_of(main_of(response))
    for english in ("Call or text", "Continue", "Your answers", "Choose", "clinician", "Private:", "Back to"):
        assert english not in text, english


def test_an_unreviewed_self_check_is_listed_as_due_for_review_on_the_dashboard(demo):
    from site_core.editorial.dashboard import pages_due_for_review

    assert page_in("en").pk in [page.pk for page in pages_due_for_review()]
