"""The demo's Spanish health pages stay drafts in the Medical review until a reviewer approves them (demo.spanish).
The unit tests and the browser tests read the Spanish site as it is after that approval, given here through the
workflow itself by a reviewer named for what it is ("Test Reviewer")."""


def approve_spanish_health_pages():
    """The demo's Spanish health pages stay drafts in the Medical review until a reviewer approves them (demo.spanish):
    most tests read the Spanish site as it is after that approval, given here through the workflow itself by a
    reviewer named for what it is. tests/editorial/test_review_holds.py checks the pages before it."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.models import Page

    from site_core.editorial import governance
    from site_core.editorial.review import health_page_models

    reviewer, _ = get_user_model().objects.get_or_create(
        username="test_reviewer", defaults={"first_name": "Test", "last_name": "Reviewer"}
    )
    reviewer.groups.add(Group.objects.get(name=governance.MEDICAL_REVIEWERS))
    waiting = Page.objects.type(*health_page_models()).filter(locale__language_code="es", live=False)
    for page in waiting.specific():
        task_state = page.current_workflow_task_state
        if task_state is not None:
            task_state.approve(user=reviewer)
