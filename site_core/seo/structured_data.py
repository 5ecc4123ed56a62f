"""What a page tells search engines and social sites: title, description, canonical URL, Open Graph and
Twitter tags, and one JSON-LD @graph built from the page's own fields and the clinic settings.

Nothing here is typed per page. The builders read only what the page render has already loaded (the
page's select_related people and image, the cached clinic settings, raw StreamField data), so they add no
query per item: at most the page's ancestors (breadcrumbs) and, on the About page, the practitioners."""

import json
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone, translation
from django.utils.html import strip_tags

from site_core.pages.models import breadcrumb_ancestors
from site_core.pages.people import practitioners
from site_core.pages.team import profile_url
from site_core.seo.stream_data import citations
from site_core.seo.stream_data import list_items as _list_items

OG_IMAGE_FILTER = "fill-1200x630|format-jpeg"
OG_IMAGE_SIZE = (1200, 630)

_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026", 0x2028: "\\u2028", 0x2029: "\\u2029"}


def dumps_for_script(data):
    """JSON for a <script type="application/ld+json">: no text can close the script element or open a comment."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)


def _abs(request, url):
    if not url:
        return ""
    if url.startswith(("http://", "https://")):
        return url
    # On the site's real host (its Wagtail Site), like the canonical URL, whatever host the request used.
    return site_root(request).rstrip("/") + url if url.startswith("/") else request.build_absolute_uri(url)


def _iso(value):
    if value is None:
        return None
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).isoformat(timespec="seconds") if timezone.is_aware(value) else value.isoformat()
        )
    return value.isoformat()


def page_image(page):
    """The page's hero image, if it has one (already select_related by the page's own render)."""
    return getattr(page, "hero_image", None) if page is not None else None


def og_image(request, page):
    """{url, width, height, alt} of the page's 1200x630 JPEG share image, or None. Renditions are looked up in
    the cache first, so a warm page costs no query."""
    image = page_image(page)
    if image is None:
        return None
    rendition = image.get_rendition(OG_IMAGE_FILTER)
    return {
        "url": _abs(request, rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        # In the page's language where the page type has its own (site_core.pages.hero).
        "alt": getattr(page, "hero_alt", None) or image.default_alt_text or "",
    }


def site_root(request):
    """The site's absolute root URL (its real host, from the Wagtail Site), with a trailing slash."""
    from wagtail.models import Site

    site = Site.find_for_request(request)
    if site is None:
        return request.build_absolute_uri("/")
    return site.root_url.rstrip("/") + "/"


def canonical_url(request, page, extra_query=""):
    if page is None:
        return ""
    url = page.get_full_url(request) or ""
    return _abs(request, url) + extra_query


def _telephone(clinic):
    return clinic.phone_href.removeprefix("tel:")


def clinic_node(request, clinic, root):
    node = {
        # A physician's practice: schema.org's Physician is the organisation type for one (people are Person).
        "@type": ["MedicalClinic", "Physician"],
        "@id": root + "#clinic",
        "name": clinic.clinic_name,
        "url": root,
        "telephone": _telephone(clinic),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": clinic.street_address,
            "addressLocality": clinic.city,
            "addressRegion": clinic.region,
            "postalCode": clinic.postal_code,
            "addressCountry": "US",
        },
    }
    node["address"] = {k: v for k, v in node["address"].items() if v}
    if clinic.email:
        node["email"] = clinic.email
    hours = clinic.opening_hours_specification
    if hours:
        node["openingHoursSpecification"] = hours
    if clinic.directions_url:
        node["hasMap"] = clinic.directions_url
    if clinic.social_urls:
        node["sameAs"] = clinic.social_urls
    return node


def website_node(request, clinic, root, home_url, search_url):
    return {
        "@type": "WebSite",
        "@id": root + "#website",
        "url": _abs(request, home_url) or root,
        "name": clinic.clinic_name,
        "inLanguage": translation.get_language(),
        "publisher": {"@id": root + "#clinic"},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": _abs(request, search_url) + "?q={search_term_string}"},
            "query-input": "required name=search_term_string",
        },
    }


def person_node(request, person, root):
    """A schema.org Person: practitioners work for the clinic (a Physician organisation), with the credentials,
    licence and languages the clinic gave; a profile URL when the team page lists them."""
    node = {"@type": "Person", "@id": f"{root}#person-{person.pk}", "name": person.name}
    node["worksFor"] = {"@id": root + "#clinic"}
    words = person.words  # in the page's language
    if words.role:
        node["jobTitle"] = words.role
    if person.credentials:
        node["honorificSuffix"] = person.credentials
        node["hasCredential"] = [{"@type": "EducationalOccupationalCredential", "name": person.credentials}]
    if person.licence:
        node.setdefault("hasCredential", []).append(
            {"@type": "EducationalOccupationalCredential", "credentialCategory": "license", "name": person.licence}
        )
    if words.language_list:
        node["knowsLanguage"] = words.language_list
    if words.specialty_list:
        node["knowsAbout"] = words.specialty_list
    url = profile_url(request, person, translation.get_language())
    if url:
        node["url"] = _abs(request, url)
    if person.photo_id and person.photo is not None:
        node["image"] = _abs(request, person.photo.get_rendition("fill-480x600|format-jpeg").url)
    return node


def breadcrumb_node(request, page, page_url):
    """Home, then each ancestor, then the page; the ancestors cost one query, shared with the breadcrumbs."""
    items = []
    for position, crumb in enumerate([*breadcrumb_ancestors(page), page], start=1):
        items.append(
            {
                "@type": "ListItem",
                "position": position,
                "name": crumb.title,
                "item": page_url if crumb is page else _abs(request, crumb.get_url(request)),
            }
        )
    return {"@type": "BreadcrumbList", "@id": page_url + "#breadcrumb", "itemListElement": items}


def faqs(page):
    """(question, answer as plain text) pairs from the page's FAQ field and FAQ blocks, read from the raw
    StreamField data so that no block is rendered and no query is made."""
    pairs = []

    def add(value):
        if isinstance(value, dict) and value.get("question"):
            answer = " ".join(strip_tags(value.get("answer") or "").split())
            if answer:
                pairs.append((value["question"], answer))

    for field in ("faqs", "body", "approach"):
        stream = getattr(page, field, None)
        raw = getattr(stream, "raw_data", None)
        if raw is None:
            continue
        for block in raw:
            if block.get("type") != "faq":
                continue
            value = block.get("value") or {}
            if "items" in value:
                for item in _list_items(value["items"]):
                    add(item)
            else:
                add(value)
    return pairs


@dataclass
class PageGraph:
    """What a page type needs to add its own nodes to the graph (`add_structured_data` on the page type)."""

    request: object
    page: object
    root: str
    page_url: str
    language: str
    description: str
    image: dict | None
    sources: list
    webpage: dict
    nodes: list
    people: dict

    iso = staticmethod(_iso)

    def person_id(self, person):
        """The @id of a person's node, which the graph then includes once."""
        self.people[person.pk] = person
        return {"@id": f"{self.root}#person-{person.pk}"}

    def reviewed(self, node):
        """The page's medical review (reviewer and date) on `node`."""
        reviewer = getattr(self.page, "medical_reviewer", None)
        if reviewer is not None:
            node["reviewedBy"] = self.person_id(reviewer)
        if getattr(self.page, "last_reviewed", None):
            node["lastReviewed"] = _iso(self.page.last_reviewed)


def build_graph(request, page, clinic, home_url="/", search_url="/search/", image=None):
    """The JSON-LD @graph for this page (or for a view that is not a page, when `page` is None)."""
    root = site_root(request)
    language = translation.get_language()
    graph = [clinic_node(request, clinic, root), website_node(request, clinic, root, home_url, search_url)]
    if page is None:
        return {"@context": "https://schema.org", "@graph": graph}

    page_url = canonical_url(request, page)
    description = page.get_meta_description() if hasattr(page, "get_meta_description") else page.search_description
    image = image or og_image(request, page)
    people = {}

    webpage = {
        "@type": getattr(page, "schema_page_type", "WebPage"),
        "@id": page_url + "#webpage",
        "url": page_url,
        "name": page.seo_title or page.title,
        "inLanguage": language,
        "isPartOf": {"@id": root + "#website"},
        "publisher": {"@id": root + "#clinic"},
    }
    if description:
        webpage["description"] = description
    if image:
        webpage["primaryImageOfPage"] = {"@type": "ImageObject", "url": image["url"]}
    if page.last_published_at:
        webpage["dateModified"] = _iso(page.last_published_at)
    if page.depth > 2:
        webpage["breadcrumb"] = {"@id": page_url + "#breadcrumb"}
    sources = citations(page)
    if sources:
        webpage["citation"] = sources
    graph.append(webpage)

    # What only some page types say (a condition, a blog post, a medical review) is said by the type itself.
    if hasattr(page, "add_structured_data"):
        page.add_structured_data(
            PageGraph(request, page, root, page_url, language, description, image, sources, webpage, graph, people)
        )

    if getattr(page, "lists_practitioners", False):
        for person in practitioners(request):
            people.setdefault(person.pk, person)

    graph.extend(person_node(request, person, root) for person in people.values())

    questions = faqs(page)
    if questions:
        graph.append(
            {
                "@type": "FAQPage",
                "@id": page_url + "#faq",
                "url": page_url,
                "isPartOf": {"@id": page_url + "#webpage"},
                "mainEntity": [
                    {"@type": "Question", "name": q, "acceptedAnswer": {"@type": "Answer", "text": a}}
                    for q, a in questions
                ],
            }
        )

    if page.depth > 2:
        graph.append(breadcrumb_node(request, page, page_url))
    return {"@context": "https://schema.org", "@graph": graph}
