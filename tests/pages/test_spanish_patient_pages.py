"""The Spanish half of what a patient looks for (demo.spanish_patient_pages): the home page's "Cómo funciona",
trust strip and treatments group, the team, "Visítenos", costs and accessibility pages, and the condition
pages' esketamine note and references, as the English site has them."""

import re

import pytest
from wagtail.models import Locale, Page

from site_core.models import Menu


def main_of(html):
    return html[html.index("<main") : html.index("</main>")]


def test_spanish_home_has_the_english_homes_sections(client, demo):
    html = main_of(client.get("/es/").content.decode())
    assert "Cómo funciona</h2>" in html
    # The five steps of care, in order, each as a numbered step.
    positions = [html.index(f"{step}</h3>") for step in ("Consulta", "Evaluación médica", "Mantenimiento")]
    assert positions == sorted(positions)
    assert 'aria-label="Por qué confían en nosotros"' in html and "Dirigida por un médico" in html
    conditions, treatments = html.split("Tratamientos que ofrecemos</h3>")
    assert "Trastornos que tratamos</h3>" in conditions and "Depresión" in conditions
    for title in ("Infusión intravenosa de ketamina", "Programa de ketamina en casa", "Medicina funcional"):
        assert title in treatments and title not in conditions
    # The clinician links to the profile on the Spanish team page, not the English one.
    assert 'href="/es/equipo/#dr-andre-atoian"' in html
    assert "How it works" not in html and "Physician-led" not in html


@pytest.mark.parametrize(
    "url, english_url, texts",
    [
        ("/es/equipo/", "/team/", ["Nuestro equipo clínico</h1>", 'id="dr-andre-atoian"']),
        ("/es/visitenos/", "/visit-us/", ["Visítenos</h1>", "De lunes a viernes, de 9:00 a 17:00", "no debe manejar"]),
        (
            "/es/costos-y-seguro/",
            "/costs-and-insurance/",
            ["Costos y seguro médico</h1>", "<caption", "Pregunte a la clínica", "Cuentas HSA y FSA</h2>"],
        ),
        ("/es/accesibilidad/", "/accessibility/", ["Declaración de accesibilidad</h1>", "WCAG) 2.2, nivel AA"]),
    ],
)
def test_spanish_patient_pages_render_as_translations(client, demo, url, english_url, texts):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="es">' in html
    for text in texts:
        assert text in html
    # Each is a translation of the English page (same key), and the pages link to each other.
    spanish = Page.objects.get(url_path__endswith=url.removeprefix("/es"), locale__language_code="es")
    english = spanish.get_translation(Locale.objects.get(language_code="en"))
    assert english.url == english_url
    assert f'hreflang="en" href="http://testserver{english_url}"' in html or f'href="{english_url}"' in html


def test_no_price_address_or_credential_is_invented_in_spanish(client, demo):
    costs = main_of(client.get("/es/costos-y-seguro/").content.decode())
    assert "$" not in costs and not re.search(r"\d{2,}\s*(dólares|USD)", costs)
    visit = main_of(client.get("/es/visitenos/").content.decode())
    assert "Los Angeles, CA" in visit and not re.search(r"\b\d{3,5} [A-Z][a-z]+ (St|Ave|Blvd)", visit)


def test_spanish_patient_pages_are_published_pending_a_publishers_approval(demo):
    for slug in ("equipo", "visitenos", "costos-y-seguro", "accesibilidad"):
        page = Page.objects.get(slug=slug, locale__language_code="es")
        assert page.live and page.workflow_in_progress
        assert page.get_workflow().name != "Medical review"


def test_spanish_footer_follows_the_english_order(demo):
    footer = Menu.objects.get(location="footer", locale__language_code="es")
    assert [item.link_page.slug for item in footer.items.order_by("sort_order")] == [
        "acerca-de",
        "equipo",
        "visitenos",
        "costos-y-seguro",
        "privacidad",
        "accesibilidad",
        "contacto",
    ]


@pytest.mark.parametrize("slug", ["depresion", "ansiedad", "tept", "toc", "dolor-cronico"])
def test_spanish_condition_pages_cite_their_sources(client, demo, slug):
    html = main_of(client.get(f"/es/servicios/{slug}/").content.decode())
    assert "Referencias</h2>" in html
    assert "https://www.fda.gov/drugs/human-drug-compounding/fda-warns-patients-risks-associated-compounded" in html
    assert "Ketamine-associated ulcerative cystitis" in html  # titles stay as published


def test_spanish_depression_page_explains_esketamine(client, demo):
    html = main_of(client.get("/es/servicios/depresion/").content.decode())
    assert "Esketamina (Spravato)" in html and "REMS" in html and "al menos dos horas" in html
    assert "Biological Psychiatry" in html
    # Only the depression page (and the infusion page) carry the note, as in English.
    assert "Esketamina (Spravato)" not in main_of(client.get("/es/servicios/ansiedad/").content.decode())


def spanish_copy():
    """Every Spanish string a visitor can read: the catalogue's translations and the demo's Spanish copy."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    catalogue = (root / "locale/es/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    translations = "\n".join(re.findall(r'^msgstr(?:\[\d\])? "(.*)"$', catalogue, flags=re.MULTILINE))
    demo = "\n".join(
        (root / "demo" / name).read_text(encoding="utf-8")
        for name in ("spanish.py", "spanish_conditions.py", "spanish_pages.py", "spanish_patient_pages.py")
    )
    return translations + "\n" + demo


@pytest.mark.parametrize(
    "wrong, right",
    [
        ("ritmo cardiaco", "frecuencia cardiaca"),  # heart rate
        ("ritmo cardíaco", "frecuencia cardiaca"),
        ("condición", "afección / trastorno"),  # a false friend for a medical condition
        ("condiciones", "afecciones / trastornos"),
        ("que regresa", "ya soy paciente"),  # returning patient
    ],
)
def test_spanish_copy_avoids_the_wording_the_issue_corrected(wrong, right):
    assert wrong not in spanish_copy().lower(), f"use “{right}” instead of “{wrong}”"


@pytest.mark.parametrize(
    "url, texts",
    [
        (
            "/services/depression/",
            ["in 2019", "in January 2025 also on its own", "has not been shown to prevent suicide"],
        ),
        (
            "/es/servicios/depresion/",
            ["En 2019", "en enero de 2025 también como único tratamiento", "prevenga el suicidio"],
        ),
    ],
)
def test_esketamine_note_states_the_approvals_without_overclaiming(client, demo, url, texts):
    html = main_of(client.get(url).content.decode())
    for text in texts:
        assert text in html
