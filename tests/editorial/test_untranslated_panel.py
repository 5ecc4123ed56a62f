"""The dashboard's "Not yet translated" panel: what Spanish readers still see in English, listed for the staff
who can write it (a clinician's words for Publishers, the clinic settings' texts for Administrators, a Spanish
page's hero-picture description for whoever may edit the page), and for nobody else."""

import pytest
from django.urls import reverse
from wagtail.models import Site

from services.models import ServicePage
from site_core.editorial import governance
from site_core.models import ClinicSettings, Person
from tests.editorial.test_governance import make_user, signed_in

DASHBOARD = "/admin/"


def _panel(client):
    html = client.get(DASHBOARD).content.decode()
    if 'id="untranslated-section"' not in html:
        return None
    return html.split('id="untranslated-section"')[1].split("</section>")[0]


def test_the_demo_has_nothing_left_in_english(client, demo, django_user_model):
    panel = _panel(signed_in(client, make_user(django_user_model, governance.PUBLISHERS)))
    assert panel is not None and "written in every language" in panel


def test_a_clinician_s_untranslated_words_are_listed_for_publishers_only(client, demo, django_user_model):
    doctor = Person.objects.get(name="Dr. Andre Atoian")
    doctor.bio = "<p>Trained in anesthesiology.</p>"
    doctor.specialties = "Anesthesiology"
    doctor.save()
    panel = _panel(signed_in(client, make_user(django_user_model, governance.PUBLISHERS)))
    edit = reverse("wagtailsnippets_site_core_person:edit", args=[doctor.pk])
    assert f'<a href="{edit}">Dr. Andre Atoian</a>' in panel
    assert "Spanish" in panel and "specialties, biography" in panel
    assert "role" not in panel.split("Dr. Andre Atoian")[1]  # the demo's Spanish role is written

    editor_panel = _panel(signed_in(client, make_user(django_user_model, governance.EDITORS)))
    assert "Dr. Andre Atoian" not in editor_panel  # Editors cannot change people


def test_the_clinic_s_english_only_crisis_text_is_listed_for_administrators(client, demo, django_user_model):
    site = Site.objects.get(is_default_site=True)
    clinic = ClinicSettings.for_site(site)
    clinic.crisis_text = "Call our after-hours line or 988."
    clinic.save()
    admin = make_user(django_user_model, governance.ADMINISTRATORS)
    panel = _panel(signed_in(client, admin))
    settings_url = reverse("wagtailsettings:edit", args=["site_core", "clinicsettings", site.pk])
    assert f'<a href="{settings_url}">Clinic settings</a>' in panel and "crisis text" in panel
    publisher_panel = _panel(signed_in(client, make_user(django_user_model, governance.PUBLISHERS)))
    assert "Clinic settings" not in publisher_panel


def test_a_spanish_page_without_its_own_picture_description_is_listed_for_its_editors(client, demo, django_user_model):
    page = ServicePage.objects.get(locale__language_code="es", slug="infusion-intravenosa-de-ketamina")
    page.hero_image_alt = ""
    page.save_revision().publish()
    panel = _panel(signed_in(client, make_user(django_user_model, governance.EDITORS)))
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert f'<a href="{edit}">{page.title}</a>' in panel and "hero image alt text on this page" in panel


@pytest.mark.parametrize("role", [governance.MEDICAL_REVIEWERS, governance.INTAKE_STAFF])
def test_roles_that_write_nothing_get_no_panel(client, demo, django_user_model, role):
    doctor = Person.objects.get(name="Dr. Andre Atoian")
    doctor.bio = "<p>Trained in anesthesiology.</p>"
    doctor.save()
    response = signed_in(client, make_user(django_user_model, role)).get(DASHBOARD)
    assert response.status_code == 200
    assert 'id="untranslated-section"' not in response.content.decode()


def test_a_body_image_still_described_in_english_on_a_spanish_page_is_listed(client, demo, django_user_model):
    from wagtail.images import get_image_model

    page = ServicePage.objects.get(locale__language_code="es", slug="infusion-intravenosa-de-ketamina")
    image = get_image_model().objects.exclude(description="").first()
    # As a page translated by copying keeps it: the alt text is the image's own, in English.
    image_block = page.body.stream_block.child_blocks["image"]
    raw = {"image": {"image": image.pk, "alt_text": image.description, "decorative": False}, "caption": ""}
    page.body.append(("image", image_block.to_python(raw)))
    page.save_revision().publish()
    editor = signed_in(client, make_user(django_user_model, governance.EDITORS))
    panel = _panel(editor)
    assert page.title in panel and "image in the body" in panel

    page.refresh_from_db()
    page.body[-1].value["image"].contextual_alt_text = "Ilustración de una habitación tranquila."
    page.save_revision().publish()
    assert "image in the body" not in _panel(editor)
