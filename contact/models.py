"""Registers the contact app's models with Django; they live in `records` (requests, routes, email settings),
`pages` (the appointment-request page) and `intake` (intake staff's last visit to the request list)."""

from contact.intake import IntakeVisit
from contact.pages import ContactPage
from contact.records import EMAILS, AppointmentRequest, AppointmentSettings, NotificationRoute

__all__ = ["EMAILS", "AppointmentRequest", "AppointmentSettings", "ContactPage", "IntakeVisit", "NotificationRoute"]
