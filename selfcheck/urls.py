from django.urls import path

from . import views

urlpatterns = [
    path("self-check/<int:page_id>/", views.answer, name="selfcheck_answer"),
]
