"""The appointment-request form: typed fields, patient-readable errors, nothing unsafe in a header."""

import re
import secrets
import time
import unicodedata

from django import forms
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contact.records import AppointmentRequest

NOT_SURE = "unsure"
STARTED_SALT = "contact.form-started"
MESSAGE_MAX = 1000
# What a one-time submission key may look like (the form makes 32 URL-safe characters; clients may add a suffix).
SUBMISSION_KEY = re.compile(r"[A-Za-z0-9_-]{16,64}")


def start_token():
    """The signed time the form is shown; spam.assess reads its age."""
    return signing.dumps(time.time(), salt=STARTED_SALT)


def required(message):
    """Error messages as sentences a patient understands, instead of "This field is required."."""
    return {"required": message}


def _no_control_characters(value, allow_newlines=False):
    allowed = {"\n", "\r", "\t"} if allow_newlines else set()
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") and ch not in allowed for ch in value):
        if allow_newlines:
            raise forms.ValidationError(_("Please remove special characters."), code="control")
        raise forms.ValidationError(_("Please use a single line, without special characters."), code="control")


class LineField(forms.CharField):
    """One line of text: line breaks and other control characters are refused, never stripped silently."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("strip", True)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            _no_control_characters(value)
        return super().to_python(value)


class USPhoneField(forms.CharField):
    """A US phone number, stored as (213) 555-0100."""

    default_error_messages = {
        "invalid": _("Please enter a US phone number with area code, for example (323) 886-2273."),
    }

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return value
        _no_control_characters(value)
        if not re.fullmatch(r"[0-9+().\-\s]+", value):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        digits = re.sub(r"\D", "", value)
        if len(digits) == 11 and digits[0] == "1":
            digits = digits[1:]
        # North American numbers: area code and exchange never start with 0 or 1.
        if len(digits) != 10 or digits[0] in "01" or digits[3] in "01":
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"


class AppointmentForm(forms.Form):
    first_name = LineField(
        label=_("First name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        error_messages=required(_("Please tell us your first name.")),
    )
    last_name = LineField(
        label=_("Last name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
        error_messages=required(_("Please tell us your last name.")),
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "invalid": _("Please enter an email address like name@example.com."),
            "required": _("Please tell us your email address."),
        },
    )
    phone = USPhoneField(
        label=_("Phone"),
        max_length=30,
        help_text=_("A US number with area code."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
        error_messages=required(_("Please tell us a phone number where we can reach you.")),
    )
    contact_method = forms.ChoiceField(
        label=_("How should we contact you?"),
        choices=AppointmentRequest.CONTACT_METHODS,
        widget=forms.RadioSelect,
        error_messages=required(_("Please tell us how to contact you.")),
    )
    best_time = LineField(
        label=_("Best time to reach you"),
        max_length=100,
        required=False,
        help_text=_("For example: weekday mornings."),
    )
    service = forms.ChoiceField(
        label=_("Service of interest"),
        error_messages={
            "required": _("Please choose a service, or “Not sure yet”."),
            "invalid_choice": _("Please choose a service from the list."),
        },
    )
    patient_kind = forms.ChoiceField(
        label=_("Are you a new or returning patient?"),
        choices=AppointmentRequest.PATIENT_KINDS,
        widget=forms.RadioSelect,
        error_messages=required(_("Please tell us whether you are a new or returning patient.")),
    )
    message = forms.CharField(
        label=_("Message (optional)"),
        max_length=MESSAGE_MAX,
        required=False,
        help_text=_("Please do not include medical details; we will talk about your health privately."),
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MESSAGE_MAX}),
    )
    consent = forms.BooleanField(
        label=_("I agree to be contacted about my request, as described in the privacy policy."),
        error_messages={"required": _("Please agree to be contacted so that we can answer your request.")},
    )
    # Left empty by people (it is hidden from them); bots fill every field they find.
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    # When the form was shown, signed: contact.spam reads its age (too fast: marked for a check; expired or
    # missing: the human confirms).
    started = forms.CharField(required=False, widget=forms.HiddenInput)
    # One per rendered form: a second post of the same form (double click, retry) answers the same thank-you
    # without storing or sending again. A missing or malformed key only loses that protection.
    submission_key = forms.CharField(required=False, widget=forms.HiddenInput)

    single_line = ("first_name", "last_name", "email", "phone", "best_time")

    def __init__(self, *args, services=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.services = dict(services)
        # A blank first option, so a required select never starts on a real choice.
        self.fields["service"].choices = [("", _("Choose a service")), *services, (NOT_SURE, _("Not sure yet"))]
        if not self.is_bound:
            self.initial["started"] = start_token()
            self.initial["submission_key"] = secrets.token_urlsafe(24)
        for name, field in self.fields.items():
            if field.required and not isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs.setdefault("required", True)
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}_hint"

    def clean_email(self):
        email = self.cleaned_data["email"]
        _no_control_characters(email)
        local, _sep, domain = email.rpartition("@")
        return f"{local}@{domain.lower()}"

    def clean_submission_key(self):
        key = self.cleaned_data["submission_key"].strip()
        return key if SUBMISSION_KEY.fullmatch(key) else None

    def clean_message(self):
        message = self.cleaned_data["message"]
        _no_control_characters(message, allow_newlines=True)
        return message

    def full_clean(self):
        super().full_clean()
        # Each field with an error points screen readers at its message (and its hint).
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                described = [f"id_{name}_error"]
                if self.fields[name].help_text:
                    described.append(f"id_{name}_hint")
                widget.attrs["aria-describedby"] = " ".join(described)
                widget.attrs["aria-invalid"] = "true"

    def has_honeypot(self):
        return bool(self.data.get("website", "").strip())

    def seconds_to_fill(self):
        """Seconds since the form was shown, or None when the signed timestamp is missing or forged."""
        try:
            started = signing.loads(self.data.get("started", ""), salt=STARTED_SALT)
            return time.time() - float(started)
        except (signing.BadSignature, TypeError, ValueError):
            return None

    def with_fresh_token(self):
        """The same filled form with a new start time, for the human to confirm and send again."""
        data = self.data.copy()
        data["started"] = start_token()
        form = type(self)(data, services=list(self.services.items()))
        form.is_valid()
        return form

    def save(self, language, check=""):
        data = self.cleaned_data
        service = data["service"]
        return AppointmentRequest.objects.create(
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            phone=data["phone"],
            contact_method=data["contact_method"],
            best_time=data["best_time"],
            service_title="" if service == NOT_SURE else self.services.get(service, ""),
            service_page_id=None if service == NOT_SURE else int(service),
            patient_kind=data["patient_kind"],
            message=data["message"],
            language=language,
            consented_at=timezone.now(),
            spam_check=check,
            submission_key=data["submission_key"],
        )
