"""Registers site_core's models with Django under the `site_core` label. They live by concern in
`site_core.pages`: page types (`models`), clinic settings and their texts in other languages (`clinic`), people and their profiles in other
languages (`people`), menus (`menus`), the team page (`team`), the Visit us page (`location`) and policy
pages (`policy`)."""

from site_core.pages.clinic import ClinicSettings, ClinicSettingsTranslation
from site_core.pages.location import LocationPage
from site_core.pages.menus import Menu, MenuItem
from site_core.pages.models import HomePage, HomePageFeaturedService, StandardPage
from site_core.pages.people import Person, PersonTranslation
from site_core.pages.policy import PolicyPage
from site_core.pages.team import TeamPage

__all__ = [
    "ClinicSettings",
    "ClinicSettingsTranslation",
    "HomePage",
    "HomePageFeaturedService",
    "LocationPage",
    "Menu",
    "MenuItem",
    "Person",
    "PersonTranslation",
    "PolicyPage",
    "StandardPage",
    "TeamPage",
]
