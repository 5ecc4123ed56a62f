"""Demo blocks shared by the health pages: the sources they cite (real publications, titles as published;
a DOI only where it is certain, otherwise the agency's own page or no link) and the steps of a course of
treatment ("What to expect" on treatment pages, "How it works" on the home page)."""

SOURCES = {
    "fda-compounded-2023": {
        "authors": "U.S. Food and Drug Administration",
        "title": (
            "FDA warns patients and health care providers about potential risks associated with compounded "
            "ketamine products, including oral formulations, for the treatment of psychiatric disorders"
        ),
        # The statement of 10 October 2023, under its title as the FDA published it.
        "journal": "FDA, Human Drug Compounding, 10 October",
        "year": 2023,
        "doi": "",
        "url": (
            "https://www.fda.gov/drugs/human-drug-compounding/"
            "fda-warns-patients-risks-associated-compounded-ketamine-products-including-oral-formulations-treatment"
        ),
        "language": "en",  # every source the demo cites is in English
    },
    "spravato-label": {
        "authors": "Janssen Pharmaceuticals",
        "title": "SPRAVATO (esketamine) nasal spray: full prescribing information",
        "journal": "",
        "year": None,
        "doi": "",
        "url": "",
        "language": "en",  # every source the demo cites is in English
    },
    "berman-2000": {
        "authors": "Berman RM, Cappiello A, Anand A, et al.",
        "title": "Antidepressant effects of ketamine in depressed patients",
        "journal": "Biological Psychiatry",
        "year": 2000,
        "doi": "10.1016/S0006-3223(99)00230-9",
        "url": "",
        "language": "en",  # every source the demo cites is in English
    },
    "zarate-2006": {
        "authors": "Zarate CA Jr, Singh JB, Carlson PJ, et al.",
        "title": "A randomized trial of an N-methyl-D-aspartate antagonist in treatment-resistant major depression",
        "journal": "Archives of General Psychiatry",
        "year": 2006,
        "doi": "10.1001/archpsyc.63.8.856",
        "url": "",
        "language": "en",  # every source the demo cites is in English
    },
    "mcintyre-2021": {
        "authors": "McIntyre RS, Rosenblat JD, Nemeroff CB, et al.",
        "title": (
            "Synthesizing the evidence for ketamine and esketamine in treatment-resistant depression: an "
            "international expert opinion on the available evidence and implementation"
        ),
        "journal": "American Journal of Psychiatry",
        "year": 2021,
        "doi": "",
        "url": "",
        "language": "en",  # every source the demo cites is in English
    },
    "shahani-2007": {
        "authors": "Shahani R, Streutker C, Dickson B, Stewart RJ",
        "title": "Ketamine-associated ulcerative cystitis: a new clinical entity",
        "journal": "Urology",
        "year": 2007,
        "doi": "",
        "url": "",
        "language": "en",  # every source the demo cites is in English
    },
}

# Which sources each demo health page cites, for the claims it makes (risks on every ketamine page).
KETAMINE_RISK_SOURCES = ["fda-compounded-2023", "shahani-2007"]
PAGE_SOURCES = {
    "depression": ["berman-2000", "zarate-2006", "mcintyre-2021", "spravato-label", *KETAMINE_RISK_SOURCES],
    "iv-ketamine-infusion": ["mcintyre-2021", "spravato-label", *KETAMINE_RISK_SOURCES],
    "at-home-ketamine-program": KETAMINE_RISK_SOURCES,
    "anxiety": KETAMINE_RISK_SOURCES,
    "ptsd": KETAMINE_RISK_SOURCES,
    "ocd": KETAMINE_RISK_SOURCES,
    "chronic-pain": KETAMINE_RISK_SOURCES,
}
# Pages that explain esketamine (Spravato) and whether the clinic offers it.
ESKETAMINE_PAGES = {"depression", "iv-ketamine-infusion"}

STEPS = [
    (
        "Consultation",
        "A conversation about what you are going through, what you have tried and what you hope for. Ask "
        "anything, including what treatment would cost.",
    ),
    (
        "Medical evaluation",
        "A clinician reviews your medical and psychiatric history, your medicines and your vital signs, and "
        "decides with you whether treatment is safe and suitable. Sometimes the answer is no, and we explain why.",
    ),
    (
        "Treatment series",
        "If you go ahead, a first series of treatments over a few weeks, with monitoring during and after each one.",
    ),
    (
        "Integration and follow-up",
        "Regular check-ins to talk through your experience, track your mood and side effects, and coordinate "
        "with your therapist or other clinicians.",
    ),
    (
        "Maintenance",
        "Benefits often fade within weeks, so some people continue with occasional treatments. We review "
        "together whether they still help, and when to stop.",
    ),
]


def steps_block(steps=STEPS, title=""):
    return ("steps", {"title": title, "steps": [{"title": t, "text": text} for t, text in steps]})


def citations_block(keys, title="References"):
    return ("citations", {"title": title, "citations": [SOURCES[key] for key in keys]})


def extra_body(slug, title="References"):
    """Blocks added at the end of a health page's body: the esketamine note where it applies, then sources."""
    blocks = [("esketamine_note", None)] if slug in ESKETAMINE_PAGES else []
    if slug in PAGE_SOURCES:
        blocks.append(citations_block(PAGE_SOURCES[slug], title))
    return blocks


# Treatment pages whose "What to expect" section shows the steps of a course of treatment.
STEPS_PAGES = {"iv-ketamine-infusion", "at-home-ketamine-program"}


def extra_approach(slug, steps=STEPS):
    return [steps_block(steps)] if slug in STEPS_PAGES else []
