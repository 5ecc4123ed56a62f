"""Opening hours: the rows an editor fills (one per day, or two for a day with a break), said in plain words
in the reader's language ("Monday to Friday, 9 a.m. – 5 p.m.") and given to search engines as schema.org
OpeningHoursSpecification. Consecutive days with the same hours are grouped."""

from django.core.exceptions import ValidationError
from django.utils import dateformat
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

SCHEMA_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
CLOSED = "closed"


class OpeningHoursBlock(blocks.StructBlock):
    day = blocks.ChoiceBlock(choices=[(str(i), WEEKDAYS[i]) for i in range(7)], label=gettext_lazy("Day"))
    closed = blocks.BooleanBlock(
        required=False, label=gettext_lazy("Closed"), help_text=gettext_lazy("Tick to say the clinic is closed.")
    )
    opens = blocks.TimeBlock(required=False, label=gettext_lazy("Opens"))
    closes = blocks.TimeBlock(required=False, label=gettext_lazy("Closes"))

    class Meta:
        icon = "time"
        form_classname = "struct-block opening-hours-row"

    def clean(self, value):
        value = super().clean(value)
        if value.get("closed"):
            return value
        errors = {}
        if not value.get("opens"):
            errors["opens"] = ValidationError(gettext_lazy("Give the opening time, or tick Closed."))
        if not value.get("closes"):
            errors["closes"] = ValidationError(gettext_lazy("Give the closing time, or tick Closed."))
        if not errors and value["closes"] <= value["opens"]:
            errors["closes"] = ValidationError(gettext_lazy("The closing time must be after the opening time."))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


def opening_hours_blocks():
    return [("day", OpeningHoursBlock())]


def _by_day(rows):
    """{day number: sorted ((opens, closes), ...) or CLOSED} for the days the rows mention."""
    days = {}
    for row in rows:
        value = row.value if hasattr(row, "value") else row
        day = int(value["day"])
        if value.get("closed"):
            days.setdefault(day, CLOSED)
        elif value.get("opens") and value.get("closes"):
            known = days.get(day)
            intervals = [] if known in (None, CLOSED) else list(known)
            days[day] = tuple(sorted({*intervals, (value["opens"], value["closes"])}))
    return days


def _groups(rows):
    """[(first day, last day, hours)] for runs of consecutive days (Monday first) with the same hours."""
    groups = []
    for day, hours in sorted(_by_day(rows).items()):
        if groups and groups[-1][1] == day - 1 and groups[-1][2] == hours:
            groups[-1] = (groups[-1][0], day, hours)
        else:
            groups.append((day, day, hours))
    return groups


def _time(value):
    # Translators: a PHP-style date format for opening times; "P" gives "9 a.m.", "noon"; Spanish uses "G:i".
    return dateformat.time_format(value, pgettext("opening hours time format", "P"))


def _days(first, last):
    if first == last:
        return str(WEEKDAYS[first])
    names = {"first": WEEKDAYS[first], "last": WEEKDAYS[last]}
    if last == first + 1:
        return _("%(first)s and %(last)s") % names
    return _("%(first)s to %(last)s") % names


def _capitalised(text):
    return text[:1].upper() + text[1:]


def hours_in_words(rows):
    """One sentence per group of days, in the current language, e.g. "Monday to Friday, 9 a.m. – 5 p.m."."""
    lines = []
    for first, last, hours in _groups(rows):
        days = _days(first, last)
        if hours == CLOSED:
            lines.append(_capitalised(_("%(days)s: closed") % {"days": days}))
            continue
        spans = [_("%(opens)s – %(closes)s") % {"opens": _time(o), "closes": _time(c)} for o, c in hours]
        times = (
            spans[0]
            if len(spans) == 1
            else _("%(earlier)s and %(later)s")
            % {
                "earlier": ", ".join(spans[:-1]),
                "later": spans[-1],
            }
        )
        lines.append(_capitalised(_("%(days)s, %(times)s") % {"days": days, "times": times}))
    return lines


def opening_hours_specification(rows):
    """schema.org OpeningHoursSpecification nodes, one per distinct (opens, closes) over the days it applies;
    closed days are left out, which is how schema.org reads them."""
    by_interval = {}
    for day, hours in sorted(_by_day(rows).items()):
        if hours == CLOSED:
            continue
        for opens, closes in hours:
            by_interval.setdefault((opens, closes), []).append(f"https://schema.org/{SCHEMA_DAYS[day]}")
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": days,
            "opens": opens.strftime("%H:%M"),
            "closes": closes.strftime("%H:%M"),
        }
        for (opens, closes), days in by_interval.items()
    ]
