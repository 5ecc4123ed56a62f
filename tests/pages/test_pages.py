"""The content model: page-tree rules, demo pages, the article, clinic settings, query ceilings."""

import re
from datetime import time
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from blog.models import BlogIndexPage, BlogPostPage
from contact.models import ContactPage
from demo.loader import ARTICLE_FILE, parse_article
from services.models import ServiceIndexPage, ServicePage
from site_core.models import ClinicSettings, HomePage, Person, StandardPage

DEMO_URLS = [
    "/",
    "/services/",
    "/services/depression/",
    "/services/anxiety/",
    "/services/ptsd/",
    "/services/ocd/",
    "/services/chronic-pain/",
    "/services/iv-ketamine-infusion/",
    "/services/at-home-ketamine-program/",
    "/services/functional-medicine/",
    "/blog/",
    "/blog/ketamine-and-depression-an-integrative-approach/",
    "/contact/",
    "/contact/thank-you/",
    "/about/",
    "/privacy/",
]

ARTICLE_URL = "/blog/ketamine-and-depression-an-integrative-approach/"


@pytest.mark.parametrize(
    "model, allowed_parents",
    [
        (HomePage, {Page}),
        (StandardPage, {HomePage, StandardPage}),
        (ServiceIndexPage, {HomePage}),
        (ServicePage, {ServiceIndexPage}),
        (BlogIndexPage, {HomePage}),
        (BlogPostPage, {BlogIndexPage}),
        (ContactPage, {HomePage}),
    ],
)
def test_page_types_only_go_where_they_make_sense(model, allowed_parents):
    assert set(model.allowed_parent_page_models()) == allowed_parents


def test_leaf_pages_allow_no_children():
    for model in (ServicePage, BlogPostPage, ContactPage):
        assert model.allowed_subpage_models() == []
    assert ServiceIndexPage.allowed_subpage_models() == [ServicePage]
    assert BlogIndexPage.allowed_subpage_models() == [BlogPostPage]


def test_singletons_cannot_be_added_twice(demo):
    for model in (ServiceIndexPage, BlogIndexPage, ContactPage):
        assert not model.can_create_at(demo)
    assert StandardPage.can_create_at(demo)


@pytest.mark.parametrize("url", DEMO_URLS)
def test_every_demo_page_renders(client, demo, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "988" in html and "911" in html  # crisis strip on every page


def test_article_has_its_sections_and_every_paragraph_word_for_word(client, demo):
    html = client.get(ARTICLE_URL).content.decode()
    headings = [unescape(h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html)]
    expected = [
        "Ketamine and Functional Medicine",
        "What is Functional Medicine?",
        "How Ketamine Helps With Depression",
        "How Functional Medicine Helps With Depression",
        "Depression Treatment That Works in Los Angeles",
    ]
    assert [h for h in headings if h in expected] == expected
    title, blocks = parse_article(ARTICLE_FILE.read_text(encoding="utf-8"))
    assert title == "Ketamine and Depression: An Integrative Approach"
    paragraphs = [text for kind, text in blocks if kind == "paragraph"]
    assert len(paragraphs) >= 15
    text = unescape(html)
    for paragraph in paragraphs:
        assert paragraph in text
    for chrome in ("Post category", "Publish date"):
        assert chrome not in text


def test_article_copy_in_project_matches_the_clinic_source():
    source = ARTICLE_FILE.parents[3] / "shared" / "content" / ARTICLE_FILE.name
    if source.exists():  # beside the project on developer and CI machines
        assert source.read_text(encoding="utf-8") == ARTICLE_FILE.read_text(encoding="utf-8")


def test_clinic_settings_appear_in_header_and_footer(client, demo):
    clinic = ClinicSettings.for_site(demo.get_site())
    clinic.phone = "213.555.0199"
    clinic.street_address = "100 Example Ave"
    clinic.opening_hours = [("day", {"day": str(day), "opens": time(10), "closes": time(16)}) for day in range(5)]
    clinic.save()
    html = client.get("/about/").content.decode()
    header = html.split("</header>")[0]
    footer = html.split("<footer")[1]
    assert 'href="tel:+12135550199"' in header and "213.555.0199" in header
    assert "100 Example Ave" in footer and "Monday to Friday, 10 a.m. – 4 p.m." in footer and "213.555.0199" in footer


def test_loader_twice_duplicates_nothing(demo):
    from wagtail.images import get_image_model

    from demo.loader import load

    counts = (Page.objects.count(), Person.objects.count(), get_image_model().objects.count())
    load()
    assert (Page.objects.count(), Person.objects.count(), get_image_model().objects.count()) == counts


def test_loader_keeps_editors_changes(demo):
    from demo.loader import load

    about = StandardPage.objects.get(slug="about")
    about.title = "About us"
    about.save_revision().publish()
    load()
    assert StandardPage.objects.get(slug="about").title == "About us"


def _queries(client, url):
    client.get(url)  # warm per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


# Queries of a render (the page cache off), once the shared header/footer and the route are cached.
# Home, article and condition pages aim at 8 at most (README, Performance).
QUERY_CEILINGS = {
    "/": 8,
    ARTICLE_URL: 8,
    "/services/depression/": 8,
    "/es/servicios/depresion/": 8,
    "/blog/": 10,
    "/contact/": 8,
}


@pytest.mark.parametrize("url, ceiling", QUERY_CEILINGS.items())
def test_query_ceiling_per_page_type(client, demo, settings, url, ceiling, django_assert_max_num_queries):
    settings.PAGE_CACHE_SECONDS = 0  # measure renders, not page-cache hits
    client.get(url)
    with django_assert_max_num_queries(ceiling):
        response = client.get(url)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response


@pytest.mark.parametrize("extra", [3, 30])
def test_blog_index_queries_do_not_grow_with_posts(client, demo, extra):
    blog = BlogIndexPage.objects.get(locale__language_code="en")
    template = BlogPostPage.objects.get()
    baseline = _queries(client, "/blog/")
    for i in range(extra):
        blog.add_child(
            instance=BlogPostPage(
                title=f"Post {i}",
                slug=f"post-{i}",
                summary="A summary.",
                body=[("paragraph", "<p>Text.</p>")],
                hero_image=template.hero_image,
                category=template.category,
                author=template.author,
            )
        )
    assert _queries(client, "/blog/") == baseline


def test_view_restriction_on_a_section_still_protects_its_pages(client, demo):
    from wagtail.models import PageViewRestriction

    blog = BlogIndexPage.objects.get(locale__language_code="en")
    PageViewRestriction.objects.create(page=blog, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(ARTICLE_URL)
    assert response.status_code == 302 and "login" in response["Location"]


def test_related_pages_come_in_the_editors_order_saved_or_in_a_preview(demo, django_assert_max_num_queries):
    from services.models import ServiceRelatedService
    from site_core.pages.models import live_in_order

    page = ServicePage.objects.get(slug="depression", locale__language_code="en")
    # The editor's order runs against the ids, so a result in id order would fail.
    others = list(ServicePage.objects.filter(locale=page.locale).exclude(pk=page.pk).order_by("-pk")[:3])
    others[1].unpublish()
    # As the editor's inline panel saves them: each link with its position.
    page.related_services = [ServiceRelatedService(service=other, sort_order=i) for i, other in enumerate(others)]
    # In a preview the links exist only in memory.
    assert live_in_order(ServicePage, page.related_services, "service") == [others[0], others[2]]
    page.save()
    saved = ServicePage.objects.get(pk=page.pk)
    with django_assert_max_num_queries(1):
        assert live_in_order(ServicePage, saved.related_services, "service") == [others[0], others[2]]


def test_article_has_the_note_beside_it_a_call_to_action_and_a_dialable_phone(client, demo):
    html = client.get("/blog/ketamine-and-depression-an-integrative-approach/").content.decode()
    aside = html.split('<aside class="article__aside"')[1].split("</aside>")[0]
    assert "talk with a clinician" in aside and "off-label" in aside
    end = html.split('<div class="prose article__body">')[1].split("</article>")[0]
    assert 'class="cta"' in end and 'href="tel:+13238862273">323.886.2273</a>' in end
    # The article's date is the day the demo was loaded (the source gives none), never an invented one.
    post = BlogPostPage.objects.get(locale__language_code="en")
    assert post.date == timezone.localtime(post.first_published_at).date()


def test_article_without_notes_shows_no_aside(client, demo, settings):
    settings.PAGE_CACHE_SECONDS = 0
    BlogPostPage.objects.filter(locale__language_code="en").update(reader_note="", off_label_note="")
    html = client.get("/blog/ketamine-and-depression-an-integrative-approach/").content.decode()
    assert "article__aside" not in html and 'class="cta"' in html


@pytest.mark.parametrize("url", ["/privacy/", "/es/privacidad/"])
def test_privacy_notice_states_retention_from_the_setting_emails_cookies_and_california_rights(
    client, demo, settings, url
):
    settings.PAGE_CACHE_SECONDS = 0
    settings.APPOINTMENT_RETENTION_DAYS = 45
    html = client.get(url).content.decode()
    main = html.split('<main id="main"')[1].split("</main>")[0]
    assert ("45 days" in main) if url == "/privacy/" else ("45 días" in main)
    for english, spanish in (("cookie", "cookie"), ("California", "California"), ("emailed", "correo electrónico")):
        assert (english if url == "/privacy/" else spanish) in main
    assert "Effective" not in main and "Vigente" not in main  # no date until the clinic sets one


def test_policy_pages_show_an_effective_date_once_set_and_are_in_the_footer(client, demo, settings):
    from datetime import date

    from site_core.models import PolicyPage

    settings.PAGE_CACHE_SECONDS = 0
    page = PolicyPage.objects.get(slug="accessibility")
    assert "WCAG" in client.get("/accessibility/").content.decode()
    page.effective_date = date(2026, 3, 1)
    page.save_revision().publish()
    html = client.get("/accessibility/").content.decode()
    assert "Effective March 1, 2026" in html
    footer = html.split("<footer")[1]
    for link in (
        'href="/privacy/"',
        'href="/accessibility/"',
        'href="/team/"',
        'href="/visit-us/"',
        'href="/costs-and-insurance/"',
    ):
        assert link in footer, link
