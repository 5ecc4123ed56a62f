"""Demo pages a prospective patient looks for: the team, how to visit, costs and insurance, and the
accessibility statement. They hold only what is known about the clinic: Dr. Andre Atoian's name and role,
the city, the phone number. Address details, credentials, photos, prices and dates are left for the clinic
to fill, and the pages say so plainly instead of inventing them."""

from datetime import time

from site_core.models import ClinicSettings, LocationPage, Person, TeamPage

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


def load(home, clinic: ClinicSettings):
    """Create the pages (once) and return them by purpose: team, visit."""
    Person.objects.get_or_create(
        name="Dr. Andre Atoian", defaults={"role": "Physician, Limbic Medical", "is_practitioner": True}
    )
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
    return {"team": team, "visit": visit}
