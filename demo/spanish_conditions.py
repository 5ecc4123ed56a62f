"""The Spanish copy of the five condition pages: the off-label note, the risks and each condition's text.
Ours, in plain Spanish (usted), saying no more than the English pages (demo.services)."""

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
            "Los trastornos de ansiedad causan preocupación, miedo o pánico difíciles de controlar, que interfieren en la vida diaria. Son frecuentes los síntomas físicos, como el corazón acelerado, dormir mal y la tensión muscular.",
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
            "El dolor crónico es el que dura más de tres meses. A menudo se acompaña de problemas de sueño, ánimo bajo y cansancio, y cada uno puede empeorar a los demás.",
            "La ketamina se ha estudiado para algunos tipos de dolor, como el síndrome de dolor regional complejo y ciertos tipos de dolor neuropático (causado por daño en los nervios). Los resultados varían, y no es adecuada para todo tipo de dolor.",
        ],
        "approach": [
            "Coordinamos con su especialista en dolor o su médico de atención primaria, revisamos sus medicamentos y miramos factores como la inflamación, el sueño y la alimentación.",
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
