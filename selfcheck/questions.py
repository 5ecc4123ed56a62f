"""What the self-check asks: its questions, their answers and the messages that name a missing answer.

The questions live here, in code, not in an editor-built form, so that an edit to the page around them can
never change a medical question or rule (the rules are in selfcheck.rules). Changing a question is a code
change, reviewed like any health content.

Each question is a fieldset with a legend (radio buttons or checkboxes), so it reads the same with a
screen reader as on screen. The answers stay in the request: nothing here saves, caches or logs them.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

YES, NO = "yes", "no"
ADULT, MINOR = "adult", "minor"
NONE_OF_THESE = "none"

SAFETY_CHOICES = [(YES, _("Yes")), (NO, _("No"))]
AGE_CHOICES = [(ADULT, _("18 or older")), (MINOR, _("Under 18"))]
CONCERN_CHOICES = [
    ("depression", _("Depression")),
    ("anxiety", _("Anxiety")),
    ("ptsd", _("Post-traumatic stress (PTSD)")),
    ("ocd", _("Obsessive-compulsive disorder (OCD)")),
    ("pain", _("Chronic pain")),
    ("other", _("Something else")),
]
DURATION_CHOICES = [
    ("under_6_months", _("Less than 6 months")),
    ("6_months_to_2_years", _("6 months to 2 years")),
    ("over_2_years", _("More than 2 years")),
]
THERAPY_CHOICES = [(YES, _("Yes, now or in the past")), (NO, _("No"))]
MEDICINE_CHOICES = [
    ("none", _("None")),
    ("one", _("One")),
    ("two_or_more", _("Two or more")),
    ("not_sure", _("I am not sure")),
]
# Things a clinician must weigh before ketamine; selfcheck.rules gives each its reason.
HEALTH_CHOICES = [
    ("pregnancy", _("I am pregnant, breastfeeding or planning a pregnancy")),
    ("heart", _("High blood pressure or heart disease")),
    ("psychosis", _("Psychosis or mania at any time in the past (including bipolar disorder)")),
    ("substance", _("A current problem with alcohol or drugs")),
    ("liver_bladder", _("Liver or bladder problems")),
    ("sedatives", _("I take opioids or benzodiazepines regularly")),
    (NONE_OF_THESE, _("None of these")),
]


def _radio(label, choices, missing, help_text=""):
    return forms.ChoiceField(
        label=label, choices=choices, widget=forms.RadioSelect, help_text=help_text, error_messages=_messages(missing)
    )


def _checkboxes(label, choices, missing, help_text=""):
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
        error_messages=_messages(missing),
    )


def _messages(missing):
    return {
        "required": missing,
        "invalid_choice": _("Choose one of the answers shown."),
        "invalid_list": _("Choose one of the answers shown."),
    }


class SelfCheckForm(forms.Form):
    """The whole check on one page, in the order a visitor meets it: safety first."""

    safety = _radio(
        _("Right now, are you having thoughts of harming yourself or ending your life?"),
        SAFETY_CHOICES,
        _("Answer whether you are having thoughts of harming yourself or ending your life right now."),
    )
    age = _radio(_("How old are you?"), AGE_CHOICES, _("Tell us whether you are 18 or older."))
    concerns = _checkboxes(
        _("What would you like help with?"),
        CONCERN_CHOICES,
        _("Choose at least one thing you would like help with."),
        help_text=_("Choose all that apply."),
    )
    duration = _radio(
        _("How long has this been affecting you?"), DURATION_CHOICES, _("Tell us how long this has been affecting you.")
    )
    therapy = _radio(
        _("Have you tried talking therapy (psychotherapy) for it?"),
        THERAPY_CHOICES,
        _("Tell us whether you have tried talking therapy."),
    )
    medicines = _radio(
        _("How many prescription medicines have you tried for it?"),
        MEDICINE_CHOICES,
        _("Tell us how many medicines you have tried, or choose 'I am not sure'."),
        help_text=_("For example antidepressants, each taken for several weeks as prescribed."),
    )
    health = _checkboxes(
        _("Do any of these apply to you?"),
        HEALTH_CHOICES,
        _("Choose any that apply, or 'None of these'."),
        help_text=_("A clinician must weigh these before ketamine. Choose all that apply."),
    )
    # Sent by the "continue" button after the crisis message (both), and by the questions shown after it
    # (`continued` only): the visitor chose to go on with the check.
    CONTINUED, RESUMING = "continued", "resume"

    def clean_health(self):
        chosen = self.cleaned_data["health"]
        if NONE_OF_THESE in chosen and len(chosen) > 1:
            raise forms.ValidationError(_("You chose 'None of these' and another answer: choose one or the other."))
        return [answer for answer in chosen if answer != NONE_OF_THESE]

    def answered(self, name):
        """The raw answer to one question, before validation (the crisis and age answers are read first)."""
        if isinstance(self.fields[name], forms.MultipleChoiceField):
            return self.data.getlist(name) if hasattr(self.data, "getlist") else list(self.data.get(name, []))
        return self.data.get(name, "")

    def answers_as_initial(self):
        """The visitor's answers that are among those offered, to show the questions again already filled in
        (after the crisis message); anything else is dropped."""
        initial = {}
        for name, field in self.fields.items():
            offered = {str(value) for value, _label in field.choices}
            answer = self.answered(name)
            if isinstance(answer, list):
                initial[name] = [value for value in answer if value in offered]
            else:
                initial[name] = answer if answer in offered else ""
        return initial

    @property
    def continued(self):
        return self.data.get(self.CONTINUED) == "1"

    @property
    def resuming(self):
        """Just back from the crisis message: missing answers are not yet errors."""
        return self.continued and self.data.get(self.RESUMING) == "1"

    def labelled(self, name, values):
        """The visible wording of the chosen answers to one question, in the current language."""
        labels = dict(self.fields[name].choices)
        return [str(labels[value]) for value in values if value in labels]
