"""What pages tell search engines and social sites: head tags, JSON-LD, sitemap, robots.txt, feeds, redirects."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import time
from html import unescape

import pytest
from django.test import override_settings
from wagtail.models import Page, PageViewRestriction

from blog.models import BlogIndexPage, BlogPostPage
from services.models import ServicePage
from site_core.models import ClinicSettings, Person, StandardPage
from site_core.seo.structured_data import dumps_for_script

ARTICLE_URL = "/blog/ketamine-and-depression-an-integrative-approach/"
ARTICLE_TITLE = "Ketamine and Depression: An Integrative Approach"
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def head_of(response):
    html = response.content.decode()
    return html[html.index("<head>") : html.index("</head>")]


def json_ld(response):
    blocks = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', response.content.decode(), re.S)
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert data["@context"] == "https://schema.org"
    return data["@graph"]


def parse_xml(content):
    return ET.fromstring(content)  # noqa: S314 -- the site's own sitemap and feeds, not outside input


def nodes(graph, type_name):
    """Nodes of this schema.org type (a node may have several, e.g. the clinic is a MedicalClinic and a Physician)."""
    return [
        node for node in graph if type_name in ([node["@type"]] if isinstance(node["@type"], str) else node["@type"])
    ]


def one(graph, type_name):
    found = nodes(graph, type_name)
    assert len(found) == 1, f"expected one {type_name}, got {[n['@type'] for n in graph]}"
    return found[0]


def meta(head, attribute, name):
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', head)
    return unescape(match.group(1)) if match else None


@pytest.fixture
def clinic_facts(demo):
    clinic = ClinicSettings.objects.get()
    clinic.street_address = "8500 Wilshire Blvd, Suite 100"
    clinic.postal_code = "90211"
    clinic.opening_hours = [("day", {"day": str(day), "opens": time(9), "closes": time(17)}) for day in range(5)] + [
        ("day", {"day": "5", "opens": time(10), "closes": time(14)})
    ]
    clinic.instagram_url = "https://www.instagram.com/limbicmedical"
    clinic.save()
    return clinic


def check_clinic_and_website(graph):
    clinic = one(graph, "MedicalClinic")
    for key in ("name", "url", "telephone", "address"):
        assert clinic[key], key
    assert clinic["url"].startswith("http")
    website = one(graph, "WebSite")
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert "/search/?q={search_term_string}" in action["target"]["urlTemplate"]
    return clinic


def test_clinic_comes_from_the_settings_on_every_page(client, clinic_facts):
    for url in ("/", "/privacy/", ARTICLE_URL):
        clinic = check_clinic_and_website(json_ld(client.get(url)))
        assert clinic["name"] == "Limbic Medical"
        assert clinic["telephone"] == "+13238862273"
        assert clinic["address"]["streetAddress"] == "8500 Wilshire Blvd, Suite 100"
        assert clinic["address"]["postalCode"] == "90211"
        assert clinic["openingHoursSpecification"] == [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": [
                    f"https://schema.org/{day}" for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
                ],
                "opens": "09:00",
                "closes": "17:00",
            },
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": ["https://schema.org/Saturday"],
                "opens": "10:00",
                "closes": "14:00",
            },
        ]
        assert "Physician" in clinic["@type"]
        assert (
            clinic["hasMap"]
            == "https://www.openstreetmap.org/search?query=8500+Wilshire+Blvd%2C+Suite+100%2C+Los+Angeles%2C+CA+90211"
        )
        assert clinic["sameAs"] == ["https://www.instagram.com/limbicmedical"]


def test_home_page_head_and_graph(client, demo):
    response = client.get("/")
    head = head_of(response)
    assert "<title>" in head and "| Limbic Medical</title>" in head
    assert meta(head, "name", "description") == demo.hero_text
    assert '<link rel="canonical" href="http://localhost/">' in head
    assert meta(head, "property", "og:image").startswith("http://localhost/")
    assert meta(head, "name", "twitter:card") == "summary_large_image"
    graph = json_ld(response)
    check_clinic_and_website(graph)
    assert one(graph, "WebPage")["url"] == "http://localhost/"
    assert not nodes(graph, "BreadcrumbList")  # the home page is the root of every trail


def test_article_head(client, demo):
    response = client.get(ARTICLE_URL)
    head = head_of(response)
    article = BlogPostPage.objects.get(locale__language_code="en")
    assert f"<title>{ARTICLE_TITLE} | Limbic Medical</title>" in unescape(head)
    assert meta(head, "name", "description") == article.summary
    assert f'<link rel="canonical" href="http://localhost{ARTICLE_URL}">' in head
    assert meta(head, "property", "og:type") == "article"
    assert meta(head, "property", "og:url") == f"http://localhost{ARTICLE_URL}"
    assert meta(head, "property", "og:title") == ARTICLE_TITLE
    image = meta(head, "property", "og:image")
    assert image.startswith("http") and image.endswith(".jpg") and ".fill-1200x630" in image
    assert (meta(head, "property", "og:image:width"), meta(head, "property", "og:image:height")) == ("1200", "630")
    assert meta(head, "name", "twitter:image") == image
    # Feed autodiscovery.
    assert '<link rel="alternate" type="application/rss+xml"' in head and 'href="/feed/rss/"' in head
    assert '<link rel="alternate" type="application/atom+xml"' in head and 'href="/feed/atom/"' in head


def test_seo_title_and_search_description_win(client, demo):
    about = StandardPage.objects.get(slug="about")
    about.seo_title = "About our clinic in Los Angeles"
    about.search_description = "Who we are and how we work."
    about.save_revision().publish()
    head = head_of(client.get("/about/"))
    assert "<title>About our clinic in Los Angeles | Limbic Medical</title>" in head
    assert meta(head, "name", "description") == "Who we are and how we work."


def test_blog_post_graph(client, demo):
    article = BlogPostPage.objects.get(locale__language_code="en")
    reviewer = Person.objects.create(name="Dr. Rev Iewer", credentials="MD", is_practitioner=True)
    BlogPostPage.objects.filter(pk=article.pk).update(medical_reviewer=reviewer, last_reviewed="2025-03-01")
    graph = json_ld(client.get(ARTICLE_URL))
    posting = one(graph, "BlogPosting")
    assert posting["headline"] == ARTICLE_TITLE
    assert posting["datePublished"].startswith(article.date.isoformat())
    assert posting["dateModified"]
    assert posting["image"]["url"].startswith("http") and posting["image"]["width"] == 1200
    assert posting["publisher"]["@id"] == one(graph, "MedicalClinic")["@id"]
    assert posting["lastReviewed"] == "2025-03-01"
    people = {node["@id"]: node for node in nodes(graph, "Person")}
    assert people[posting["author"]["@id"]]["name"] == "Dr. Andre Atoian"
    assert people[posting["reviewedBy"]["@id"]]["name"] == "Dr. Rev Iewer"
    assert people[posting["reviewedBy"]["@id"]]["hasCredential"][0]["name"] == "MD"
    crumbs = one(graph, "BreadcrumbList")["itemListElement"]
    assert [c["position"] for c in crumbs] == [1, 2, 3]
    assert crumbs[-1]["name"] == ARTICLE_TITLE and crumbs[-1]["item"] == f"http://localhost{ARTICLE_URL}"
    assert crumbs[0]["item"] == "http://localhost/" and crumbs[1]["item"] == "http://localhost/blog/"


@pytest.mark.parametrize(
    "slug, about_type", [("depression", "MedicalCondition"), ("iv-ketamine-infusion", "MedicalTherapy")]
)
def test_service_pages_are_medical_web_pages(client, demo, slug, about_type):
    service = ServicePage.objects.get(slug=slug)
    reviewer = Person.objects.get(name="Dr. Andre Atoian")
    ServicePage.objects.filter(pk=service.pk).update(medical_reviewer=reviewer, last_reviewed="2025-02-01")
    graph = json_ld(client.get(f"/services/{slug}/"))
    webpage = one(graph, "MedicalWebPage")
    assert webpage["about"] == {"@type": about_type, "name": service.title, "description": service.summary}
    assert webpage["lastReviewed"] == "2025-02-01"
    assert one(graph, "Person")["@id"] == webpage["reviewedBy"]["@id"]
    assert webpage["breadcrumb"]["@id"] == one(graph, "BreadcrumbList")["@id"]
    assert len(one(graph, "BreadcrumbList")["itemListElement"]) == 3


def test_faq_page_from_the_faq_field_and_from_faq_blocks(client, demo):
    service = ServicePage.objects.get(slug="depression")
    service.faqs = [("faq", {"question": "Is it covered by insurance?", "answer": "<p>Sometimes, <b>partly</b>.</p>"})]
    service.body = [
        (
            "faq",
            {
                "title": "More questions",
                "items": [{"question": "How long is a session?", "answer": "<p>About an hour.</p>"}],
            },
        )
    ]
    service.save_revision().publish()
    graph = json_ld(client.get("/services/depression/"))
    faq = one(graph, "FAQPage")
    assert faq["mainEntity"] == [
        {
            "@type": "Question",
            "name": "Is it covered by insurance?",
            "acceptedAnswer": {"@type": "Answer", "text": "Sometimes, partly."},
        },
        {
            "@type": "Question",
            "name": "How long is a session?",
            "acceptedAnswer": {"@type": "Answer", "text": "About an hour."},
        },
    ]
    assert not nodes(json_ld(client.get("/privacy/")), "FAQPage")  # no FAQs, no FAQPage


def test_contact_page_graph(client, demo):
    graph = json_ld(client.get("/contact/"))
    check_clinic_and_website(graph)
    page = one(graph, "ContactPage")
    assert page["url"] == "http://localhost/contact/"
    assert one(graph, "BreadcrumbList")["itemListElement"][-1]["item"] == page["url"]


def test_about_page_names_the_practitioners(client, demo):
    graph = json_ld(client.get("/about/"))
    one(graph, "AboutPage")
    assert [p["name"] for p in nodes(graph, "Person")] == ["Dr. Andre Atoian"]


def test_the_about_page_is_the_page_that_says_so_not_a_slug(client, demo):
    about = StandardPage.objects.get(slug="about", locale__language_code="en")
    about.introduces_the_clinic = False
    about.save_revision().publish()
    graph = json_ld(client.get("/about/"))
    assert one(graph, "WebPage") and not nodes(graph, "AboutPage") and not nodes(graph, "Person")
    # Any plain page may be the one, whatever its address.
    story = StandardPage(title="Our story", slug="our-story", introduces_the_clinic=True)
    demo.add_child(instance=story)
    story.save_revision().publish()
    graph = json_ld(client.get("/our-story/"))
    one(graph, "AboutPage")
    assert [p["name"] for p in nodes(graph, "Person")] == ["Dr. Andre Atoian"]


def test_every_health_page_type_names_its_reviewer(client, demo):
    from selfcheck.models import SelfCheckPage

    reviewer = Person.objects.create(name="Dr. Rev Iewer", credentials="MD")
    page = SelfCheckPage.objects.get(locale__language_code="en")
    SelfCheckPage.objects.filter(pk=page.pk).update(medical_reviewer=reviewer, last_reviewed="2026-11-02")
    webpage = one(json_ld(client.get(page.url)), "WebPage")
    assert webpage["reviewedBy"] == {"@id": f"http://localhost/#person-{reviewer.pk}"}
    assert webpage["lastReviewed"] == "2026-11-02"


def test_a_title_cannot_close_the_script(client, demo):
    article = BlogPostPage.objects.get(locale__language_code="en")
    nasty = 'Evil </script><script>alert(1)</script> & <!-- "quoted"'
    article.title = nasty
    article.save_revision().publish()
    response = client.get(ARTICLE_URL)
    html = response.content.decode()
    script = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S).group(1)
    assert "<" not in script and ">" not in script and "&" not in script.replace("\\u0026", "")
    assert one(json.loads(script)["@graph"], "BlogPosting")["headline"] == nasty
    assert "<script>alert(1)" not in html
    assert dumps_for_script({"a": "</script>"}) == '{"a":"\\u003c/script\\u003e"}'


def test_json_ld_carries_the_csp_nonce(client, demo):
    response = client.get("/")
    nonce = re.search(r'<script type="application/ld\+json" nonce="([^"]+)">', response.content.decode()).group(1)
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]


def test_promote_tab_fields_have_help_text(demo):
    for model in (BlogPostPage, ServicePage, StandardPage):
        handler = model.get_edit_handler()
        promote = next(tab for tab in handler.children if str(tab.heading) == "Promote")
        texts = {}
        for panel in promote.children:
            for child in getattr(panel, "children", [panel]):
                if getattr(child, "field_name", None) in ("seo_title", "search_description"):
                    texts[child.field_name] = str(child.help_text)
        assert "title" in texts["seo_title"].lower() and "blank" in texts["seo_title"].lower()
        assert "summary" in texts["search_description"].lower() or "blank" in texts["search_description"].lower()


# --- sitemap and robots.txt ---


def sitemap_locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = parse_xml(response.content)
    entries = root.findall("sm:url", SITEMAP_NS)
    for entry in entries:
        assert entry.find("sm:lastmod", SITEMAP_NS) is not None
    return [entry.find("sm:loc", SITEMAP_NS).text for entry in entries]


def test_sitemap_lists_every_live_public_page_and_no_other(client, demo):
    blog = BlogIndexPage.objects.get(locale__language_code="en")
    draft = blog.add_child(instance=BlogPostPage(title="Draft", slug="draft-post", summary="s", body=[], live=False))
    secret = StandardPage.objects.get(slug="about").add_child(instance=StandardPage(title="Secret", slug="secret"))
    PageViewRestriction.objects.create(page=secret, restriction_type="password", password="x")
    locations = sitemap_locations(client)
    assert all(loc.startswith("http://localhost/") or loc.startswith("http://localhost/es/") for loc in locations)
    expected = {
        page.get_full_url()
        for page in Page.objects.live().public().filter(depth__gt=1, locale__language_code="en").specific()
    }
    assert expected <= set(locations)
    assert f"http://localhost{ARTICLE_URL}" in locations
    assert draft.get_full_url() not in locations
    assert secret.get_full_url() not in locations
    assert len(locations) == len(set(locations))


def test_robots_txt(client, demo):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "User-agent: *" in text and "Disallow: /admin/" in text
    assert "Sitemap: http://localhost/sitemap.xml" in text
    assert "Disallow: /\n" not in text


@override_settings(ROBOTS_DISALLOW_ALL=True)
def test_robots_txt_on_staging_disallows_everything(client, demo):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /\n" in text and "Disallow: /admin/" not in text


# --- feeds ---


@pytest.mark.parametrize("url", ["/feed/rss/", "/feed/news/rss/"])
def test_rss_feed_lists_the_article(client, demo, url):
    category = BlogPostPage.objects.get(locale__language_code="en").category
    response = client.get(url.replace("news", category.slug))
    assert response.status_code == 200 and "rss" in response["Content-Type"]
    channel = parse_xml(response.content).find("channel")
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [ARTICLE_TITLE]
    assert items[0].findtext("link") == f"http://localhost{ARTICLE_URL}"
    assert items[0].findtext("pubDate")


@pytest.mark.parametrize("url", ["/feed/atom/", "/feed/news/atom/"])
def test_atom_feed_lists_the_article(client, demo, url):
    category = BlogPostPage.objects.get(locale__language_code="en").category
    response = client.get(url.replace("news", category.slug))
    assert response.status_code == 200 and "atom" in response["Content-Type"]
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = parse_xml(response.content).findall("a:entry", ns)
    assert [entry.findtext("a:title", namespaces=ns) for entry in entries] == [ARTICLE_TITLE]
    assert entries[0].find("a:link", ns).get("href") == f"http://localhost{ARTICLE_URL}"


def test_unknown_category_feed_is_404(client, demo):
    assert client.get("/feed/no-such-category/rss/").status_code == 404


def test_category_list_links_its_own_feeds(client, demo):
    category = BlogPostPage.objects.get(locale__language_code="en").category
    head = head_of(client.get(f"/blog/?category={category.slug}"))
    assert f'href="/feed/{category.slug}/rss/"' in head and f'href="/feed/{category.slug}/atom/"' in head
    assert f'<link rel="canonical" href="http://localhost/blog/?category={category.slug}">' in head


# --- redirects ---


def test_old_article_address_redirects_permanently(client, demo):
    response = client.get("/ketamine-and-depression-an-integrative-approach/")
    assert response.status_code == 301
    assert response["Location"].endswith(ARTICLE_URL)


# --- editors' content checks ---


def test_content_checks_stay_on(rf, demo, django_user_model):
    """No userbar hook takes Wagtail's content checker (accessibility checks) away from editors."""
    from wagtail.admin.userbar import ContentCheckerItem, apply_userbar_hooks

    request = rf.get("/")
    request.user = django_user_model(username="editor", is_staff=True)
    items = [ContentCheckerItem()]
    apply_userbar_hooks(request, items, demo)
    assert any(isinstance(item, ContentCheckerItem) for item in items)
