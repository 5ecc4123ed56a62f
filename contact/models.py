"""Registers the contact app's models with Django; they live in `records` (requests, routes, email settings)
and `pages` (the appointment-request page)."""

from contact.pages import ContactPage
from contact.records import EMAILS, AppointmentRequest, AppointmentSettings, NotificationRoute

__all__ = ["EMAILS", "AppointmentRequest", "AppointmentSettings", "ContactPage", "NotificationRoute"]
