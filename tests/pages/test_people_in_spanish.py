"""A person's words (role, specialties, languages spoken, biography) in the reader's language: a Spanish page
never shows the English role, and a text the clinic has not translated falls back to the English one."""

from django.urls import reverse

from site_core.models import Person, PersonTranslation
from tests.seo.test_seo import json_ld, one

TEAM = {"en": "/team/", "es": "/es/equipo/"}


def _team_list(html):
    return html.split('<ul class="team')[1].split("</ul>")[0]


def test_the_demo_doctor_s_role_is_spanish_on_spanish_pages(client, demo):
    spanish_team = _team_list(client.get(TEAM["es"]).content.decode())
    assert "Médico, Limbic Medical" in spanish_team
    assert "Physician" not in spanish_team
    spanish_home = client.get("/es/").content.decode()
    assert "Médico, Limbic Medical" in spanish_home and "Physician, Limbic Medical" not in spanish_home
    # English pages keep the English role.
    assert "Physician, Limbic Medical" in _team_list(client.get(TEAM["en"]).content.decode())


def test_every_word_of_a_profile_follows_the_page_s_language(client, demo):
    doctor = Person.objects.get(name="Dr. Andre Atoian")
    doctor.specialties = "Anesthesiology, Functional medicine"
    doctor.languages = "English, Armenian"
    doctor.bio = "<p>Trained in anesthesiology.</p>"
    doctor.save()
    PersonTranslation.objects.update_or_create(
        person=doctor,
        language="es",
        defaults={
            "role": "Médico, Limbic Medical",
            "specialties": "Anestesiología, Medicina funcional",
            "languages": "Inglés, armenio",
            "bio": "<p>Formado en anestesiología.</p>",
        },
    )
    spanish = client.get(TEAM["es"])
    team = _team_list(spanish.content.decode())
    assert "<dd>Anestesiología, Medicina funcional</dd>" in team and "<dd>Inglés, armenio</dd>" in team
    assert "Formado en anestesiología." in team
    for english in ("Anesthesiology", "Armenian", "Trained in"):
        assert english not in team, english
    person = one(json_ld(spanish), "Person")
    assert person["jobTitle"] == "Médico, Limbic Medical"
    assert person["knowsLanguage"] == ["Inglés", "armenio"]
    assert person["knowsAbout"] == ["Anestesiología", "Medicina funcional"]

    english = _team_list(client.get(TEAM["en"]).content.decode())
    assert "<dd>Anesthesiology, Functional medicine</dd>" in english and "Trained in anesthesiology." in english
    assert "Formado" not in english


def test_an_untranslated_text_falls_back_to_the_english(client, demo):
    doctor = Person.objects.get(name="Dr. Andre Atoian")
    doctor.languages = "English, Armenian"
    doctor.save()
    PersonTranslation.objects.update_or_create(
        person=doctor, language="es", defaults={"role": "", "languages": "Inglés, armenio"}
    )
    team = _team_list(client.get(TEAM["es"]).content.decode())
    assert "Physician, Limbic Medical" in team  # no Spanish role given: the English one, never a blank
    assert "<dd>Inglés, armenio</dd>" in team


def test_a_changed_translation_reaches_the_cached_spanish_pages(client, demo):
    assert "Médico, Limbic Medical" in _team_list(client.get(TEAM["es"]).content.decode())
    assert client.get(TEAM["es"]).headers.get("X-Page-Cache") == "hit"
    words = PersonTranslation.objects.get(person__name="Dr. Andre Atoian", language="es")
    words.role = "Médico de la clínica"
    words.save()
    assert "Médico de la clínica" in _team_list(client.get(TEAM["es"]).content.decode())
    assert "Médico de la clínica" in client.get("/es/").content.decode()


def test_staff_add_the_spanish_words_on_the_person_s_edit_page(admin_client, demo):
    doctor = Person.objects.get(name="Dr. Andre Atoian")
    PersonTranslation.objects.filter(person=doctor).delete()
    url = reverse("wagtailsnippets_site_core_person:edit", args=[doctor.pk])
    form = admin_client.get(url).content.decode()
    assert 'name="translations-TOTAL_FORMS"' in form
    data = {
        "name": doctor.name,
        "credentials": "",
        "role": doctor.role,
        "is_practitioner": "on",
        "licence": "",
        "specialties": "",
        "languages": "",
        # The biographies are left out: the rich-text editor posts its own JSON, and nothing means unchanged.
        "translations-TOTAL_FORMS": "1",
        "translations-INITIAL_FORMS": "0",
        "translations-MIN_NUM_FORMS": "0",
        "translations-MAX_NUM_FORMS": "1000",
        "translations-0-language": "es",
        "translations-0-role": "Médico, Limbic Medical",
        "translations-0-specialties": "",
        "translations-0-languages": "",
        "translations-0-ORDER": "1",
        "translations-0-id": "",
        "translations-0-DELETE": "",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert PersonTranslation.objects.get(person=doctor, language="es").role == "Médico, Limbic Medical"
    assert "Médico, Limbic Medical" in client_get_spanish_team(admin_client)

    # A second row (the same language again) is refused with a message, and what was stored stays.
    data |= {
        "translations-TOTAL_FORMS": "2",
        "translations-INITIAL_FORMS": "1",
        "translations-0-id": str(PersonTranslation.objects.get(person=doctor).pk),
        "translations-1-language": "es",
        "translations-1-role": "Otro",
        "translations-1-ORDER": "2",
        "translations-1-id": "",
    }
    for field in ("specialties", "languages", "DELETE"):
        data[f"translations-1-{field}"] = ""
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Please submit at most 1 form." in response.content.decode()
    assert PersonTranslation.objects.get(person=doctor).role == "Médico, Limbic Medical"


def client_get_spanish_team(client):
    return _team_list(client.get(TEAM["es"]).content.decode())


def test_a_photo_is_described_in_the_page_s_language(client, demo):
    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model

    from demo.art import draw

    photo = get_image_model()(title="Portrait", description="Portrait of a clinician in a sunlit room.")
    photo.file = ImageFile(draw("hero", size=(600, 750)), name="portrait.jpg")
    photo.save()
    doctor = Person.objects.get(name="Dr. Andre Atoian")
    doctor.photo = photo
    doctor.save()
    PersonTranslation.objects.update_or_create(
        person=doctor, language="es", defaults={"photo_alt": "Retrato de un médico en una sala soleada."}
    )
    for url in (TEAM["es"], "/es/"):
        html = client.get(url).content.decode()
        assert 'alt="Retrato de un médico en una sala soleada."' in html, url
        assert "Portrait of a clinician" not in html, url
    assert 'alt="Portrait of a clinician in a sunlit room."' in client.get(TEAM["en"]).content.decode()


def test_the_database_holds_one_row_per_person_and_language(demo):
    import pytest
    from django.db import IntegrityError, transaction

    doctor = Person.objects.get(name="Dr. Andre Atoian")
    assert PersonTranslation.objects.filter(person=doctor, language="es").exists()  # the demo's Spanish role
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonTranslation.objects.create(person=doctor, language="es", role="Otro")


def test_the_team_page_looks_its_practitioners_up_once_per_render(client, demo, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 0  # measure renders
    for url, language_rows in ((TEAM["en"], 0), (TEAM["es"], 1)):
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        sql = [q["sql"] for q in captured.captured_queries]
        # The list on the page and the people in its structured data come from one query (and one for their
        # words in Spanish on the Spanish page).
        assert sum('FROM "site_core_person"' in q for q in sql) == 1, url
        assert sum('FROM "site_core_persontranslation"' in q for q in sql) == language_rows, url
