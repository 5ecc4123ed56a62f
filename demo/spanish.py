"""The Spanish half of the demo site: home, services, the five conditions, contact, privacy and the blog
index, made with Wagtail's translation API so each Spanish page shares its English page's translation key.

The copy is ours, written in plain Spanish (usted), and says no more than the English pages: ketamine is
off-label for these conditions, it has risks, results are not promised. Every page this module creates is
submitted to its section's workflow (site_core.editorial.governance: "Medical review" for the services and blog
sections, "Publisher approval" elsewhere), so the admin shows it "in moderation" (page header, explorer
status, the reviewers' dashboard) until someone qualified approves the Spanish text.

The article is not translated: the Spanish blog index lists it with a notice that it is in English.
Safe to run again: a page that already has its Spanish translation is left as the editors made it."""

from wagtail.models import Locale

from blog.models import BlogCategory
from site_core.models import HomePageFeaturedService, Menu, MenuItem

OFF_LABEL = (
    "La ketamina está aprobada por la Administración de Alimentos y Medicamentos de EE. UU. (FDA) como "
    "anestésico. Su uso para {use} es «fuera de indicación» (off-label): la FDA no la ha aprobado para este "
    "fin. Un medicamento relacionado, la esketamina en aerosol nasal, sí está aprobado por la FDA para algunas "
    "formas de depresión; es un producto distinto. Antes de cualquier tratamiento, su médico le explicará qué "
    "significa esto para usted."
)

KETAMINE_RISKS = (
    "Durante una dosis y poco después es frecuente sentirse desconectado o como en un sueño (disociación), y "
    "tener mareo, náuseas, visión borrosa, somnolencia y un aumento pasajero de la presión arterial y de la "
    "frecuencia cardiaca. Estos efectos suelen pasar en unas horas. La ketamina puede hacer más lenta la "
    "respiración, y el riesgo es mayor si se combina con opioides, benzodiacepinas, alcohol u otros medicamentos "
    "sedantes; díganos todo lo que toma. Puede causar efectos psiquiátricos, como ansiedad, confusión o, en raras "
    "ocasiones, alucinaciones. La mejoría del ánimo suele desaparecer en días o semanas, por lo que muchas "
    "personas reciben tratamientos de mantenimiento, cada uno con los mismos riesgos. La ketamina puede usarse "
    "de forma indebida, y su uso repetido o frecuente se ha relacionado con daño de la vejiga (cistitis "
    "ulcerosa) y problemas de memoria: avísenos enseguida si tiene dolor, urgencia o sangre al orinar. No es "
    "adecuada para todas las personas; por ejemplo, no lo es si tiene presión alta no controlada, ciertas "
    "enfermedades del corazón, antecedentes de psicosis o si está embarazada. No debe manejar hasta el día "
    "siguiente a un tratamiento."
)

CONDITIONS = [
    {
        "english_slug": "depression",
        "slug": "depresion",
        "title": "Depresión",
        "summary": "La depresión es frecuente y tiene tratamiento. Ofrecemos una evaluación y, cuando es adecuado, tratamiento con ketamina junto con medicina funcional.",
        "use": "la depresión",
        "body": [
            "La depresión es más que tristeza. Puede cambiar el sueño, el apetito, la energía, la concentración y la capacidad de disfrutar, y a menudo dura semanas o meses.",
            "Muchas personas mejoran con psicoterapia y antidepresivos habituales. Cuando varios tratamientos no han ayudado lo suficiente, un médico puede hablarle de otras opciones, entre ellas la ketamina.",
            "La evidencia sobre la ketamina es más sólida en la depresión resistente al tratamiento: la que no ha mejorado lo suficiente después de al menos dos antidepresivos tomados a una dosis adecuada durante el tiempo suficiente. En los estudios, muchas personas se sintieron mejor en horas o días, pero el efecto de un solo tratamiento solía desaparecer en una o dos semanas, y no todas respondieron. Todavía se sabe poco de sus efectos a largo plazo.",
        ],
        "approach": [
            "Su primera visita es una evaluación médica y psiquiátrica. Le preguntamos por sus antecedentes, los medicamentos que toma y lo que ya ha probado, y comprobamos si la ketamina es segura para usted.",
            "Si es adecuado, podemos recomendarle una serie de infusiones intravenosas de ketamina o nuestro programa en casa, junto con una revisión de medicina funcional de factores como el sueño, la tiroides, la alimentación y la inflamación. Si usted tiene terapeuta o psiquiatra, coordinamos el plan con esa persona.",
        ],
        "faqs": [
            (
                "¿La ketamina curará mi depresión?",
                "Ningún tratamiento puede prometer eso. Algunas personas se sienten mejor en pocos días; otras notan poco cambio. Revisamos su progreso con usted y suspendemos el tratamiento si no le está ayudando.",
            ),
            (
                "¿Tengo que dejar mis medicamentos actuales?",
                "Normalmente no. Nunca deje un medicamento por su cuenta; revisamos todo lo que toma y coordinamos cualquier cambio con quien se lo recetó.",
            ),
        ],
    },
    {
        "english_slug": "anxiety",
        "slug": "ansiedad",
        "title": "Ansiedad",
        "summary": "La preocupación y el miedo persistentes se pueden tratar. Miramos el cuadro completo y solo hablamos de ketamina cuando la evidencia y su historia clínica lo justifican.",
        "use": "la ansiedad",
        "body": [
            "Los trastornos de ansiedad causan preocupación, miedo o pánico difíciles de controlar, que interfieren en la vida diaria. Son frecuentes los síntomas físicos, como el corazón acelerado, el mal dormir y la tensión muscular.",
            "La psicoterapia, sobre todo la terapia cognitivo-conductual, y los medicamentos habituales ayudan a muchas personas. La investigación sobre la ketamina para la ansiedad todavía es limitada, y le explicamos lo que se sabe y lo que no.",
        ],
        "approach": [
            "Empezamos con una evaluación que incluye causas médicas que pueden parecerse a la ansiedad o empeorarla, como problemas de tiroides, la cafeína, los trastornos del sueño y algunos medicamentos.",
            "Cuando puede ayudar, hablamos del tratamiento con ketamina como una parte de un plan que también incluye terapia y apoyo en el estilo de vida.",
        ],
        "faqs": [
            (
                "¿Puede la ketamina empeorar la ansiedad?",
                "Los efectos disociativos durante un tratamiento pueden resultar incómodos, y algunas personas sienten ansiedad durante una sesión. Nuestro personal se queda con usted y puede ajustar o detener el tratamiento.",
            ),
        ],
    },
    {
        "english_slug": "ptsd",
        "slug": "tept",
        "title": "Trastorno de estrés postraumático (TEPT)",
        "summary": "El trastorno de estrés postraumático puede aparecer después de un hecho aterrador o dañino. Primero va la terapia centrada en el trauma; la ketamina puede considerarse como complemento.",
        "use": "el trastorno de estrés postraumático (TEPT)",
        "body": [
            "El TEPT puede traer recuerdos que irrumpen sin querer, pesadillas, evitar ciertas situaciones, sentirse siempre en alerta y cambios en el estado de ánimo. Puede aparecer después de un combate, una agresión, un accidente, una pérdida u otro trauma.",
            "Las psicoterapias centradas en el trauma son las que tienen la evidencia más sólida. Los estudios sobre la ketamina para el TEPT son iniciales y con resultados mixtos, y se los explicamos con honestidad.",
        ],
        "approach": [
            "Trabajamos junto con su terapeuta. La ketamina, si se usa, se ofrece como complemento de la atención centrada en el trauma, nunca como sustituto.",
            "Las sesiones se hacen en una sala tranquila y privada, con personal presente todo el tiempo.",
        ],
        "faqs": [
            (
                "¿Tengo que hablar de mi trauma en la primera visita?",
                "No. Le preguntamos lo necesario para su seguridad, y usted decide cuánto quiere contar.",
            ),
        ],
    },
    {
        "english_slug": "ocd",
        "slug": "toc",
        "title": "Trastorno obsesivo-compulsivo (TOC)",
        "summary": "El trastorno obsesivo-compulsivo tiene tratamiento. Primero van la terapia de exposición y los medicamentos habituales; la ketamina es un área de investigación en curso.",
        "use": "el trastorno obsesivo-compulsivo (TOC)",
        "body": [
            "El TOC consiste en pensamientos no deseados que causan angustia (obsesiones) y en acciones o rituales mentales repetidos para aliviar esa angustia (compulsiones). Puede ocupar horas del día.",
            "La terapia de exposición con prevención de respuesta y ciertos antidepresivos son los tratamientos establecidos. La evidencia sobre la ketamina en el TOC viene de estudios pequeños, y sus efectos pueden durar poco.",
        ],
        "approach": [
            "Revisamos con usted su diagnóstico y los tratamientos anteriores y, cuando conviene, también con su terapeuta. Solo hablamos de ketamina cuando los tratamientos habituales no han ayudado lo suficiente y los posibles beneficios superan los riesgos.",
        ],
        "faqs": [
            (
                "¿Es la ketamina un primer tratamiento para el TOC?",
                "No. Solo se considera después de los tratamientos establecidos, y como parte de un plan más amplio.",
            ),
        ],
    },
    {
        "english_slug": "chronic-pain",
        "slug": "dolor-cronico",
        "title": "Dolor crónico",
        "summary": "El dolor que dura mucho tiempo afecta el sueño, el ánimo y la vida diaria. Buscamos las causas que contribuyen y vemos con usted si la ketamina puede tener un lugar en su atención.",
        "use": "el dolor crónico",
        "body": [
            "El dolor crónico es el que dura más de tres meses. A menudo viene con mal dormir, ánimo bajo y cansancio, y cada uno puede empeorar a los demás.",
            "La ketamina se ha estudiado para algunos tipos de dolor, como el síndrome de dolor regional complejo y ciertos dolores de los nervios. Los resultados varían, y no es adecuada para todo tipo de dolor.",
        ],
        "approach": [
            "Coordinamos con su especialista en dolor o su médico de cabecera, revisamos sus medicamentos y miramos factores como la inflamación, el sueño y la alimentación.",
            "Si la ketamina es adecuada, los protocolos para el dolor suelen usar dosis distintas e infusiones más largas que los de la depresión; le explicamos el plan antes de empezar.",
        ],
        "faqs": [
            (
                "¿Puedo seguir tomando mis medicamentos para el dolor?",
                "Díganos todos los medicamentos que toma, incluidos los opioides. Algunas combinaciones requieren cuidado, y las planificamos con quien se los receta.",
            ),
        ],
    },
]

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
        "En esa consulta, un profesional clínico revisa su historia y le explica las opciones, los riesgos y los costos antes de cualquier tratamiento.",
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


def translate(english_page, locale, fields, created, child_relations=None):
    """The Spanish translation of english_page, created from it with Wagtail's translation API, filled with
    the Spanish fields and published (new pages are added to `created`). An existing translation is
    returned untouched."""
    existing = english_page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    page = english_page.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(page, name, value)
    for name, value in (child_relations or {}).items():
        setattr(page, name, value)
    page.save_revision().publish()
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
                    "body": paragraphs_stream(entry["body"]),
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
        home.featured_services = [HomePageFeaturedService(page=page) for page in conditions]
        home.call_to_action = [
            (
                "call_to_action",
                {"text": HOME["cta_text"], "page": contact, "button_label": HOME["cta_button"]},
            )
        ]
        home.save_revision().publish()

    english_category = BlogCategory.objects.filter(slug=CATEGORY["english_slug"], locale__language_code="en").first()
    if english_category is not None:
        BlogCategory.objects.get_or_create(
            translation_key=english_category.translation_key,
            locale=spanish,
            defaults={"slug": CATEGORY["slug"], "name": CATEGORY["name"]},
        )

    # Last, once nothing more will be published (a publish would end a page's review): each new page
    # goes into its section's workflow, so it shows as awaiting review until a reviewer approves it.
    for page in created:
        workflow = page.get_workflow()
        if workflow is not None and not page.workflow_in_progress:
            workflow.start(page, user=None)
    if created:
        say(f"Created {len(created)} Spanish pages, awaiting review in the admin.")

    menus = {"main": [services, blog, contact], "footer": [privacy, contact]}
    for location, pages in menus.items():
        english_menu = Menu.objects.filter(location=location, locale__language_code="en").first()
        key = {"translation_key": english_menu.translation_key} if english_menu else {}
        menu, new = Menu.objects.get_or_create(location=location, locale=spanish, defaults=key)
        if new:
            for order, page in enumerate(pages):
                MenuItem.objects.create(menu=menu, link_page=page, sort_order=order)
    return home
