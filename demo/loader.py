"""Builds the demo site that the design card (shared/DESIGN.md, beside this repository) describes. Safe to run
again: it creates what is missing and leaves what exists alone, so editors' changes survive and nothing is duplicated."""

from pathlib import Path

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from blog.models import BlogCategory, BlogIndexPage, BlogPostPage
from contact.models import ContactPage
from services.models import ServiceIndexPage, ServicePage
from site_core.models import ClinicSettings, HomePage, Menu, MenuItem, PolicyPage, StandardPage
from site_core.operations.site_address import default_site_address

from . import art, patient_pages, sources, spanish, spanish_pages, spanish_patient_pages
from . import services as copy
from .selfcheck import load_selfcheck

ARTICLE_FILE = Path(__file__).with_name("ketamine-and-depression-an-integrative-approach.txt")
ARTICLE_SLUG = "ketamine-and-depression-an-integrative-approach"
# Lines of the old site's page chrome, not part of the article.
ARTICLE_CHROME = {"Limbic Medical", "Post category", "Publish date"}


def parse_article(text):
    """Split the article into (kind, text) blocks: its section titles as headings, the rest as paragraphs."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = next(line for line in lines if line not in ARTICLE_CHROME)
    blocks = []
    for line in lines:
        if line in ARTICLE_CHROME or line == title:
            continue
        is_heading = len(line) < 80 and not line.endswith((".", "!", ":", '"', "”"))
        blocks.append(("heading" if is_heading else "paragraph", line))
    return title, blocks


def get_image(key):
    title, alt = art.ART[key]
    image_model = get_image_model()
    image = image_model.objects.filter(title=title).first()
    if image is None:
        image = image_model(title=title, description=alt)
        image.file = ImageFile(art.draw(key), name=f"demo-{key}.jpg")
        image.save()
    return image


def child(parent, model, slug, **fields):
    """The child of parent with this slug, created (and published) if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def rich(paragraphs):
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def paragraphs_stream(paragraphs):
    return [("paragraph", rich([p])) for p in paragraphs]


@transaction.atomic
def load(stdout=None):
    say = stdout.write if stdout else (lambda _msg: None)
    english = Locale.objects.get_or_create(language_code="en")[0]
    Locale.objects.get_or_create(language_code="es")
    root = Page.get_first_root_node()

    home = HomePage.objects.filter(locale=english).first()
    if home is None:
        # Wagtail's placeholder "Welcome" page holds the slug the home page needs.
        Page.objects.filter(depth=2, content_type__model="page").delete()
        home = HomePage(
            title="Home",
            slug="home",
            hero_title="Compassionate care for depression, anxiety and pain",
            hero_text=(
                "Limbic Medical in Los Angeles combines ketamine treatment with functional medicine, "
                "with a physician's evaluation first and honest advice about what to expect."
            ),
            hero_image=get_image("hero"),
            intro=rich(
                [
                    "We care for adults living with depression, anxiety, PTSD, OCD and chronic pain, especially when "
                    "other treatments have not helped enough. Every plan starts with a medical evaluation, and ketamine "
                    "is only one of the options we discuss."
                ]
            ),
            services_heading="How we can help",
            posts_heading="From our blog",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        say("Created the home page.")
    # The default site serves the English home page, at SITE_URL's address when it is set.
    hostname, port = default_site_address()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": hostname, "port": port, "root_page": home, "site_name": "Limbic Medical"},
    )

    doctor = patient_pages.doctor()

    services = child(
        home,
        ServiceIndexPage,
        "services",
        title="Services",
        intro="The conditions we treat and the treatments we offer. Every plan begins with a medical evaluation.",
    )
    treatment_images = {
        "iv-ketamine-infusion": "infusion",
        "at-home-ketamine-program": "home-program",
        "functional-medicine": "functional",
    }
    service_pages = {}
    for kind, entries in ((ServicePage.CONDITION, copy.CONDITIONS), (ServicePage.TREATMENT, copy.TREATMENTS)):
        for entry in entries:
            image_key = treatment_images.get(entry["slug"])
            service_pages[entry["slug"]] = child(
                services,
                ServicePage,
                entry["slug"],
                title=entry["title"],
                kind=kind,
                summary=entry["summary"],
                hero_image=get_image(image_key) if image_key else None,
                body=paragraphs_stream(entry["body"]) + sources.extra_body(entry["slug"]),
                approach=paragraphs_stream(entry["approach"]) + sources.extra_approach(entry["slug"]),
                risks=rich([copy.FUNCTIONAL_RISKS if entry["use"] is None else copy.KETAMINE_RISKS]),
                off_label_note=rich([copy.OFF_LABEL.format(use=entry["use"])]) if entry["use"] else "",
                faqs=[("faq", {"question": q, "answer": rich([a])}) for q, a in entry["faqs"]],
            )

    blog = child(
        home,
        BlogIndexPage,
        "blog",
        title="Blog",
        intro="Articles from our clinicians about mental health, ketamine treatment and functional medicine.",
    )
    category, _ = BlogCategory.objects.get_or_create(
        slug="mental-health", locale=english, defaults={"name": "Mental health"}
    )
    title, article_blocks = parse_article(ARTICLE_FILE.read_text(encoding="utf-8"))
    article = child(
        blog,
        BlogPostPage,
        ARTICLE_SLUG,
        title=title,
        summary=(
            "How ketamine treatment and functional medicine can work together for depression, "
            "and what each contributes."
        ),
        # The source gives no date: the post carries the day it was loaded until the clinic sets the true one.
        date=timezone.localdate(),
        hero_image=get_image("article"),
        category=category,
        author=doctor,
        reader_note=rich(
            [
                "This article reflects Limbic Medical's view of an integrative approach. It is general "
                "information, not medical advice: talk with a clinician about what is right for you."
            ]
        ),
        off_label_note=rich([copy.OFF_LABEL.format(use="depression")]),
        body=[
            (kind, {"text": text, "level": "h2"} if kind == "heading" else f"<p>{text}</p>")
            for kind, text in article_blocks
        ],
    )

    privacy = child(
        home,
        PolicyPage,
        "privacy",
        title="Privacy policy",
        intro="How Limbic Medical handles the information you give us through this website.",
        states_retention=True,
        body=patient_pages.privacy_body(),
    )
    contact = child(
        home,
        ContactPage,
        "contact",
        title="Request an appointment",
        intro=rich(
            [
                "Tell us how to reach you and what you would like help with. A member of our team will contact you, usually within one business day."
            ]
        ),
        what_happens_next=rich(
            [
                "We call, email or text you, as you prefer, to arrange a first consultation.",
                "At that consultation a clinician reviews your history and explains the options, risks and costs before any treatment.",
            ]
        ),
        thank_you_text=rich(
            ["Thank you. We have received your request and will contact you soon, usually within one business day."]
        ),
        privacy_note=rich(["We use these details only to contact you about your request."]),
        privacy_page=privacy,
    )
    about = child(
        home,
        StandardPage,
        "about",
        title="About",
        introduces_the_clinic=True,
        intro="Limbic Medical is a ketamine and functional medicine clinic in Los Angeles led by Dr. Andre Atoian.",
        body=paragraphs_stream(
            [
                "We treat adults living with depression, anxiety, PTSD, OCD and chronic pain. We combine ketamine treatment, where it is appropriate, with functional medicine, which looks at the physical factors that affect mood and pain.",
                "Every plan starts with a medical evaluation. We explain the evidence, the risks and the costs plainly, including that ketamine is used off-label for these conditions, and we never promise results.",
            ]
        ),
    )

    if not home.featured_services.exists():
        for order, slug in enumerate(
            (
                "depression",
                "anxiety",
                "ptsd",
                "ocd",
                "chronic-pain",
                "iv-ketamine-infusion",
                "at-home-ketamine-program",
                "functional-medicine",
            )
        ):
            home.featured_services.create(page=service_pages[slug], sort_order=order)
        home.call_to_action = [
            (
                "call_to_action",
                {
                    "text": "Ready to talk about your options?",
                    "page": contact,
                    "button_label": "Request an appointment",
                },
            )
        ]
        home.save_revision().publish()
    depression = service_pages["depression"]
    if not depression.related_posts.exists():
        depression.related_posts.create(post=article)
        for slug in ("iv-ketamine-infusion", "functional-medicine"):
            depression.related_services.create(service=service_pages[slug])
        depression.save_revision().publish()

    site = Site.objects.get(is_default_site=True)
    clinic = ClinicSettings.for_site(site)
    if not clinic.appointment_page_id:
        clinic.clinic_name = "Limbic Medical"
        clinic.phone = "323.886.2273"
        clinic.city, clinic.region = "Los Angeles", "CA"
        clinic.appointment_recipients = "appointments@example.com"
        clinic.appointment_page = contact
        clinic.save()

    extra = patient_pages.load(home, clinic)
    menus = {
        "main": [services, blog, about, contact],
        "footer": [about, extra["team"], extra["visit"], extra["costs"], privacy, extra["accessibility"], contact],
    }
    for location, pages in menus.items():
        menu, created = Menu.objects.get_or_create(location=location, locale=english)
        if created:
            for order, page in enumerate(pages):
                MenuItem.objects.create(menu=menu, link_page=page, sort_order=order)

    Redirect.objects.get_or_create(
        old_path=f"/{ARTICLE_SLUG}", site=None, defaults={"redirect_page": article, "is_permanent": True}
    )
    spanish.load(home, say)
    load_selfcheck(home, say)
    spanish_pages.load(home, say)
    patient_pages.home_sections(HomePage.objects.get(pk=home.pk), extra)
    spanish_patient_pages.load(home, say)
    say(f"Demo content ready: {Page.objects.filter(depth__gte=2).count()} pages.")
    return home
