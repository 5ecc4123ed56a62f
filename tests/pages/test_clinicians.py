"""The team page, practitioners' profiles, the "Medically reviewed by" stamp and people in structured data:
shown with whatever the clinic filled in, and gracefully without it."""

import pytest
from django.core.files.images import ImageFile
from wagtail.images import get_image_model

from demo.art import draw
from services.models import ServicePage
from site_core.models import Person, TeamPage
from tests.seo.test_seo import json_ld, nodes, one

TEAM_URL = "/team/"


def test_demo_team_page_shows_the_doctor_with_only_what_is_known(client, demo):
    response = client.get(TEAM_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<li class="team__person" id="dr-andre-atoian">' in html
    assert "Dr. Andre Atoian</h2>" in html  # no credentials invented after the name
    assert "Physician, Limbic Medical" in html
    for empty in ("<img", "Licence", "Specialties", "Languages spoken", "None"):
        assert empty not in html.split('<ul class="team')[1].split("</ul>")[0], empty
    doctor = Person.objects.get(name="Dr. Andre Atoian")
    assert doctor.credentials == "" and doctor.photo is None and doctor.licence == ""


def test_team_page_with_every_optional_field(client, demo):
    doctor = Person.objects.get(name="Dr. Andre Atoian")
    photo = get_image_model()(title="Portrait", description="Portrait of a clinician smiling in a sunlit room.")
    photo.file = ImageFile(draw("hero", size=(600, 750)), name="portrait.jpg")
    photo.save()
    doctor.credentials = "MD"
    doctor.licence = "Medical Board of California, A 000000"
    doctor.specialties = "Anesthesiology, Functional medicine"
    doctor.languages = "English, Armenian"
    doctor.bio = "<p>Trained in anesthesiology.</p>"
    doctor.photo = photo
    doctor.save()
    html = client.get(TEAM_URL).content.decode()
    assert "Dr. Andre Atoian, MD</h2>" in html
    assert "Medical Board of California, A 000000" in html
    assert "<dd>Anesthesiology, Functional medicine</dd>" in html and "<dd>English, Armenian</dd>" in html
    assert 'alt="Portrait of a clinician smiling in a sunlit room."' in html
    assert "Trained in anesthesiology." in html

    graph = json_ld(client.get(TEAM_URL))
    one(graph, "AboutPage")
    person = one(graph, "Person")
    assert person["name"] == "Dr. Andre Atoian" and person["jobTitle"] == "Physician, Limbic Medical"
    assert person["knowsLanguage"] == ["English", "Armenian"]
    assert {c["name"] for c in person["hasCredential"]} == {"MD", "Medical Board of California, A 000000"}
    assert person["url"] == "http://localhost/team/#dr-andre-atoian"
    assert person["image"].startswith("http://localhost/")
    assert person["worksFor"]["@id"].endswith("#clinic")


def test_people_are_persons_and_the_clinic_is_the_physician_organisation(client, demo):
    graph = json_ld(client.get(TEAM_URL))
    clinic = one(graph, "Physician")
    assert set(clinic["@type"]) == {"MedicalClinic", "Physician"}
    person = one(graph, "Person")
    assert person["@type"] == "Person"  # jobTitle is a Person's property, never an organisation's
    assert "hasCredential" not in person and "knowsLanguage" not in person and "image" not in person
    assert all("jobTitle" not in node for node in nodes(graph, "Organization") + nodes(graph, "Physician"))


@pytest.fixture
def reviewed_depression(demo, settings):
    settings.PAGE_CACHE_SECONDS = 0  # each request renders, so a change to the person shows at once
    page = ServicePage.objects.get(slug="depression")
    ServicePage.objects.filter(pk=page.pk).update(
        medical_reviewer=Person.objects.get(name="Dr. Andre Atoian"), last_reviewed="2025-02-01"
    )
    return page


def test_reviewed_by_stamp_links_to_the_profile(client, reviewed_depression):
    html = client.get("/services/depression/").content.decode()
    assert 'Medically reviewed by <a href="/team/#dr-andre-atoian">Dr. Andre Atoian</a>, on' in html
    doctor = Person.objects.get(name="Dr. Andre Atoian")
    doctor.credentials = "MD"
    doctor.save()  # as the admin saves it: pages that name the person are rendered again
    html = client.get("/services/depression/").content.decode()
    assert '<a href="/team/#dr-andre-atoian">Dr. Andre Atoian, MD</a>' in html


def test_reviewed_by_stamp_without_a_team_page_or_for_a_non_practitioner(client, reviewed_depression):
    for team_page in TeamPage.objects.all():  # the English and the Spanish one
        team_page.unpublish()
    html = client.get("/services/depression/").content.decode()
    assert "Medically reviewed by Dr. Andre Atoian, on" in html
    assert "/team/" not in html.split('class="reviewed-by"')[1].split("</p>")[0]
    Person.objects.filter(name="Dr. Andre Atoian").update(is_practitioner=False)
    html = client.get("/services/depression/").content.decode()
    assert "Medically reviewed by Dr. Andre Atoian, on" in html


def test_team_page_without_practitioners(client, demo, settings):
    settings.PAGE_CACHE_SECONDS = 0
    Person.objects.update(is_practitioner=False)
    response = client.get(TEAM_URL)
    assert response.status_code == 200
    assert "profiles will appear here soon" in response.content.decode()
    assert not nodes(json_ld(response), "Person")


def test_spanish_stamp_keeps_the_link(client, demo):
    from django.utils import translation

    with translation.override("es"):
        from django.template import Context, Template
        from django.test import RequestFactory

        request = RequestFactory().get("/es/")
        page = ServicePage.objects.get(slug="depression")
        page.medical_reviewer = Person.objects.get(name="Dr. Andre Atoian")
        page.last_reviewed = "2025-02-01"
        html = Template('{% include "includes/reviewed_by.html" %}').render(Context({"page": page, "request": request}))
    # The profile on the Spanish team page (the English one serves only where there is no Spanish page).
    assert 'Revisado médicamente por <a href="/es/equipo/#dr-andre-atoian">Dr. Andre Atoian</a>' in html


def test_the_stamp_looks_up_the_team_page_once_per_publish_not_per_render(client, reviewed_depression):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def team_page_queries():
        with CaptureQueriesContext(connection) as captured:
            html = client.get("/services/depression/").content.decode()
        return html, [q for q in captured.captured_queries if "site_core_teampage" in q["sql"]]

    html, queries = team_page_queries()
    assert queries and 'href="/team/#dr-andre-atoian"' in html
    html, queries = team_page_queries()
    assert queries == [] and 'href="/team/#dr-andre-atoian"' in html
    # A new slug, published: the next render links to it.
    team = TeamPage.objects.get(locale__language_code="en")
    team.slug = "our-clinicians"
    team.save_revision().publish()
    html, queries = team_page_queries()
    assert queries and 'href="/our-clinicians/#dr-andre-atoian"' in html
