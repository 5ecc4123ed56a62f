"""The blocks a patient reads to decide: price tables, steps, citations and the esketamine note; each renders
with and without its optional data, and the demo uses them without inventing a price or a source."""

import re

import pytest

from services.models import ServicePage
from site_core.models import ClinicSettings
from site_core.pages.blocks import CitationsBlock, PriceTableBlock, StepsBlock
from tests.seo.test_seo import json_ld, one


def render(block, value):
    return block.render(block.to_python(value))


def test_price_table_is_an_accessible_table_and_a_blank_price_asks_the_clinic():
    html = render(
        PriceTableBlock(),
        {
            "caption": "Consultations",
            "rows": [
                {"item": "First consultation", "price": "$300", "note": "About an hour."},
                {"item": "Follow-up", "price": "", "note": ""},
            ],
        },
    )
    assert "<caption>Consultations</caption>" in html
    assert html.count('<th scope="col">') == 3
    assert '<th scope="row">First consultation</th><td>$300</td><td>About an hour.</td>' in html
    assert '<th scope="row">Follow-up</th><td>Ask the clinic</td><td></td>' in html


def test_steps_with_and_without_a_title():
    value = {"title": "How it works", "steps": [{"title": "Consultation", "text": "We listen."}, {"title": "Care"}]}
    html = render(StepsBlock(), value)
    assert "<h2>How it works</h2>" in html and '<ol class="steps">' in html
    assert html.count('<li class="steps__step">') == 2 and "<p>We listen.</p>" in html
    html = render(StepsBlock(), {**value, "title": ""})
    assert "<h2>" not in html and "Care</h3>" in html and "<p></p>" not in html


def test_citations_are_a_numbered_list_linking_the_doi_or_the_page():
    html = render(
        CitationsBlock(),
        {
            "title": "References",
            "citations": [
                {"authors": "Doe J", "title": "A trial", "journal": "A Journal", "year": 2006, "doi": "10.1/x"},
                {"title": "An agency statement", "url": "https://www.example.gov/statement"},
                {"title": "A label"},
            ],
        },
    )
    assert '<ol class="citations__list">' in html and html.count("<li>") == 3
    assert 'Doe J. <a href="https://doi.org/10.1/x">A trial</a>. <i>A Journal</i>, 2006. doi:10.1/x' in html
    assert '<a href="https://www.example.gov/statement">An agency statement</a>.' in html
    assert "<li>A label.</li>" in html


def test_a_source_in_another_language_than_the_page_is_marked_with_its_own():
    from django.utils import translation

    value = {
        "citations": [
            {"title": "An English trial", "language": "en"},
            {"title": "Un estudio español", "language": "es"},
            {"title": "A source of unstated language"},
        ]
    }
    with translation.override("es"):
        html = render(CitationsBlock(), value)
    assert '<li lang="en">An English trial.</li>' in html
    assert "<li>Un estudio español.</li>" in html and "<li>A source of unstated language.</li>" in html
    with translation.override("en"):
        html = render(CitationsBlock(), value)
    assert "<li>An English trial.</li>" in html and '<li lang="es">Un estudio español.</li>' in html


def test_the_demo_s_spanish_pages_mark_their_english_sources(client, demo):
    response = client.get("/es/servicios/depresion/")
    html = response.content.decode()
    references = html.split('<ol class="citations__list">')[1].split("</ol>")[0]
    assert references.count('<li lang="en">') == references.count("<li") >= 4
    webpage = one(json_ld(response), "MedicalWebPage")
    assert {work.get("inLanguage") for work in webpage["citation"]} == {"en"}
    english = client.get("/services/depression/").content.decode()
    assert 'lang="en"' not in english.split('<ol class="citations__list">')[1].split("</ol>")[0]


def test_demo_health_pages_cite_real_sources_in_the_page_and_in_json_ld(client, demo):
    response = client.get("/services/depression/")
    html = response.content.decode()
    assert "Antidepressant effects of ketamine in depressed patients" in html
    assert 'href="https://doi.org/10.1001/archpsyc.63.8.856"' in html
    webpage = one(json_ld(response), "MedicalWebPage")
    names = [work["name"] for work in webpage["citation"]]
    assert "A randomized trial of an N-methyl-D-aspartate antagonist in treatment-resistant major depression" in names
    assert all(work["@type"] == "CreativeWork" for work in webpage["citation"])
    # No DOI but a certain one: the rest link to an agency page or to nothing.
    dois = [w["url"] for w in webpage["citation"] if w.get("url", "").startswith("https://doi.org/")]
    assert sorted(dois) == [
        "https://doi.org/10.1001/archpsyc.63.8.856",
        "https://doi.org/10.1016/S0006-3223(99)00230-9",
    ]
    at_home = one(json_ld(client.get("/services/at-home-ketamine-program/")), "MedicalWebPage")
    assert any(w["name"].startswith("FDA warns patients") and w["datePublished"] == "2023" for w in at_home["citation"])


def test_a_page_without_citations_has_no_citation_property(client, demo):
    assert "citation" not in one(json_ld(client.get("/services/functional-medicine/")), "MedicalWebPage")


def test_treatment_pages_show_what_to_expect_steps(client, demo):
    html = client.get("/services/iv-ketamine-infusion/").content.decode()
    section = html.split('id="approach-heading"')[1].split("</section>")[0]
    titles = re.findall(r'<h3 class="steps__title">([^<]+)</h3>', html)
    assert titles == [
        "Consultation",
        "Medical evaluation",
        "Treatment series",
        "Integration and follow-up",
        "Maintenance",
    ]
    assert "What to expect" in section


@pytest.mark.parametrize(
    "offers, text",
    [(False, "Ask the clinic whether it offers esketamine"), (True, "is a certified setting and offers esketamine")],
)
def test_esketamine_note_follows_the_clinic_setting(client, demo, settings, offers, text):
    settings.PAGE_CACHE_SECONDS = 0
    clinic = ClinicSettings.objects.get()
    clinic.offers_esketamine = offers
    clinic.save()
    html = client.get("/services/depression/").content.decode()
    assert "Spravato" in html and "REMS" in html and "at least two hours" in html
    assert text in html


def test_costs_page_has_the_structure_and_no_invented_price(client, demo):
    html = client.get("/costs-and-insurance/").content.decode()
    main = html.split('<main id="main"')[1].split("</main>")[0]
    for text in (
        "Consultations",
        "IV ketamine infusion, per session",
        "At-home ketamine program",
        "Functional medicine consultation",
        "Superbills",
        "HSA and FSA",
        "sets its own fees",
    ):
        assert text in main, text
    assert main.count("<td>Ask the clinic</td>") == 5
    assert not re.search(r"\$\s?\d", main)


def test_demo_health_copy_names_the_risks_and_the_evidence(client, demo):
    def text(slug):
        return client.get(f"/services/{slug}/").content.decode()

    depression = text("depression")
    assert "strongest for treatment-resistant depression" in depression
    for risk in (
        "opioids, benzodiazepines, alcohol",
        "psychiatric effects",
        "fades within days to weeks",
        "ulcerative cystitis",
    ):
        assert risk in depression, risk
    at_home = text("at-home-ketamine-program")
    assert "compounding pharmacies" in at_home and "not FDA-approved" in at_home and "October 2023" in at_home
    functional = text("functional-medicine")
    assert "Research on functional medicine as a whole is limited" in functional
    assert "Insurance may not cover these visits or tests" in functional
    assert ServicePage.objects.filter(slug="functional-medicine").get().body.raw_data[-1]["type"] == "paragraph"
