"""The demo's self-check page ("Is this for me?"), in English and Spanish, as a child of each home page.

Like the rest of the demo: the English page is published, as the demo's other health pages are; the Spanish
translation stays a draft submitted to its workflow (the "Medical review", see site_core.editorial.governance):
it goes live only once someone qualified approves the Spanish text (README, Languages). The questions
and rules are code (selfcheck.questions and selfcheck.rules); only the words around them are set here.
Safe to run again: an existing page, in either language, is left as the editors made it."""

from wagtail.models import Locale

from demo.spanish import send_for_review
from selfcheck.models import SelfCheckPage

SLUG = "is-this-for-me"

ENGLISH = {
    "title": "Is this for me?",
    "search_description": (
        "A private two-minute self-check: what to bring up at a first consultation about ketamine, "
        "and what needs extra care. Nothing is stored or sent."
    ),
    "intro": (
        "<p>Thinking about ketamine treatment, but not sure it is worth asking about? These questions help you "
        "prepare for a first conversation with a clinician: what is worth discussing, and what may mean ketamine "
        "is not suitable or needs extra care.</p>"
        "<p>This is not a test, and it does not decide anything. Your answers are not stored or sent to anyone.</p>"
    ),
    "closing_text": (
        "<p>At a first consultation a clinician reviews your history, your medicines and what you have tried, "
        "and explains the options, their risks and their costs before any treatment.</p>"
    ),
}

SPANISH = {
    "slug": "es-para-mi",
    "title": "¿Es para mí?",
    "search_description": (
        "Una autoevaluación privada de dos minutos: qué comentar en una primera consulta sobre la ketamina "
        "y qué requiere cuidado especial. No se guarda ni se envía nada."
    ),
    "intro": (
        "<p>¿Está pensando en el tratamiento con ketamina, pero no sabe si vale la pena preguntar? Estas preguntas "
        "le ayudan a preparar una primera conversación con un profesional de la salud: qué vale la pena comentar y qué "
        "puede significar que la ketamina no sea adecuada o requiera cuidado especial.</p>"
        "<p>No es un examen y no decide nada. Sus respuestas no se guardan ni se envían a nadie.</p>"
    ),
    "closing_text": (
        "<p>En una primera consulta, un profesional de la salud revisa sus antecedentes, sus medicamentos y lo que ya "
        "ha probado, y le explica las opciones, sus riesgos y sus costos antes de cualquier tratamiento.</p>"
    ),
}


def load_selfcheck(english_home, say=lambda _msg: None):
    """Create the English self-check page and its Spanish translation if missing; return the English page."""
    english = SelfCheckPage.objects.child_of(english_home).first()
    if english is None:
        english = SelfCheckPage(slug=SLUG, **ENGLISH)
        english_home.add_child(instance=english)
        english.save_revision().publish()
        say("Created the self-check page.")

    spanish_locale = Locale.objects.filter(language_code="es").first()
    if spanish_locale is None or english_home.get_translation_or_none(spanish_locale) is None:
        return english
    if english.get_translation_or_none(spanish_locale) is None:
        spanish = english.copy_for_translation(spanish_locale).specific
        for name, value in SPANISH.items():
            setattr(spanish, name, value)
        # The English page's medical review does not vouch for the Spanish text.
        spanish.medical_reviewer, spanish.last_reviewed = None, None
        spanish.save()  # the draft's own row holds the Spanish title and slug, not the English copy's
        spanish.save_revision()
        send_for_review([spanish])
        say("Created the Spanish self-check page, awaiting review in the admin.")
    return english
