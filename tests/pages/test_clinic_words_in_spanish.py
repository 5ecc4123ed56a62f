"""The clinic settings' own words (the crisis line text, parking, public transport, building access, the map's
alt text) in the reader's language. A crisis text written in English never replaces the Spanish crisis line on
Spanish pages: they keep the translated standard text until staff write the clinic's own in Spanish."""

from wagtail.models import Site

from site_core.models import ClinicSettings, ClinicSettingsTranslation

ENGLISH_CRISIS = "In crisis? Call or text 988, or call our after-hours line. In an emergency, call 911."
SPANISH_CRISIS = "¿En crisis? Llame o envíe un mensaje de texto al 988, o a nuestra línea nocturna."


def _crisis_strip(html):
    return html.split('<aside class="crisis-strip"')[1].split("</aside>")[0]


def _clinic():
    return ClinicSettings.for_site(Site.objects.get(is_default_site=True))


def test_an_english_crisis_text_leaves_spanish_pages_with_the_spanish_crisis_line(client, demo):
    clinic = _clinic()
    clinic.crisis_text = ENGLISH_CRISIS
    clinic.save()
    assert ENGLISH_CRISIS in _crisis_strip(client.get("/").content.decode())
    spanish = _crisis_strip(client.get("/es/").content.decode())
    assert ENGLISH_CRISIS not in spanish
    assert "¿Está en crisis?" in spanish  # the translated standard text
    assert 'href="tel:988"' in spanish and 'href="tel:911"' in spanish


def test_the_clinic_s_spanish_crisis_text_shows_on_spanish_pages(client, demo):
    clinic = _clinic()
    clinic.crisis_text = ENGLISH_CRISIS
    clinic.save()
    ClinicSettingsTranslation.objects.create(clinic=clinic, language="es", crisis_text=SPANISH_CRISIS)
    assert SPANISH_CRISIS in _crisis_strip(client.get("/es/").content.decode())
    assert ENGLISH_CRISIS in _crisis_strip(client.get("/").content.decode())


def test_getting_here_follows_the_page_s_language_and_falls_back_to_the_english(client, demo):
    clinic = _clinic()
    clinic.parking = "Free parking behind the building."
    clinic.transit = "Metro D Line, Wilshire/Western."
    clinic.save()
    ClinicSettingsTranslation.objects.create(clinic=clinic, language="es", parking="Estacionamiento gratuito detrás.")
    spanish = client.get("/es/visitenos/").content.decode()
    assert "Estacionamiento gratuito detrás." in spanish and "Free parking" not in spanish
    assert "Metro D Line, Wilshire/Western." in spanish  # not translated: the English, not nothing
    english = client.get("/visit-us/").content.decode()
    assert "Free parking behind the building." in english and "Estacionamiento" not in english


def test_staff_write_the_spanish_texts_on_the_clinic_settings_page(admin_client, demo):
    from django.urls import reverse
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    clinic = _clinic()
    url = reverse("wagtailsettings:edit", args=["site_core", "clinicsettings", clinic.site_id])
    assert 'name="translations-TOTAL_FORMS"' in admin_client.get(url).content.decode()
    fields = {
        "clinic_name": clinic.clinic_name,
        "phone": clinic.phone,
        "email": clinic.email,
        "city": clinic.city,
        "region": clinic.region,
        "opening_hours": streamfield([]),
        "parking": "Free parking behind the building.",
        "appointment_page": clinic.appointment_page_id or "",
        "crisis_text": ENGLISH_CRISIS,
    }
    spanish = {"language": "es", "crisis_text": SPANISH_CRISIS, "parking": "Estacionamiento gratuito detrás."}
    response = admin_client.post(url, nested_form_data({**fields, "translations": inline_formset([spanish])}))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ClinicSettingsTranslation.objects.get(clinic=clinic, language="es").crisis_text == SPANISH_CRISIS
    # Saved through the admin, the cached header and footer are rebuilt: both languages show their own text.
    assert SPANISH_CRISIS in _crisis_strip(admin_client.get("/es/").content.decode())
    assert ENGLISH_CRISIS in _crisis_strip(admin_client.get("/").content.decode())
    assert "Estacionamiento gratuito detrás." in admin_client.get("/es/visitenos/").content.decode()
