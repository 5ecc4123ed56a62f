"""Template tags for people the pages name: the link to a practitioner's profile on the team page."""

from django import template
from django.utils import translation
from django.utils.html import format_html

from site_core.pages.team import profile_url as find_profile_url

register = template.Library()


@register.simple_tag(takes_context=True)
def profile_url(context, person):
    """The person's anchor on the team page ("" when they have no profile there)."""
    request = context.get("request")
    if request is None:
        return ""
    return find_profile_url(request, person, translation.get_language())


@register.simple_tag(takes_context=True)
def person_link(context, person):
    """The person's name and credentials, linked to their profile when they have one."""
    url = profile_url(context, person)
    return format_html('<a href="{}">{}</a>', url, str(person)) if url else str(person)
