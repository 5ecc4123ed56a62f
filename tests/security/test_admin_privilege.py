"""Least privilege for Administrators (issue 13): they manage ordinary accounts and their membership of the other
groups, but cannot grant superuser, change their own groups, make Administrators, or touch superusers' and other
Administrators' accounts; and they cannot give a group more permissions."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from site_core.editorial import governance
from tests.editorial.test_governance import make_user, signed_in


@pytest.fixture
def administrator(demo, django_user_model):
    return make_user(
        django_user_model,
        governance.ADMINISTRATORS,
        "office_admin",
        first_name="Oda",
        last_name="Admin",
        email="o@x.test",
    )


@pytest.fixture
def editor(demo, django_user_model):
    return make_user(
        django_user_model, governance.EDITORS, "an_editor", first_name="Eda", last_name="Editor", email="e@x.test"
    )


def group_ids(*names):
    return [str(pk) for pk in Group.objects.filter(name__in=names).values_list("pk", flat=True)]


def account_form(user, groups, **extra):
    return {
        "username": user.username,
        "email": user.email or f"{user.username}@x.test",
        "first_name": user.first_name or "First",
        "last_name": user.last_name or "Last",
        "password1": "",
        "password2": "",
        "is_active": "on",
        "groups": groups,
        **extra,
    }


def test_an_administrator_cannot_make_anyone_a_superuser(client, administrator, editor):
    # As reported: through the user edit form.
    signed_in(client, administrator)
    url = reverse("wagtailusers_users:edit", args=[editor.pk])
    form = client.get(url)
    assert form.status_code == 200
    assert b'name="is_superuser"' not in form.content
    client.post(url, account_form(editor, group_ids(governance.EDITORS), is_superuser="on"))
    editor.refresh_from_db()
    assert not editor.is_superuser


def test_an_administrator_cannot_create_a_superuser(client, administrator):
    signed_in(client, administrator)
    url = reverse("wagtailusers_users:add")
    assert b'name="is_superuser"' not in client.get(url).content
    client.post(
        url,
        {
            "username": "newcomer",
            "email": "n@x.test",
            "first_name": "New",
            "last_name": "Comer",
            "password1": "a-long-test-password-9",
            "password2": "a-long-test-password-9",
            "groups": group_ids(governance.EDITORS),
            "is_superuser": "on",
        },
    )
    from django.contrib.auth import get_user_model

    newcomer = get_user_model().objects.get(username="newcomer")
    assert not newcomer.is_superuser
    assert list(newcomer.groups.values_list("name", flat=True)) == [governance.EDITORS]


def test_an_administrator_cannot_change_their_own_groups(client, administrator):
    signed_in(client, administrator)
    url = reverse("wagtailusers_users:edit", args=[administrator.pk])
    assert b'name="groups"' not in client.get(url).content
    everything = group_ids(*governance.GROUPS)
    client.post(url, account_form(administrator, everything, is_superuser="on"))
    administrator.refresh_from_db()
    assert list(administrator.groups.values_list("name", flat=True)) == [governance.ADMINISTRATORS]
    assert not administrator.is_superuser


def test_an_administrator_cannot_edit_or_delete_a_superuser(client, administrator, django_user_model):
    boss = django_user_model.objects.create_superuser("chief", "chief@x.test", "a-long-test-password-1")
    signed_in(client, administrator)
    edit = reverse("wagtailusers_users:edit", args=[boss.pk])
    assert client.get(edit).status_code in (302, 403)
    client.post(edit, account_form(boss, [], password1="taken-over-pass-123", password2="taken-over-pass-123"))
    boss.refresh_from_db()
    assert boss.check_password("a-long-test-password-1")
    assert boss.email == "chief@x.test"
    assert client.post(reverse("wagtailusers_users:delete", args=[boss.pk])).status_code in (302, 403)
    assert django_user_model.objects.filter(pk=boss.pk).exists()


def test_an_administrator_cannot_edit_another_administrator(client, administrator, django_user_model):
    other = make_user(django_user_model, governance.ADMINISTRATORS, "second_admin", email="s@x.test")
    signed_in(client, administrator)
    assert client.get(reverse("wagtailusers_users:edit", args=[other.pk])).status_code in (302, 403)


def test_an_administrator_manages_an_ordinary_accounts_groups_but_not_into_administrators(
    client, administrator, editor
):
    signed_in(client, administrator)
    url = reverse("wagtailusers_users:edit", args=[editor.pk])
    response = client.post(url, account_form(editor, group_ids(governance.EDITORS, governance.INTAKE_STAFF)))
    assert response.status_code == 302
    assert set(editor.groups.values_list("name", flat=True)) == {governance.EDITORS, governance.INTAKE_STAFF}
    client.post(url, account_form(editor, group_ids(governance.EDITORS, governance.ADMINISTRATORS)))
    assert not editor.groups.filter(name=governance.ADMINISTRATORS).exists()


def test_bulk_actions_never_reach_an_administrators_own_account_or_a_superuser(
    client, administrator, editor, django_user_model
):
    boss = django_user_model.objects.create_superuser("chief", "chief@x.test", "a-long-test-password-1")
    signed_in(client, administrator)
    reviewers = Group.objects.get(name=governance.MEDICAL_REVIEWERS)

    def bulk(action, ids, data):
        url = reverse("wagtail_bulk_action", args=["auth", "user", action])
        return client.post(url + "?" + "&".join(f"id={pk}" for pk in ids), data)

    bulk("assign_role", [administrator.pk], {"role": reviewers.pk})
    assert not administrator.groups.filter(pk=reviewers.pk).exists()
    bulk("set_active_state", [boss.pk], {"mark_as_active": "False"})
    boss.refresh_from_db()
    assert boss.is_active
    admins = Group.objects.get(name=governance.ADMINISTRATORS)
    bulk("assign_role", [editor.pk], {"role": admins.pk})
    assert not editor.groups.filter(pk=admins.pk).exists()
    # An ordinary account is still theirs to manage.
    bulk("assign_role", [editor.pk], {"role": reviewers.pk})
    assert editor.groups.filter(pk=reviewers.pk).exists()


def test_an_administrator_cannot_give_a_group_more_permissions(client, administrator):
    signed_in(client, administrator)
    for group in Group.objects.filter(name__in=governance.GROUPS):
        assert client.get(reverse("wagtailusers_groups:edit", args=[group.pk])).status_code in (302, 403)
    assert client.get(reverse("wagtailusers_groups:add")).status_code in (302, 403)
