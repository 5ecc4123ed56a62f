"""More of the Spanish demo: the three treatment pages and About, written in plain Spanish (usted) and saying
no more than the English pages. Made with the same translation helper as demo/spanish.py, so each page shares
its English page's translation key and goes to its section's workflow for review like the others."""

from demo import sources
from demo.spanish import KETAMINE_RISKS, OFF_LABEL, paragraphs_stream, rich, send_for_review, translate
from site_core.models import Menu, MenuItem

FUNCTIONAL_RISKS = (
    "Las pruebas y los suplementos tienen sus propios riesgos y costos: una extracción de sangre puede dejar un "
    "moretón, y los suplementos pueden interactuar con medicamentos recetados. Revisamos todo lo que toma antes "
    "de recomendar cambios, y solo recomendamos pruebas cuyo resultado cambiaría su atención."
)

STEPS = [
    (
        "Consulta",
        "Una conversación sobre lo que está viviendo, lo que ya ha probado y lo que espera. Pregunte lo que "
        "quiera, también cuánto costaría el tratamiento.",
    ),
    (
        "Evaluación médica",
        "Un profesional clínico revisa sus antecedentes médicos y psiquiátricos, sus medicamentos y sus signos "
        "vitales, y decide con usted si el tratamiento es seguro y adecuado. A veces la respuesta es no, y le "
        "explicamos por qué.",
    ),
    (
        "Serie de tratamientos",
        "Si decide seguir adelante, una primera serie de tratamientos durante unas semanas, con vigilancia durante y "
        "después de cada uno.",
    ),
    (
        "Integración y seguimiento",
        "Citas regulares para hablar de su experiencia, seguir su ánimo y los efectos secundarios, y coordinar "
        "con su terapeuta u otros profesionales.",
    ),
    (
        "Mantenimiento",
        "Los beneficios suelen desaparecer en semanas, por eso algunas personas siguen con tratamientos "
        "ocasionales. Revisamos juntos si todavía le ayudan y cuándo dejarlos.",
    ),
]

TREATMENTS = [
    {
        "english_slug": "iv-ketamine-infusion",
        "slug": "infusion-intravenosa-de-ketamina",
        "title": "Infusión intravenosa de ketamina",
        "summary": "Ketamina administrada por una vena durante unos 40 minutos, en nuestra clínica, con un profesional clínico que le vigila todo el tiempo.",
        "use": "la depresión, la ansiedad, el TEPT, el TOC y el dolor crónico",
        "body": [
            "Una infusión intravenosa administra una dosis baja y medida con cuidado de ketamina por un tubo pequeño colocado en una vena del brazo. La dosis es muy inferior a la que se usa en anestesia.",
            "Un curso habitual para la depresión es una serie de infusiones durante dos o tres semanas, seguida de una revisión de cómo se encuentra.",
        ],
        "approach": [
            "Antes del tratamiento se le hace una evaluación completa. El día de la infusión le medimos la presión arterial y la frecuencia cardiaca, y usted descansa en un sillón reclinable, en una sala tranquila, mientras un profesional clínico le vigila.",
            "La mayoría de las personas se sienten desconectadas o como en un sueño durante la infusión. Los efectos desaparecen una o dos horas después de terminar. Necesitará que alguien le lleve a casa, y no debe manejar hasta el día siguiente.",
        ],
        "faqs": [
            (
                "¿Cuántas infusiones necesitaré?",
                "Depende. Acordamos un plan con usted después de la evaluación y lo revisamos sobre la marcha; no vendemos paquetes con resultados fijos.",
            ),
            (
                "¿El seguro cubre la ketamina intravenosa?",
                "Como es un uso fuera de indicación, los seguros a menudo no la cubren. Le damos el costo por escrito antes de empezar.",
            ),
        ],
    },
    {
        "english_slug": "at-home-ketamine-program",
        "slug": "programa-de-ketamina-en-casa",
        "title": "Programa de ketamina en casa",
        "summary": "Para algunos pacientes, ketamina que se toma en casa con receta y seguimiento de un profesional clínico, con normas de seguridad que hay que cumplir siempre.",
        "use": "la depresión y otros trastornos de salud mental",
        "body": [
            "Después de una evaluación en persona, a algunos pacientes se les puede ofrecer ketamina para tomar en casa, en una tableta o pastilla que se disuelve en la boca. Se receta en cantidades pequeñas y con instrucciones claras.",
            "El tratamiento en casa no es adecuado para todas las personas. Se vigila menos que una infusión, y exige que un adulto responsable esté presente en cada sesión.",
            "Las tabletas y pastillas que se usan en casa las preparan farmacias de fórmulas magistrales (compounding). Los medicamentos preparados así no están aprobados por la FDA: la FDA no ha revisado su seguridad, su eficacia ni su calidad. En octubre de 2023 la FDA advirtió a pacientes y profesionales sobre la ketamina preparada de esta forma para trastornos psiquiátricos. Señaló que, tomada en casa, la ketamina se usa sin un profesional de la salud que vigile problemas como la sedación, la respiración lenta o el aumento de la presión arterial, y que no conocía pruebas de que sea más segura o más eficaz que los tratamientos aprobados por la FDA. Pregúntenos cómo se comparan para usted las opciones en la clínica.",
        ],
        "approach": [
            "Primero tiene una evaluación, y mientras está en el programa tiene citas regulares con nuestros profesionales. Seguimos su ánimo y los efectos secundarios, y ajustamos o suspendemos el plan si hace falta.",
            "El medicamento debe guardarse bajo llave, no compartirse nunca y no tomarse nunca antes de manejar ni con alcohol o sedantes.",
        ],
        "faqs": [
            (
                "¿Quién no puede entrar en el programa en casa?",
                "Las personas con ciertas enfermedades del corazón, de la presión arterial o psiquiátricas, con antecedentes de consumo problemático de sustancias, o sin nadie que pueda estar presente en las sesiones. Le explicamos nuestra decisión en cualquier caso.",
            ),
        ],
    },
    {
        "english_slug": "functional-medicine",
        "slug": "medicina-funcional",
        "title": "Medicina funcional",
        "summary": "Una revisión de la persona en su conjunto y de los factores físicos que pueden afectar el ánimo y el dolor, como el sueño, la alimentación, las hormonas y la inflamación.",
        "use": None,
        "body": [
            "La medicina funcional estudia cómo se relacionan los distintos sistemas del cuerpo. Para el ánimo y el dolor, eso puede significar revisar el sueño, la alimentación, la actividad física, la tiroides y otras hormonas, las vitaminas y la inflamación.",
            "Se suma a la atención médica y psiquiátrica habitual; no la sustituye.",
            "La investigación sobre la medicina funcional en su conjunto es limitada, y algunas pruebas de laboratorios especializados no han demostrado que mejoren la atención. Es posible que el seguro no cubra estas consultas ni estas pruebas; le decimos el costo antes de pedir nada.",
        ],
        "approach": [
            "Hacemos una historia clínica detallada y podemos recomendar análisis de laboratorio cuando cambiarían su atención. Juntos acordamos pasos prácticos, como cambios en el sueño, la alimentación o la actividad, y los revisamos con el tiempo.",
        ],
        "faqs": [
            (
                "¿Necesitaré muchas pruebas?",
                "No. Solo recomendamos una prueba cuando su resultado cambiaría lo que hacemos.",
            ),
        ],
    },
]

ABOUT = {
    "slug": "acerca-de",
    "title": "Acerca de nosotros",
    "intro": "Limbic Medical es una clínica de ketamina y medicina funcional en Los Ángeles, dirigida por el Dr. Andre Atoian.",
    "body": [
        "Atendemos a adultos que viven con depresión, ansiedad, TEPT, TOC o dolor crónico. Combinamos el tratamiento con ketamina, cuando es adecuado, con la medicina funcional, que estudia los factores físicos que influyen en el ánimo y el dolor.",
        "Todo plan empieza con una evaluación médica. Le explicamos con claridad la evidencia, los riesgos y los costos, incluido que la ketamina se usa fuera de indicación para estos trastornos, y nunca prometemos resultados.",
    ],
}


def load(english_home, say=lambda _msg: None):
    """Translate the treatment pages and About into Spanish (once) and send each new page for review."""
    from wagtail.models import Locale, Page

    spanish = Locale.objects.get(language_code="es")
    english = {page.slug: page.specific for page in english_home.get_descendants()}
    # demo.spanish republishes the Spanish home from an object loaded before its children were added, which
    # leaves its stored child count at 0; recount it (and its children's), so new pages get free tree paths.
    # (Counted by path: treebeard's get_children() trusts the stored count.)
    spanish_home = english_home.get_translation(spanish)
    for parent in Page.objects.filter(path__startswith=spanish_home.path, depth__lte=spanish_home.depth + 1):
        count = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).count()
        Page.objects.filter(pk=parent.pk).update(numchild=count)
    created = []
    for entry in TREATMENTS:
        use = entry["use"]
        translate(
            english[entry["english_slug"]],
            spanish,
            {
                "slug": entry["slug"],
                "title": entry["title"],
                "summary": entry["summary"],
                "body": paragraphs_stream(entry["body"]) + sources.extra_body(entry["english_slug"], "Referencias"),
                "approach": paragraphs_stream(entry["approach"]) + sources.extra_approach(entry["english_slug"], STEPS),
                "risks": rich([KETAMINE_RISKS if use else FUNCTIONAL_RISKS]),
                "off_label_note": rich([OFF_LABEL.format(use=use)]) if use else "",
                "faqs": [("faq", {"question": q, "answer": rich([a])}) for q, a in entry["faqs"]],
                # The English page's medical review does not vouch for the Spanish text.
                "medical_reviewer": None,
                "last_reviewed": None,
            },
            created,
            child_relations={"related_services": [], "related_posts": []},
        )
    about = translate(
        english["about"],
        spanish,
        {
            "slug": ABOUT["slug"],
            "title": ABOUT["title"],
            "intro": ABOUT["intro"],
            "body": paragraphs_stream(ABOUT["body"]),
        },
        created,
    )
    send_for_review(created)
    if created:
        say(f"Created {len(created)} more Spanish pages, awaiting review in the admin.")
    footer = Menu.objects.filter(location="footer", locale=spanish).first()
    if footer is not None and not footer.items.filter(link_page=about).exists():
        MenuItem.objects.create(menu=footer, link_page=about, sort_order=-1)
