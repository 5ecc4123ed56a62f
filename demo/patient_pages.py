"""Demo pages a prospective patient looks for: the team, how to visit, costs and insurance, and the
accessibility statement. They hold only what is known about the clinic: Dr. Andre Atoian's name and role,
the city, the phone number. Address details, credentials, photos, prices and dates are left for the clinic
to fill, and the pages say so plainly instead of inventing them."""

from datetime import time

from site_core.models import ClinicSettings, LocationPage, Person, PolicyPage, StandardPage, TeamPage

# The hours the demo shows, as rows per day: Monday to Friday, 9 a.m. to 5 p.m.
DEMO_HOURS = [("day", {"day": str(day), "closed": False, "opens": time(9), "closes": time(17)}) for day in range(5)]


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


# The fee structure, with every price left blank for the clinic: a blank price reads "Ask the clinic".
PRICE_TABLES = [
    (
        "Consultations",
        [
            ("First consultation and medical evaluation", "Includes a review of your history and medicines."),
            ("Follow-up visit", "Progress review, side effects, next steps."),
        ],
    ),
    (
        "Ketamine treatment",
        [
            ("IV ketamine infusion, per session", "Monitoring during and after the infusion is included."),
            ("At-home ketamine program", "Prescription, check-ins and follow-up; the pharmacy charges separately."),
        ],
    ),
    (
        "Functional medicine",
        [
            ("Functional medicine consultation", "Laboratory tests are billed separately, often by the laboratory."),
        ],
    ),
]

COSTS_BODY = [
    ("heading", {"text": "Fees", "level": "h2"}),
    (
        "paragraph",
        rich(
            [
                "Limbic Medical sets its own fees. The tables show what is charged for; ask us for the current "
                "figures, and we will give you the cost of your plan in writing before any treatment starts."
            ]
        ),
    ),
    *[
        ("price_table", {"caption": caption, "rows": [{"item": i, "price": "", "note": n} for i, n in rows]})
        for caption, rows in PRICE_TABLES
    ],
    ("heading", {"text": "Insurance", "level": "h2"}),
    (
        "paragraph",
        rich(
            [
                "Because ketamine is used off-label for depression, anxiety, PTSD, OCD and chronic pain, health "
                "insurers usually do not pay for ketamine treatment. Some plans cover part of a consultation or "
                "evaluation, and some cover laboratory tests; many do not cover functional-medicine visits or "
                "specialty tests. Esketamine (Spravato), which is FDA-approved, is covered by some plans, often "
                "after prior authorization.",
                "Check with your insurer before you start. We are glad to tell you what to ask.",
            ]
        ),
    ),
    ("heading", {"text": "Superbills", "level": "h2"}),
    (
        "paragraph",
        rich(
            [
                "If your plan reimburses out-of-network care, we can give you a superbill: an itemized receipt "
                "with the codes your insurer needs to consider a claim. Whether it pays, and how much, is up to "
                "your insurer."
            ]
        ),
    ),
    ("heading", {"text": "HSA and FSA", "level": "h2"}),
    (
        "paragraph",
        rich(
            [
                "Health savings accounts (HSA) and flexible spending accounts (FSA) can often be used for "
                "medical care that insurance does not cover. Your plan administrator decides what qualifies; ask "
                "them before you pay."
            ]
        ),
    ),
]


def section(heading, paragraphs):
    return [("heading", {"text": heading, "level": "h2"}), *[("paragraph", rich([p])) for p in paragraphs]]


# (heading, paragraphs) of the privacy notice; the retention period comes from the site's setting.
PRIVACY_SECTIONS = [
    (
        "What we store",
        [
            "When you send an appointment request, we store your name, your contact details, how you prefer to "
            "be contacted, the service you ask about and any message you write, so that our staff can contact "
            "you. We do not sell or share this information, and we do not use it for advertising.",
            "Please do not include medical details in the website form. We will talk about your health "
            "privately once we contact you.",
        ],
    ),
    (
        "Who receives it",
        [
            "Each request is emailed to the clinic staff who arrange appointments, and you receive an email "
            "confirming that we have it. Only those staff, and the people who look after the website for the "
            "clinic, can see requests in the website's administration pages.",
        ],
    ),
    (
        "Cookies",
        [
            "This website uses no advertising or analytics cookies and no third-party trackers. The appointment "
            "form sets one security cookie that stops other sites from sending forms in your name. Staff who "
            "sign in to edit the website also receive a session cookie.",
        ],
    ),
    (
        "Your California rights",
        [
            "If you live in California, you may have the right to know what personal information we hold about "
            "you, to ask us to correct or delete it, and not to be treated differently for asking.",
            "Information that becomes part of your medical record is protected by federal law (HIPAA) and "
            "California's Confidentiality of Medical Information Act, and is kept as those laws require. Ask us "
            "for the clinic's Notice of Privacy Practices, which explains how medical information is used and "
            "shared.",
            "To ask about, correct or delete the information you sent us, call the clinic.",
        ],
    ),
]

ACCESSIBILITY_SECTIONS = [
    (
        "Our aim",
        [
            "We want everyone to be able to use this website, including people who use a screen reader, a "
            "keyboard instead of a mouse, magnification or voice control. We aim to meet the Web Content "
            "Accessibility Guidelines (WCAG) 2.2 at level AA.",
        ],
    ),
    (
        "How we check",
        [
            "Each change to the website is tested in a real browser with automated accessibility checks, by "
            "keyboard, and on narrow phone screens. Automated checks cannot find every problem, so we also "
            "welcome your reports.",
        ],
    ),
    (
        "Tell us about a problem",
        [
            "If something on this website is hard to use, or you need information in another format, call the "
            "clinic and tell us which page and what happened. We will help you get the information you need "
            "and work to fix the problem.",
        ],
    ),
]


def privacy_body():
    return [block for heading, paragraphs in PRIVACY_SECTIONS for block in section(heading, paragraphs)]


def doctor():
    """The clinic's physician, with only what is known: name and role. Credentials and a photo are for the
    clinic to add."""
    person, _ = Person.objects.get_or_create(
        name="Dr. Andre Atoian", defaults={"role": "Physician, Limbic Medical", "is_practitioner": True}
    )
    return person


def load(home, clinic: ClinicSettings):
    """Create the pages (once) and return them by purpose: team, visit."""
    doctor()
    if not clinic.opening_hours:
        clinic.opening_hours = DEMO_HOURS
        clinic.save()
    team = child(
        home,
        TeamPage,
        "team",
        title="Our clinicians",
        intro=(
            "The clinicians who evaluate and treat patients at Limbic Medical. Ask us about anyone's training "
            "and licence; we are glad to tell you."
        ),
    )
    visit = child(
        home,
        LocationPage,
        "visit-us",
        title="Visit us",
        intro=(
            "Limbic Medical is in Los Angeles, California. Call us before your first visit and we will tell you "
            "how to find us and where to park."
        ),
        body=[
            (
                "paragraph",
                rich(
                    [
                        "After a ketamine treatment you must not drive until the next day, so please plan for "
                        "someone to take you home."
                    ]
                ),
            )
        ],
    )
    costs = child(
        home,
        StandardPage,
        "costs-and-insurance",
        title="Costs and insurance",
        intro="What is charged for, what insurance does and does not usually cover, and how to pay.",
        body=COSTS_BODY,
    )
    accessibility = child(
        home,
        PolicyPage,
        "accessibility",
        title="Accessibility statement",
        intro="How we make this website usable for everyone, and how to tell us when it is not.",
        body=[block for heading, paragraphs in ACCESSIBILITY_SECTIONS for block in section(heading, paragraphs)],
    )
    return {"team": team, "visit": visit, "costs": costs, "accessibility": accessibility}


TRUST_POINTS = [
    ("Physician-led", "Every plan starts with a medical evaluation by a physician.", None),
    ("Medically reviewed", "Our health pages are checked by a clinician before they are published.", None),
    ("Sources named", "Health pages list the studies and FDA statements they rely on.", None),
    ("Costs up front", "You get the cost of your plan in writing before any treatment.", None),
]


def home_sections(home, pages):
    """Give the English home page "How it works" and the trust strip (once). Run after the Spanish home is
    copied from it, so the Spanish page does not inherit English text."""
    from demo.sources import steps_block

    if home.how_it_works or home.trust_points:
        return
    home.how_it_works = [steps_block(title="How it works")]
    home.trust_points = [("point", {"title": title, "text": text}) for title, text, _key in TRUST_POINTS]
    home.team_page = pages["team"]
    home.save_revision().publish()
