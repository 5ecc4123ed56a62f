"""The Spanish team, "Visit us", costs and accessibility pages, and the Spanish home's "How it works", trust
strip, clinicians and treatments group: the same structure as the English ones (demo.patient_pages), written
in plain Spanish (usted), with the same blanks left for the clinic (no address, no prices, no credentials).

Made with demo.spanish's translation helper, so each page shares its English page's translation key and goes
to its workflow like the other Spanish pages. None of these is a health page type, so they are published with
a Publisher's approval pending. Safe to run again: existing translations and a home that already has these
sections are left as the editors made them."""

from wagtail.models import Locale, Page

from demo.patient_pages import doctor
from demo.sources import steps_block
from demo.spanish import paragraphs_stream, send_for_review, translate
from demo.spanish_pages import STEPS
from services.models import ServicePage
from site_core.models import HomePage, HomePageFeaturedService, Menu, MenuItem, PersonTranslation

TEAM = {
    "slug": "equipo",
    "title": "Nuestro equipo clínico",
    "intro": (
        "Los profesionales clínicos que evalúan y tratan a los pacientes de Limbic Medical. Pregúntenos por la "
        "formación y la licencia de cualquiera de ellos; con gusto se lo diremos."
    ),
}

VISIT = {
    "slug": "visitenos",
    "title": "Visítenos",
    "intro": (
        "Limbic Medical está en Los Ángeles, California. Llámenos antes de su primera visita y le diremos cómo "
        "encontrarnos y dónde estacionar."
    ),
    "body": [
        "Después de un tratamiento con ketamina no debe manejar hasta el día siguiente, así que, por favor, "
        "organice que alguien le lleve a casa."
    ],
}

# The fee structure, every price left blank for the clinic (a blank price reads "Pregunte a la clínica").
PRICE_TABLES = [
    (
        "Consultas",
        [
            ("Primera consulta y evaluación médica", "Incluye una revisión de sus antecedentes y sus medicamentos."),
            ("Consulta de seguimiento", "Revisión de su progreso, de los efectos secundarios y de los próximos pasos."),
        ],
    ),
    (
        "Tratamiento con ketamina",
        [
            ("Infusión intravenosa de ketamina, por sesión", "Incluye la vigilancia durante la infusión y después."),
            ("Programa de ketamina en casa", "Receta, citas de control y seguimiento; la farmacia cobra aparte."),
        ],
    ),
    (
        "Medicina funcional",
        [
            (
                "Consulta de medicina funcional",
                "Los análisis de laboratorio se cobran aparte, a menudo los cobra el propio laboratorio.",
            ),
        ],
    ),
]

COSTS_SECTIONS = [
    (
        "Tarifas",
        [
            "Limbic Medical fija sus propias tarifas. Las tablas muestran qué se cobra; pregúntenos las cifras "
            "actuales, y le daremos por escrito el costo de su plan antes de empezar cualquier tratamiento."
        ],
    ),
    (
        "Seguro médico",
        [
            "Como la ketamina se usa fuera de indicación (off-label) para la depresión, la ansiedad, el TEPT, el "
            "TOC y el dolor crónico, los seguros médicos normalmente no pagan el tratamiento con ketamina. Algunos "
            "planes cubren parte de una consulta o evaluación, y algunos cubren los análisis de laboratorio; muchos "
            "no cubren las consultas de medicina funcional ni las pruebas especializadas. La esketamina (Spravato), "
            "que sí está aprobada por la FDA, la cubren algunos planes, a menudo con una autorización previa.",
            "Consulte con su aseguradora antes de empezar. Con gusto le decimos qué preguntar.",
        ],
    ),
    (
        "Recibos detallados para el seguro (superbills)",
        [
            "Si su plan reembolsa la atención fuera de la red, podemos darle un superbill: un recibo detallado con "
            "los códigos que su aseguradora necesita para estudiar una solicitud de reembolso. Si paga, y cuánto, "
            "lo decide su aseguradora."
        ],
    ),
    (
        "Cuentas HSA y FSA",
        [
            "Las cuentas de ahorro para la salud (HSA) y las cuentas de gastos flexibles (FSA) a menudo se pueden "
            "usar para atención médica que el seguro no cubre. El administrador de su plan decide qué se acepta; "
            "pregúntele antes de pagar."
        ],
    ),
]

COSTS = {
    "slug": "costos-y-seguro",
    "title": "Costos y seguro médico",
    "intro": "Qué se cobra, qué suele cubrir el seguro médico y qué no, y cómo pagar.",
}

ACCESSIBILITY_SECTIONS = [
    (
        "Nuestro objetivo",
        [
            "Queremos que todas las personas puedan usar este sitio web, también quienes usan un lector de "
            "pantalla, el teclado en lugar del mouse, la ampliación de pantalla o el control por voz. Nuestro "
            "objetivo es cumplir las Pautas de Accesibilidad para el Contenido Web (WCAG) 2.2, nivel AA.",
        ],
    ),
    (
        "Cómo lo comprobamos",
        [
            "Cada cambio del sitio web se prueba en un navegador real con comprobaciones automáticas de "
            "accesibilidad, con el teclado y en pantallas estrechas de teléfono. Las comprobaciones automáticas no "
            "encuentran todos los problemas, así que también le agradecemos que nos avise.",
        ],
    ),
    (
        "Avísenos de un problema",
        [
            "Si algo de este sitio web le resulta difícil de usar, o necesita la información en otro formato, "
            "llame a la clínica y díganos en qué página y qué pasó. Le ayudaremos a obtener la información que "
            "necesita y trabajaremos para corregir el problema.",
        ],
    ),
]

ACCESSIBILITY = {
    "slug": "accesibilidad",
    "title": "Declaración de accesibilidad",
    "intro": "Cómo procuramos que todas las personas puedan usar este sitio web, y cómo avisarnos cuando no es así.",
}

HOME_STEPS_TITLE = "Cómo funciona"
TRUST_POINTS = [
    ("Dirigida por un médico", "Todo plan empieza con una evaluación médica hecha por un médico."),
    ("Revisión médica", "Un profesional clínico revisa nuestras páginas de salud antes de publicarlas."),
    ("Fuentes citadas", "Las páginas de salud indican los estudios y los avisos de la FDA en los que se basan."),
    ("Costos claros desde el principio", "Le damos por escrito el costo de su plan antes de cualquier tratamiento."),
]

# The Spanish footer, in the English footer's order (by English slug).
FOOTER_ORDER = ["about", "team", "visit-us", "costs-and-insurance", "privacy", "accessibility", "contact"]


def section(heading, paragraphs):
    return [("heading", {"text": heading, "level": "h2"}), *paragraphs_stream(paragraphs)]


def costs_body():
    fees_heading, fees = COSTS_SECTIONS[0]
    tables = [
        ("price_table", {"caption": caption, "rows": [{"item": i, "price": "", "note": n} for i, n in rows]})
        for caption, rows in PRICE_TABLES
    ]
    rest = [block for heading, paragraphs in COSTS_SECTIONS[1:] for block in section(heading, paragraphs)]
    return [*section(fees_heading, fees), *tables, *rest]


def load(english_home, say=lambda _msg: None):
    """Translate the team, visit, costs and accessibility pages (once), then give the Spanish home its sections."""
    spanish = Locale.objects.get(language_code="es")
    # The doctor's role as Spanish readers see it (the team page, the home page's clinician).
    PersonTranslation.objects.get_or_create(person=doctor(), language="es", defaults={"role": "Médico, Limbic Medical"})
    english = {page.slug: page.specific for page in english_home.get_children()}
    created = []
    pages = {
        "team": translate(english["team"], spanish, TEAM, created),
        "visit-us": translate(
            english["visit-us"],
            spanish,
            {**{k: v for k, v in VISIT.items() if k != "body"}, "body": paragraphs_stream(VISIT["body"])},
            created,
        ),
        "costs-and-insurance": translate(
            english["costs-and-insurance"], spanish, {**COSTS, "body": costs_body()}, created
        ),
        "accessibility": translate(
            english["accessibility"],
            spanish,
            {
                **ACCESSIBILITY,
                "body": [block for heading, text in ACCESSIBILITY_SECTIONS for block in section(heading, text)],
            },
            created,
        ),
    }
    send_for_review(created)
    if created:
        say(f"Created {len(created)} Spanish patient pages, awaiting a Publisher's approval in the admin.")
    home_sections(english_home.get_translation(spanish), pages["team"])
    if created:
        footer(spanish, english)


def home_sections(spanish_home, team):
    """ "Cómo funciona", the trust strip, the clinicians' team page and the treatments group (once)."""
    # A fresh object: the one demo.spanish published holds a stale child count (see demo.spanish_pages).
    home = HomePage.objects.get(pk=spanish_home.pk)
    if home.how_it_works or home.trust_points:
        return
    home.how_it_works = [steps_block(STEPS, title=HOME_STEPS_TITLE)]
    home.trust_points = [("point", {"title": title, "text": text}) for title, text in TRUST_POINTS]
    home.team_page = team
    featured = list(home.featured_services.all())
    listed = {item.page_id for item in featured}
    # The treatments in the English home's order; a draft is left off the page until it is approved.
    order = _english_treatment_keys(home)
    treatments = ServicePage.objects.filter(locale=home.locale, translation_key__in=order)
    for page in sorted(treatments, key=lambda p: order.index(p.translation_key)):
        if page.pk not in listed:
            featured.append(HomePageFeaturedService(page=page, sort_order=len(featured)))
    home.featured_services = featured
    home.save_revision().publish()
    # Publishing ends the page's review; the new Spanish text needs a Publisher's approval like the rest.
    send_for_review([home])


def _english_treatment_keys(spanish_home):
    english_home = spanish_home.get_translation(Locale.objects.get(language_code="en")).specific
    return [
        item.page.translation_key
        for item in english_home.featured_services.select_related("page").order_by("sort_order")
        if item.page.specific_class is ServicePage and item.page.specific.kind == ServicePage.TREATMENT
    ]


def footer(spanish, english_pages):
    """Add the new pages to the Spanish footer and put its links in the English footer's order."""
    menu = Menu.objects.filter(location="footer", locale=spanish).first()
    if menu is None:
        return
    keys = [english_pages[slug].translation_key for slug in FOOTER_ORDER if slug in english_pages]
    spanish_pages = {p.translation_key: p for p in Page.objects.filter(locale=spanish, translation_key__in=keys)}
    items = {item.link_page.translation_key: item for item in menu.items.select_related("link_page") if item.link_page}
    for order, key in enumerate(keys):
        item = items.get(key)
        if item is None and key in spanish_pages:
            MenuItem.objects.create(menu=menu, link_page=spanish_pages[key], sort_order=order)
        elif item is not None and item.sort_order != order:
            MenuItem.objects.filter(pk=item.pk).update(sort_order=order)
