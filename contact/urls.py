"""The contact app's URLs outside the page tree: the delivery health check (contact.health)."""

from django.urls import path

from contact import health

urlpatterns = [
    path("healthz/deliveries/", health.deliveries, name="healthz_deliveries"),
]
