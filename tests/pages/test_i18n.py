"""The site in Spanish: Spanish pages and navigation, the language switcher, hreflang alternates in the
<head> and the sitemap, the English-only article's honest fallback, the appointment form's errors and
acknowledgement in Spanish, and a Spanish catalogue with no string left untranslated."""

import hashlib
import re
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.conf import settings
from django.core import signing
from wagtail.models import Page

from blog.models import BlogCategory
from site_core.editorial.review import is_health_page_class
from site_core.management.commands.check_translations import find_untranslated, untranslated
from site_core.models import Menu
from tests.support.smtp import smtp_server  # noqa: F401 (a pytest fixture, used by name)

ARTICLE = "/blog/ketamine-and-depression-an-integrative-approach/"

# English page -> its Spanish translation, as the demo loader builds them.
PAIRS = {
    "/": "/es/",
    "/services/": "/es/servicios/",
    "/services/depression/": "/es/servicios/depresion/",
    "/services/anxiety/": "/es/servicios/ansiedad/",
    "/services/ptsd/": "/es/servicios/tept/",
    "/services/ocd/": "/es/servicios/toc/",
    "/services/chronic-pain/": "/es/servicios/dolor-cronico/",
    "/blog/": "/es/blog/",
    "/contact/": "/es/contacto/",
    "/privacy/": "/es/privacidad/",
    "/is-this-for-me/": "/es/es-para-mi/",
    "/about/": "/es/acerca-de/",
    "/services/iv-ketamine-infusion/": "/es/servicios/infusion-intravenosa-de-ketamina/",
    "/services/at-home-ketamine-program/": "/es/servicios/programa-de-ketamina-en-casa/",
    "/services/functional-medicine/": "/es/servicios/medicina-funcional/",
    "/team/": "/es/equipo/",
    "/visit-us/": "/es/visitenos/",
    "/costs-and-insurance/": "/es/costos-y-seguro/",
    "/accessibility/": "/es/accesibilidad/",
}
SPANISH_URLS = list(PAIRS.values())


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def switcher_links(html):
    """{language code: href} of the language switcher's links (the current language has no link)."""
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    return dict((code, href) for href, code in re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', nav))


def alternates(html):
    """{hreflang: href} of the <head>'s alternate links."""
    head = html.split("</head>")[0]
    return dict(
        (code, href) for code, href in re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', head)
    )


def menu_links(html, css_class):
    listing = re.search(rf'<ul class="{css_class}">.*?</ul>', html, re.S).group(0)
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', listing)


@pytest.mark.parametrize("url", SPANISH_URLS)
def test_every_spanish_demo_page_is_in_spanish_with_spanish_navigation(client, demo, url):
    html = html_of(client, url)
    assert '<html lang="es">' in html
    assert "Saltar al contenido principal" in html and "Skip to main content" not in html
    assert menu_links(html, "site-nav__list") == [
        ("/es/servicios/", "Servicios"),
        ("/es/blog/", "Blog"),
        ("/es/contacto/", "Solicitar una cita"),
    ]
    assert menu_links(html.split('id="footer-links"')[1], "plain-list") == [
        ("/es/acerca-de/", "Acerca de nosotros"),
        ("/es/equipo/", "Nuestro equipo clínico"),
        ("/es/visitenos/", "Visítenos"),
        ("/es/costos-y-seguro/", "Costos y seguro médico"),
        ("/es/privacidad/", "Aviso de privacidad"),
        ("/es/accesibilidad/", "Declaración de accesibilidad"),
        ("/es/contacto/", "Solicitar una cita"),
    ]
    # The header's appointment button leads to the Spanish form.
    assert 'href="/es/contacto/">Solicitar una cita</a>' in html


@pytest.mark.parametrize("english, spanish", PAIRS.items())
def test_switcher_and_hreflang_pair_each_page_with_its_translation_both_ways(client, demo, english, spanish):
    english_html, spanish_html = html_of(client, english), html_of(client, spanish)
    assert '<html lang="en">' in english_html
    assert ("/services/", "Services") in menu_links(english_html, "site-nav__list")
    assert "/es/" not in str(menu_links(english_html, "site-nav__list"))
    # The switcher leads to the same page in the other language, in both directions.
    assert switcher_links(english_html) == {"es": spanish}
    assert switcher_links(spanish_html) == {"en": english}
    # hreflang alternates are reciprocal, absolute on the site's own host (the demo Site is localhost),
    # like the canonical URL, with x-default the English page.
    expected = {
        "en": f"http://localhost{english}",
        "es": f"http://localhost{spanish}",
        "x-default": f"http://localhost{english}",
    }
    assert alternates(english_html) == expected
    assert alternates(spanish_html) == expected


def test_the_switcher_leads_to_the_spanish_home_for_a_page_without_a_translation(client, demo):
    html = html_of(client, ARTICLE)
    assert switcher_links(html) == {"es": "/es/"}
    # An English-only page names only itself: no Spanish alternate to a page that is not its translation.
    assert set(alternates(html)) == {"en", "x-default"}


def test_a_switched_link_is_followed_by_the_matching_page(client, demo):
    html = html_of(client, switcher_links(html_of(client, "/services/ocd/"))["es"])
    assert "Trastorno obsesivo-compulsivo (TOC)" in html
    assert "fuera de indicación" in html  # the off-label note, in Spanish


def test_the_sitemap_lists_both_languages_each_with_reciprocal_alternates(client, demo):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    entries = {}
    sitemap = ET.fromstring(response.content)  # noqa: S314 (our own sitemap, not untrusted input)
    for url in sitemap.findall("s:url", ns):
        links = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
        entries[url.find("s:loc", ns).text] = links
    for english, spanish in PAIRS.items():
        expected = {
            "en": f"http://localhost{english}",
            "es": f"http://localhost{spanish}",
            "x-default": f"http://localhost{english}",
        }
        assert entries[f"http://localhost{english}"] == expected
        assert entries[f"http://localhost{spanish}"] == expected
    # Each Spanish page is listed once; a page with no translation has no alternates.
    assert sum(loc.startswith("http://localhost/es/") for loc in entries) == len(PAIRS)
    assert entries[f"http://localhost{ARTICLE}"] == {}


def test_the_spanish_blog_says_honestly_that_the_article_is_in_english(client, demo):
    html = html_of(client, "/es/blog/")
    assert "Este artículo está disponible en inglés." in html
    assert f'<a href="{ARTICLE}" hreflang="en" lang="en">Ketamine and Depression: An Integrative Approach</a>' in html
    assert "Todavía no hay artículos." not in html
    # The English blog lists the article as its own, with no notice.
    english = html_of(client, "/blog/")
    assert "available in" not in english and ARTICLE in english


def test_the_english_blog_lists_a_spanish_only_post_with_its_language(client, demo):
    from blog.models import BlogPostPage

    spanish_blog = Page.objects.get(url_path__endswith="/blog/", locale__language_code="es").specific
    spanish_blog.add_child(
        instance=BlogPostPage(title="Solo en español", slug="solo-en-espanol", summary="Resumen.", body=[])
    )
    html = html_of(client, "/blog/")
    assert "This article is available in Spanish." in html
    assert 'href="/es/blog/solo-en-espanol/" hreflang="es" lang="es">Solo en español</a>' in html


def test_spanish_pages_carry_spanish_copy_and_only_the_review_of_the_spanish_text(client, demo):
    # The Spanish health pages were approved by a medical reviewer in the test setup (tests/conftest.py).
    html = html_of(client, "/es/servicios/depresion/")
    assert "<h1" in html and "Depresión" in html
    assert "Ningún tratamiento puede prometer eso." in html
    # The stamp is that of the review of the Spanish text, in Spanish; the English page's review is not carried over.
    assert "Revisado médicamente por Test Reviewer" in html and "Medically reviewed" not in html


def test_each_spanish_demo_page_pairs_with_an_english_one_and_went_through_its_workflow(demo):
    spanish = Page.objects.filter(locale__language_code="es", depth__gt=1)
    assert spanish.count() == len(SPANISH_URLS)
    for page in spanish.specific():
        # Its translation key pairs it with an English page.
        assert page.get_translation_or_none(demo.locale) is not None
        if is_health_page_class(type(page)):
            # Approved in the Medical review (tests/conftest.py), which published it with the reviewer's name.
            assert page.live and not page.workflow_in_progress, page.url_path
            assert page.medical_reviewer.name == "Test Reviewer"
        else:
            # Published, and waiting for a Publisher's approval of the Spanish text in the admin.
            assert page.live and page.workflow_in_progress, page.url_path


def test_spanish_menus_and_category_pair_with_the_english_ones(demo):
    for location in ("main", "footer"):
        english = Menu.objects.get(location=location, locale__language_code="en")
        assert (
            Menu.objects.get(location=location, locale__language_code="es").translation_key == english.translation_key
        )
    english = BlogCategory.objects.get(locale__language_code="en", slug="mental-health")
    spanish = BlogCategory.objects.get(locale__language_code="es")
    assert (spanish.name, spanish.translation_key) == ("Salud mental", english.translation_key)


def test_loading_twice_keeps_the_spanish_site_as_it_is(demo):
    from demo.loader import load

    spanish = Page.objects.get(url_path__endswith="/privacidad/").specific
    spanish.title = "Privacidad (editado)"
    spanish.save_revision().publish()
    counts = (
        Page.objects.filter(locale__language_code="es").count(),
        Menu.objects.count(),
        BlogCategory.objects.count(),
    )
    load()
    assert (
        Page.objects.filter(locale__language_code="es").count(),
        Menu.objects.count(),
        BlogCategory.objects.count(),
    ) == counts
    assert Page.objects.get(pk=spanish.pk).title == "Privacidad (editado)"


# --- The appointment request, in Spanish ------------------------------------------------------------------


def form_data(client, url, **changes):
    from contact.forms import STARTED_SALT

    html = html_of(client, url)
    service = re.search(r'<option value="(\d+)"', html).group(1)
    data = {
        "first_name": "María",
        "last_name": "López",
        "email": "maria@example.com",
        "phone": "(323) 555-0142",
        "contact_method": "phone",
        "best_time": "",
        "service": service,
        "patient_kind": "new",
        "message": "",
        "consent": "on",
        "website": "",
        # Shown a minute ago: a person's pace, not a bot's.
        "started": signing.dumps(time.time() - 60, salt=STARTED_SALT),
    }
    data.update(changes)
    return data


def test_the_spanish_form_lists_spanish_services_and_labels(client, demo):
    html = html_of(client, "/es/contacto/")
    assert "Depresión" in html and ">Depression<" not in html
    assert "Nombre" in html and "First name" not in html


def test_form_errors_appear_in_spanish_on_the_spanish_contact_page(client, demo):
    data = form_data(client, "/es/contacto/", email="not-an-email", first_name="", consent="")
    response = client.post("/es/contacto/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert '<html lang="es">' in html
    assert "Por favor, revise el formulario" in html
    assert 'id="id_first_name_error">Indíquenos su nombre.' in html  # a sentence, in Spanish (issue 14)
    assert 'id="id_email_error">Por favor, escriba una dirección de correo electrónico' in html
    assert 'id="id_consent_error">Por favor, acepte que nos comuniquemos con usted' in html
    assert "This field is required." not in html and "Please" not in html
    from contact.models import AppointmentRequest

    assert not AppointmentRequest.objects.exists()


def test_a_spanish_request_records_es_and_is_acknowledged_in_spanish_over_smtp(
    client,
    demo,
    smtp_server,  # noqa: F811 (the imported fixture)
    django_capture_on_commit_callbacks,
    settings,
):
    from contact.models import AppointmentRequest

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/es/contacto/", form_data(client, "/es/contacto/"))
    assert response.status_code == 303
    assert response["Location"] == "/es/contacto/thank-you/"
    request = AppointmentRequest.objects.get()
    assert request.language == "es"

    acknowledgement = next(m for m in smtp_server.messages if m.envelope_to == ["maria@example.com"])
    assert "Hemos recibido su solicitud de cita" in str(acknowledgement["Subject"])
    body = acknowledgement.get_payload(decode=True).decode(acknowledgement.get_content_charset() or "utf-8")
    assert "Hola:" in body and "988" in body
    assert "María" not in body  # nothing the sender typed (issue 20)
    assert "Thank you" not in body and "Hello" not in body
    # The staff notification stays in English.
    staff = next(m for m in smtp_server.messages if m.envelope_to != ["maria@example.com"])
    assert "appointment request" in str(staff["Subject"])


def test_an_english_request_records_en(client, demo, django_capture_on_commit_callbacks):
    from contact.models import AppointmentRequest

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/contact/", form_data(client, "/contact/")).status_code == 303
    assert AppointmentRequest.objects.get().language == "en"


# --- The catalogue ---------------------------------------------------------------------------------------


def test_makemessages_finds_no_untranslated_or_fuzzy_string_and_touches_no_catalogue():
    po_file = Path(settings.LOCALE_PATHS[0]) / "es" / "LC_MESSAGES" / "django.po"
    before = hashlib.sha256(po_file.read_bytes()).hexdigest()
    assert find_untranslated("es") == []
    assert hashlib.sha256(po_file.read_bytes()).hexdigest() == before


def test_a_string_added_without_a_translation_is_reported(tmp_path, monkeypatch):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "new.html").write_text(
        '{% load i18n %}{% translate "Skip to main content" %}{% translate "A sentence nobody translated" %}'
    )
    monkeypatch.chdir(tmp_path)
    assert find_untranslated("es") == ["A sentence nobody translated"]


def test_the_check_treats_empty_plural_and_fuzzy_entries_as_untranslated():
    po = (
        'msgid ""\nmsgstr ""\n"Language: es\\n"\n\n'
        'msgid "done"\nmsgstr "hecho"\n\n'
        'msgid "empty"\nmsgstr ""\n\n'
        '#, fuzzy, python-format\nmsgid "guessed %(n)s"\nmsgstr "adivinado %(n)s"\n\n'
        'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "uno"\nmsgstr[1] ""\n\n'
        'msgid ""\n"wrapped "\n"text"\nmsgstr ""\n"texto "\n"partido"\n\n'
        '#~ msgid "obsolete"\n#~ msgstr ""\n'
    )
    assert untranslated(po) == ["empty", "guessed %(n)s", "one"]


def test_the_demo_tree_stays_consistent_so_pages_can_be_added_under_the_spanish_home(demo):
    """Publishing the Spanish home page from a copy loaded before its children were added once wrote back a
    child count of 0; the next page added under it then collided with the first child's tree path."""
    assert all(not problems for problems in Page.find_problems())
    spanish_home = Page.objects.get(depth=2, locale__language_code="es")
    assert spanish_home.numchild == spanish_home.get_children().count() > 0
    spanish_home.add_child(instance=Page(title="Nueva", slug="nueva"))
