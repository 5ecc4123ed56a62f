"""What the self-check's answers mean: the medical rules, in one place a clinician can review.

`outcome(form)` decides what a submission shows, in this order:

1. the crisis message, alone, whenever the safety answer is "yes" and the visitor has not yet chosen to
   continue (whatever else was answered, even nothing);
2. the adults-only message for anyone under 18;
3. the questions again, with what is missing named, when an answer is missing;
4. otherwise the summary (`assess`): what is worth discussing at a consultation, and which answers mean
   ketamine may not be suitable or needs extra care, each with its reason.

The summary informs a conversation; it never decides one. It never tells anyone they qualify, or that
they do not need help. The wording follows the evidence as the clinic's service pages describe it:
strongest for depression that has not improved after two or more medicines, weaker or early elsewhere.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .questions import MINOR, NO, YES

CRISIS, UNDER_18, QUESTIONS, SUMMARY = "crisis", "under_18", "questions", "summary"

# Why each answer to "Do any of these apply to you?" needs a clinician's care before ketamine.
CARE_REASONS = {
    "pregnancy": _(
        "Ketamine's safety in pregnancy and while breastfeeding has not been established, so it is generally "
        "not offered at these times. A clinician can talk through other options with you."
    ),
    "heart": _(
        "Ketamine raises blood pressure and heart rate for a while during each treatment. With high blood "
        "pressure that is not well controlled, or with heart disease, this can be unsafe, so a clinician needs "
        "to check your heart and blood pressure first and may advise against it."
    ),
    "psychosis": _(
        "Ketamine can bring on or worsen psychotic symptoms, and may trigger mania in some people with bipolar "
        "disorder. A history of psychosis or mania often means ketamine is not suitable, and always needs a "
        "careful assessment."
    ),
    "substance": _(
        "Ketamine can be misused, and heavy alcohol or drug use changes how safe it is. A clinician will ask "
        "about this openly and without judgement, and may suggest treating it first or alongside."
    ),
    "liver_bladder": _(
        "Ketamine is broken down by the liver, and frequent or long-term use has been linked to bladder damage "
        "and liver problems. Existing problems need checking before any treatment."
    ),
    "sedatives": _(
        "Taken with ketamine, opioids and benzodiazepines can add to drowsiness and slow breathing, and "
        "benzodiazepines may make ketamine less effective for depression. Never stop or change them on your "
        "own: a clinician will review them with you and whoever prescribed them."
    ),
}

# What the evidence says about each concern, in a sentence or two.
EVIDENCE = {
    "anxiety": _(
        "Research on ketamine for anxiety is still limited. Talking therapy and established medicines help many "
        "people and usually come first."
    ),
    "ptsd": _(
        "Studies of ketamine for PTSD are early and their results mixed. Trauma-focused talking therapies have the "
        "strongest evidence; ketamine, if used, is an addition to them, not a replacement."
    ),
    "ocd": _(
        "Evidence for ketamine in OCD comes from small studies, and its effect may be short-lived. Exposure and "
        "response prevention therapy and certain antidepressants are the established treatments."
    ),
    "pain": _(
        "Ketamine has been studied for some kinds of chronic pain, with mixed results and mostly short-term "
        "benefit. The kind of pain matters: bring any diagnosis and a list of the treatments you have tried."
    ),
    "other": _(
        "You chose something else. A clinician can tell you whether ketamine or another treatment has evidence "
        "for it, or suggest someone better placed to help."
    ),
}
DEPRESSION_AFTER_TWO = _(
    "Research on ketamine is strongest for depression that has not improved after two or more antidepressants, "
    "each taken properly (often called treatment-resistant depression). You said you have tried two or more "
    "medicines, so this is worth asking about."
)
DEPRESSION_BEFORE_TWO = _(
    "Research on ketamine is strongest for depression that has not improved after two or more antidepressants "
    "(often called treatment-resistant depression). You said you have tried fewer, or are not sure: established "
    "treatments usually come first, and a clinician can go through them with you."
)
RECENT = _(
    "You said this began less than six months ago. Ketamine is usually considered for symptoms that have lasted "
    "despite other treatment, so a clinician may suggest starting with other options."
)
NO_THERAPY = _(
    "You have not tried talking therapy. It has good evidence for all of these conditions, and ketamine, where it "
    "is used at all, works as part of a wider plan: ask about therapy too."
)
UNSURE_MEDICINES = _(
    "If you are not sure which medicines you have taken, a list from your pharmacy or doctor helps at the consultation."
)
NOTHING_LISTED = _(
    "You did not choose any of the listed health conditions. A clinician will still ask about your full medical "
    "history, your medicines and any allergies before recommending any treatment."
)


@dataclass
class Summary:
    """What the result page shows, worked out from valid answers."""

    answers: list = field(default_factory=list)  # (question, [answers]) as the visitor saw them
    worth_discussing: list = field(default_factory=list)  # sentences
    needs_care: list = field(default_factory=list)  # (answer, reason)
    nothing_listed: str = ""
    crisis_reminder: bool = False  # the visitor said yes to the safety question, then chose to continue


def outcome(form):
    """(state, summary or None): which of the four states this submission shows. See the module docstring."""
    if form.answered("safety") == YES and not form.continued:
        return CRISIS, None
    if form.answered("age") == MINOR:
        return UNDER_18, None
    if not form.is_valid():
        return QUESTIONS, None
    return SUMMARY, assess(form)


def assess(form):
    """The summary of valid answers."""
    data = form.cleaned_data
    concerns = data["concerns"]
    summary = Summary(crisis_reminder=data["safety"] == YES)
    for name in ("concerns", "duration", "therapy", "medicines", "health"):
        values = data[name] if isinstance(data[name], list) else [data[name]]
        summary.answers.append((form.fields[name].label, form.labelled(name, values) or [_("None of these")]))

    if "depression" in concerns:
        summary.worth_discussing.append(
            DEPRESSION_AFTER_TWO if data["medicines"] == "two_or_more" else DEPRESSION_BEFORE_TWO
        )
    summary.worth_discussing.extend(EVIDENCE[concern] for concern in concerns if concern in EVIDENCE)
    if data["duration"] == "under_6_months":
        summary.worth_discussing.append(RECENT)
    if data["therapy"] == NO:
        summary.worth_discussing.append(NO_THERAPY)
    if data["medicines"] == "not_sure":
        summary.worth_discussing.append(UNSURE_MEDICINES)

    for answer in data["health"]:
        summary.needs_care.append((form.labelled("health", [answer])[0], CARE_REASONS[answer]))
    if not summary.needs_care:
        summary.nothing_listed = NOTHING_LISTED
    return summary
