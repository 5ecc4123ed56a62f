"""The home page: conditions and treatments in separate groups, "How it works", the clinician, the trust
strip, and a hero image whose alt text describes the demo illustration; each section gone when empty."""

import re

from demo.art import ART
from site_core.models import HomePage, Person


def main_of(client, url="/"):
    html = client.get(url).content.decode()
    return html.split('<main id="main"')[1].split("</main>")[0]


def test_home_groups_five_conditions_and_three_treatments(client, demo):
    main = main_of(client)
    conditions = main.split('id="conditions-heading"')[1].split('id="treatments-heading"')[0]
    treatments = main.split('id="treatments-heading"')[1].split("</section>")[0]
    assert re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', conditions) == [
        "Depression",
        "Anxiety",
        "PTSD",
        "OCD",
        "Chronic pain",
    ]
    assert re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', treatments) == [
        "IV ketamine infusion",
        "At-home ketamine program",
        "Functional medicine",
    ]


def test_home_shows_how_it_works_the_clinician_and_the_trust_strip(client, demo):
    main = main_of(client)
    assert "<h2>How it works</h2>" in main
    assert re.findall(r'<h3 class="steps__title">([^<]+)</h3>', main)[0] == "Consultation"
    clinicians = main.split('id="clinicians-heading"')[1].split("</section>")[0]
    assert '<a href="/team/#dr-andre-atoian">Dr. Andre Atoian</a>' in clinicians and "<img" not in clinicians
    strip = main.split('<ul class="trust-strip')[1].split("</ul>")[0]
    assert "Medically reviewed" in strip and "Costs up front" in strip


def test_hero_alt_text_describes_the_illustration(client, demo):
    main = main_of(client)
    assert f'alt="{ART["hero"][1]}"' in main
    assert "circles" not in " ".join(alt for _title, alt in ART.values())


def test_home_without_the_optional_sections(client, demo, settings):
    settings.PAGE_CACHE_SECONDS = 0
    home = HomePage.objects.get(locale__language_code="en")
    home.how_it_works = []
    home.trust_points = []
    home.show_clinicians = False
    home.featured_services.all().delete()
    home.save_revision().publish()
    Person.objects.update(is_practitioner=False)
    response = client.get("/")
    assert response.status_code == 200
    main = response.content.decode().split('<main id="main"')[1].split("</main>")[0]
    for gone in ("How it works", "trust-strip", "clinicians-heading", "conditions-heading", "treatments-heading"):
        assert gone not in main, gone
