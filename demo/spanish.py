"""The Spanish half of the demo site: home, services, the five conditions, contact, privacy and the blog
index, made with Wagtail's translation API so each Spanish page shares its English page's translation key.

The copy is ours, written in plain Spanish (usted), and says no more than the English pages: ketamine is
off-label for these conditions, it has risks, results are not promised. Every page this module creates is
submitted to its section's workflow (site_core.editorial.governance: "Medical review" for the services and blog
sections, "Publisher approval" elsewhere), so the admin shows it "in moderation" (page header, explorer
status, the reviewers' dashboard) until someone qualified approves the Spanish text. The five condition pages
are health pages: they stay drafts, unseen by readers (the Spanish home, services list, contact form, language
switcher and sitemap show only live pages), until a medical reviewer approves them, which publishes them with
that reviewer's name and date. The other Spanish pages (home, the two section pages, contact, privacy) carry no
health claims and are published, their Publisher approval pending.

The article is not translated: the Spanish blog index lists it with a notice that it is in English.
Safe to run again: a page that already has its Spanish translation is left as the editors made it."""

from wagtail.models import Locale

from blog.models import BlogCategory
from site_core.editorial.review import is_health_page_class
from site_core.models import HomePageFeaturedService, Menu, MenuItem

from . import art, sources
from .spanish_conditions import CONDITIONS, KETAMINE_RISKS, OFF_LABEL

HOME = {
    "title": "Inicio",
    "hero_title": "Atención compasiva para la depresión, la ansiedad y el dolor",
    "hero_text": (
        "Limbic Medical, en Los Ángeles, combina el tratamiento con ketamina y la medicina funcional, siempre "
        "con una evaluación médica primero y consejos honestos sobre lo que puede esperar."
    ),
    "intro": [
        "Atendemos a adultos que viven con depresión, ansiedad, TEPT, TOC o dolor crónico, sobre todo cuando "
        "otros tratamientos no han ayudado lo suficiente. Todo plan empieza con una evaluación médica, y la "
        "ketamina es solo una de las opciones que le explicamos."
    ],
    "services_heading": "Cómo podemos ayudarle",
    "posts_heading": "De nuestro blog",
    "cta_text": "¿Quiere hablar de sus opciones?",
    "cta_button": "Solicitar una cita",
}

SERVICES = {
    "slug": "servicios",
    "title": "Servicios",
    "intro": "Los trastornos que tratamos y los tratamientos que ofrecemos. Todo plan empieza con una evaluación médica.",
}

BLOG = {
    "slug": "blog",
    "title": "Blog",
    "intro": (
        "Artículos de nuestros médicos sobre salud mental, tratamiento con ketamina y medicina funcional. "
        "Algunos artículos todavía están solo en inglés."
    ),
}

PRIVACY = {
    "slug": "privacidad",
    "title": "Aviso de privacidad",
    "intro": "Cómo trata Limbic Medical la información que usted nos da a través de este sitio web.",
    "body": [
        "Cuando envía una solicitud de cita, guardamos su nombre, sus datos de contacto, cómo prefiere que nos comuniquemos, el servicio por el que pregunta y el mensaje que escriba, para que nuestro personal pueda comunicarse con usted. No vendemos ni compartimos esta información, ni la usamos para publicidad.",
        "Por favor, no incluya detalles médicos en el formulario del sitio web. Hablaremos de su salud en privado cuando nos comuniquemos con usted.",
        "Cada solicitud se envía por correo electrónico al personal de la clínica que organiza las citas, y usted recibe un correo que confirma que la tenemos. Solo ese personal, y las personas que mantienen el sitio web para la clínica, pueden ver las solicitudes en las páginas de administración del sitio.",
        "Este sitio no usa cookies de publicidad ni de analítica, ni rastreadores de terceros. El formulario de citas guarda una cookie de seguridad que impide que otros sitios envíen formularios en su nombre. El personal que inicia sesión para editar el sitio recibe además una cookie de sesión.",
        "Si vive en California, puede tener derecho a saber qué información personal tenemos sobre usted, a pedirnos que la corrijamos o la borremos, y a no recibir un trato distinto por pedirlo.",
        "La información que pasa a formar parte de su expediente médico está protegida por la ley federal (HIPAA) y por la Ley de Confidencialidad de la Información Médica de California, y se conserva como exigen esas leyes. Pídanos el Aviso de Prácticas de Privacidad de la clínica, que explica cómo se usa y se comparte la información médica.",
        "Para preguntar por la información que nos envió, corregirla o pedir que la borremos, llame a la clínica.",
    ],
}

CONTACT = {
    "slug": "contacto",
    "title": "Solicitar una cita",
    "intro": [
        "Díganos cómo comunicarnos con usted y en qué le gustaría recibir ayuda. Una persona de nuestro equipo se pondrá en contacto con usted, normalmente en un día hábil."
    ],
    "what_happens_next": [
        "Le llamamos, le escribimos por correo electrónico o le enviamos un mensaje de texto, como usted prefiera, para acordar una primera consulta.",
        "En esa consulta, un profesional clínico revisa su historia clínica y le explica las opciones, los riesgos y los costos antes de cualquier tratamiento.",
    ],
    "thank_you_text": [
        "Gracias. Hemos recibido su solicitud y nos comunicaremos con usted pronto, normalmente en un día hábil."
    ],
    "privacy_note": ["Usamos estos datos solo para comunicarnos con usted sobre su solicitud."],
}

CATEGORY = {"english_slug": "mental-health", "slug": "salud-mental", "name": "Salud mental"}


def rich(paragraphs):
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def paragraphs_stream(paragraphs):
    return [("paragraph", rich([p])) for p in paragraphs]


def send_for_review(pages):
    """Put each page into its section's workflow (unless already there), so it shows as awaiting review until a
    reviewer approves it. Called last, once nothing more will be published: a publish ends a page's review."""
    for page in pages:
        workflow = page.get_workflow()
        if workflow is not None and not page.workflow_in_progress:
            workflow.start(page, user=None)


def translate(english_page, locale, fields, created, child_relations=None):
    """The Spanish translation of english_page, created from it with Wagtail's translation API, filled with
    the Spanish fields and published unless it is a health page, which stays a draft until a medical reviewer
    approves it (new pages are added to `created`). An existing translation is returned untouched."""
    existing = english_page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    page = english_page.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(page, name, value)
    for name, value in (child_relations or {}).items():
        setattr(page, name, value)
    if getattr(page, "hero_image", None) is not None and "hero_image_alt" not in fields:
        page.hero_image_alt = art.spanish_alt(page.hero_image)  # its picture described in Spanish
    page.save()  # the draft's own row holds the Spanish title and slug too, not the English copy's
    revision = page.save_revision()
    # A health page goes live only once a medical reviewer approves the Spanish text (README, Languages).
    if not is_health_page_class(page.specific_class):
        revision.publish()
    created.append(page)
    return page


def load(english_home, say=lambda _msg: None):
    """Build the Spanish pages, menus and category beside the English demo site."""
    spanish = Locale.objects.get_or_create(language_code="es")[0]
    english_pages = {page.slug: page.specific for page in english_home.get_descendants()}
    english_services = english_pages["services"]
    english_service_pages = {p.slug: p.specific for p in english_services.get_children()}
    created = []

    home = translate(
        english_home,
        spanish,
        {
            "title": HOME["title"],
            "hero_title": HOME["hero_title"],
            "hero_text": HOME["hero_text"],
            "intro": rich(HOME["intro"]),
            "services_heading": HOME["services_heading"],
            "posts_heading": HOME["posts_heading"],
            "call_to_action": [],
        },
        created,
        child_relations={"featured_services": []},
    )

    services = translate(english_services, spanish, SERVICES, created)
    conditions = []
    for entry in CONDITIONS:
        conditions.append(
            translate(
                english_service_pages[entry["english_slug"]],
                spanish,
                {
                    "slug": entry["slug"],
                    "title": entry["title"],
                    "summary": entry["summary"],
                    # The esketamine note where the English page has it, then the same sources (titles as published).
                    "body": paragraphs_stream(entry["body"]) + sources.extra_body(entry["english_slug"], "Referencias"),
                    "approach": paragraphs_stream(entry["approach"]),
                    "risks": rich([KETAMINE_RISKS]),
                    "off_label_note": rich([OFF_LABEL.format(use=entry["use"])]),
                    "faqs": [("faq", {"question": q, "answer": rich([a])}) for q, a in entry["faqs"]],
                    # The English page's medical review does not vouch for the Spanish text.
                    "medical_reviewer": None,
                    "last_reviewed": None,
                },
                created,
                # The English related pages are not translated; the Spanish page links to none of them.
                child_relations={"related_services": [], "related_posts": []},
            )
        )
    blog = translate(english_pages["blog"], spanish, BLOG, created)
    privacy = translate(
        english_pages["privacy"],
        spanish,
        {**{k: v for k, v in PRIVACY.items() if k != "body"}, "body": paragraphs_stream(PRIVACY["body"])},
        created,
    )
    contact = translate(
        english_pages["contact"],
        spanish,
        {
            "slug": CONTACT["slug"],
            "title": CONTACT["title"],
            "intro": rich(CONTACT["intro"]),
            "what_happens_next": rich(CONTACT["what_happens_next"]),
            "thank_you_text": rich(CONTACT["thank_you_text"]),
            "privacy_note": rich(CONTACT["privacy_note"]),
            "privacy_page": privacy,
        },
        created,
    )

    if not home.featured_services.exists():
        home.featured_services = [
            HomePageFeaturedService(page=page, sort_order=order) for order, page in enumerate(conditions)
        ]
        home.call_to_action = [
            (
                "call_to_action",
                {"text": HOME["cta_text"], "page": contact, "button_label": HOME["cta_button"]},
            )
        ]
        # Publishing writes this object's tree fields back: its child count must include the pages added since.
        home.refresh_from_db(fields=["numchild"])
        home.save_revision().publish()

    english_category = BlogCategory.objects.filter(slug=CATEGORY["english_slug"], locale__language_code="en").first()
    if english_category is not None:
        BlogCategory.objects.get_or_create(
            translation_key=english_category.translation_key,
            locale=spanish,
            defaults={"slug": CATEGORY["slug"], "name": CATEGORY["name"]},
        )

    # Last, once nothing more will be published (a publish would end a page's review).
    send_for_review(created)
    if created:
        say(
            f"Created {len(created)} Spanish pages, awaiting review in the admin; "
            "the health pages among them go live once a medical reviewer approves them."
        )

    menus = {"main": [services, blog, contact], "footer": [privacy, contact]}
    for location, pages in menus.items():
        english_menu = Menu.objects.filter(location=location, locale__language_code="en").first()
        key = {"translation_key": english_menu.translation_key} if english_menu else {}
        menu, new = Menu.objects.get_or_create(location=location, locale=spanish, defaults=key)
        if new:
            for order, page in enumerate(pages):
                MenuItem.objects.create(menu=menu, link_page=page, sort_order=order)
    return home
