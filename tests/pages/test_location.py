"""Opening hours in words in both languages and as schema.org rows; the Visit us page with and without an
address; the directions link is a plain link (no map script or embed)."""

from datetime import time

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from site_core.models import ClinicSettings
from site_core.pages.hours import OpeningHoursBlock, hours_in_words, opening_hours_specification
from tests.seo.test_seo import json_ld, one

VISIT_URL = "/visit-us/"


def row(day, opens=None, closes=None, closed=False):
    return {"day": str(day), "opens": opens and time(*opens), "closes": closes and time(*closes), "closed": closed}


WEEKDAYS_9_TO_5 = [row(d, (9,), (17,)) for d in range(5)]
SPLIT_AND_CLOSED = (
    [row(d, (9,), (12,)) for d in range(3)]
    + [row(d, (13,), (17, 30)) for d in range(3)]
    + [row(3, (9,), (17,)), row(4, (9,), (17,))]
    + [row(5, closed=True), row(6, closed=True)]
)


def words(rows, language):
    with translation.override(language):
        return hours_in_words(rows)


def test_weekdays_in_both_languages():
    assert words(WEEKDAYS_9_TO_5, "en") == ["Monday to Friday, 9 a.m. – 5 p.m."]
    assert words(WEEKDAYS_9_TO_5, "es") == ["De lunes a viernes, de 9:00 a 17:00"]


def test_split_days_and_closed_days_in_both_languages():
    assert words(SPLIT_AND_CLOSED, "en") == [
        "Monday to Wednesday, 9 a.m. – noon and 1 p.m. – 5:30 p.m.",
        "Thursday and Friday, 9 a.m. – 5 p.m.",
        "Saturday and Sunday: closed",
    ]
    assert words(SPLIT_AND_CLOSED, "es") == [
        "De lunes a miércoles, de 9:00 a 12:00 y de 13:00 a 17:30",
        "Jueves y viernes, de 9:00 a 17:00",
        "Sábado y domingo: cerrado",
    ]


def test_single_days_and_gaps_are_not_grouped_across():
    rows = [row(0, (9,), (17,)), row(2, (9,), (17,)), row(5, (10,), (14,))]
    assert words(rows, "en") == ["Monday, 9 a.m. – 5 p.m.", "Wednesday, 9 a.m. – 5 p.m.", "Saturday, 10 a.m. – 2 p.m."]
    assert words([], "en") == []


def test_schema_rows_group_days_by_hours_and_leave_out_closed_days():
    spec = opening_hours_specification(SPLIT_AND_CLOSED)
    assert [(s["opens"], s["closes"], [d.rsplit("/", 1)[1] for d in s["dayOfWeek"]]) for s in spec] == [
        ("09:00", "12:00", ["Monday", "Tuesday", "Wednesday"]),
        ("13:00", "17:30", ["Monday", "Tuesday", "Wednesday"]),
        ("09:00", "17:00", ["Thursday", "Friday"]),
    ]
    assert all(s["@type"] == "OpeningHoursSpecification" for s in spec)


@pytest.mark.parametrize(
    "value, field",
    [(row(0, (9,), None), "closes"), (row(0, None, (17,)), "opens"), (row(0, (17,), (9,)), "closes")],
)
def test_a_row_without_sensible_times_is_refused_with_a_message(value, field):
    with pytest.raises(ValidationError) as error:
        OpeningHoursBlock().clean(value)
    assert field in error.value.block_errors
    OpeningHoursBlock().clean(row(6, closed=True))  # a closed day needs no times


def test_demo_visit_page_shows_the_city_only_and_hours_in_words(client, demo):
    response = client.get(VISIT_URL)
    assert response.status_code == 200
    html = response.content.decode()
    main = html.split('<main id="main"')[1].split("</main>")[0]
    assert "Los Angeles, CA" in main
    assert "Monday to Friday, 9 a.m. – 5 p.m." in main
    assert "openstreetmap" not in main  # no street address, so no directions link
    assert "Please call us for the address" in main
    assert "<iframe" not in html and "<img" not in main
    assert "Mo-Fr" not in html
    graph = json_ld(response)
    clinic = one(graph, "MedicalClinic")
    assert clinic["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Los Angeles",
        "addressRegion": "CA",
        "addressCountry": "US",
    }
    assert clinic["openingHoursSpecification"][0]["dayOfWeek"][0] == "https://schema.org/Monday"
    assert "openingHours" not in clinic and "hasMap" not in clinic
    one(graph, "ContactPage")


def test_visit_page_with_every_detail(client, demo):
    clinic = ClinicSettings.objects.get()
    clinic.street_address = "100 Example Ave, Suite 2"
    clinic.postal_code = "90001"
    clinic.parking = "Parking behind the building."
    clinic.transit = "Bus stop on the corner."
    clinic.building_access = "Step-free entrance and a lift."
    clinic.save()
    html = client.get(VISIT_URL).content.decode()
    assert "100 Example Ave, Suite 2<br>Los Angeles, CA 90001" in html
    assert (
        'href="https://www.openstreetmap.org/search?query=100+Example+Ave%2C+Suite+2%2C+Los+Angeles%2C+CA+90001"'
        in html
    )
    for text in ("Parking behind the building.", "Bus stop on the corner.", "Step-free entrance and a lift."):
        assert text in html


def test_empty_address_and_hours_render_gracefully(client, demo):
    clinic = ClinicSettings.objects.get()
    clinic.city = clinic.region = ""
    clinic.opening_hours = []
    clinic.save()
    response = client.get(VISIT_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Please call us for our opening hours." in html
    main = html.split("<main")[1]
    assert "None" not in main and "<address>, " not in main
    assert "<address>, " not in html.split("<footer")[1].replace("\n", "").replace("  ", "")
    footer = client.get("/").content.decode().split("<footer")[1]
    assert 'id="footer-hours"' not in footer


def test_spanish_footer_says_the_hours_in_spanish(client, demo):
    html = client.get("/es/").content.decode()
    footer = html.split("<footer")[1]
    assert "De lunes a viernes, de 9:00 a 17:00" in footer
