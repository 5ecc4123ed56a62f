"""The Spanish treatment pages and About, and the Spanish wording the issue asked to correct."""

import pytest
from django.utils import translation

from services.models import ServicePage


@pytest.mark.parametrize(
    "url, text",
    [
        ("/es/servicios/infusion-intravenosa-de-ketamina/", "Infusión intravenosa de ketamina"),
        ("/es/servicios/programa-de-ketamina-en-casa/", "no están aprobados por la FDA"),
        (
            "/es/servicios/medicina-funcional/",
            "La investigación sobre la medicina funcional en su conjunto es limitada",
        ),
        ("/es/acerca-de/", "Acerca de nosotros"),
    ],
)
def test_spanish_treatment_pages_and_about_exist(client, demo, url, text):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="es">' in html and text in html


def test_spanish_treatment_pages_share_the_english_translation_key(demo):
    english = ServicePage.objects.get(slug="iv-ketamine-infusion", locale__language_code="en")
    spanish = english.get_translation(english.locale.__class__.objects.get(language_code="es"))
    assert spanish.slug == "infusion-intravenosa-de-ketamina"
    # The English review does not vouch for the Spanish text: its stamp is the Spanish approval's (tests/conftest.py).
    assert spanish.medical_reviewer.name == "Test Reviewer" != getattr(english.medical_reviewer, "name", None)


def test_spanish_risks_and_wording(client, demo):
    html = client.get("/es/servicios/depresion/").content.decode()
    assert "frecuencia cardiaca" in html and "ritmo cardiaco" not in html
    assert "opioides, benzodiacepinas, alcohol" in html and "cistitis" in html
    assert "depresión resistente al tratamiento" in html
    infusion = client.get("/es/servicios/infusion-intravenosa-de-ketamina/").content.decode()
    assert "Pregunte a la clínica si ofrece esketamina" in infusion
    assert "Evaluación médica</h3>" in infusion and "Referencias</h2>" in infusion


def test_spanish_interface_words():
    with translation.override("es"):
        assert translation.gettext("Condition") == "Afección"
        assert translation.gettext("Conditions we treat") == "Trastornos que tratamos"
        assert translation.gettext("Returning patient") == "Ya soy paciente"
