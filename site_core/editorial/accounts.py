"""Who may manage which admin accounts: least privilege for the Administrators group.

Administrators manage ordinary accounts (neither superusers nor Administrators) and their membership of the
other groups. Only a superuser grants superuser status, makes an Administrator, or edits, deletes or
deactivates a superuser's or another Administrator's account; nobody but a superuser changes their own groups.
Group permissions themselves are not theirs to change (the group has no `auth` group permissions).

Wagtail's user viewset is swapped for AccountViewSet through the `wagtailusers` app config (site_core.editorial.apps);
the bulk actions on users (assign role, set active state, delete) pass through `refuse_bulk_action_on_accounts`.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users as wagtail_users

from site_core.editorial.governance import ADMINISTRATORS


def is_ordinary_account(user):
    """Neither a superuser nor an Administrator: the accounts an Administrator may manage."""
    return not user.is_superuser and not user.groups.filter(name=ADMINISTRATORS).exists()


def may_manage(acting_user, account):
    return acting_user.is_superuser or is_ordinary_account(account)


class LimitedAccountFormMixin:
    """Drops what only a superuser may set: superuser status, membership of Administrators, one's own groups."""

    def __init__(self, *args, acting_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if acting_user is None or acting_user.is_superuser:
            return
        self.fields.pop("is_superuser", None)
        if self.instance.pk is not None and self.instance.pk == acting_user.pk:
            self.fields.pop("groups", None)
        elif "groups" in self.fields:
            self.fields["groups"].queryset = Group.objects.exclude(name=ADMINISTRATORS)


class LimitedUserCreationForm(LimitedAccountFormMixin, UserCreationForm):
    pass


class LimitedUserEditForm(LimitedAccountFormMixin, UserEditForm):
    pass


class AccountFormKwargsMixin:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "acting_user": self.request.user}


class CreateView(AccountFormKwargsMixin, wagtail_users.CreateView):
    pass


class EditView(AccountFormKwargsMixin, wagtail_users.EditView):
    def dispatch(self, request, *args, **kwargs):
        # Editing one's own name, email or password stays possible (the form drops groups and status).
        if self.object != request.user and not may_manage(request.user, self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class DeleteView(wagtail_users.DeleteView):
    def dispatch(self, request, *args, **kwargs):
        if not may_manage(request.user, self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class AccountViewSet(wagtail_users.UserViewSet):
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView

    def get_form_class(self, for_update=False):
        return LimitedUserEditForm if for_update else LimitedUserCreationForm


def refuse_bulk_action_on_accounts(request, action_type, objects, action):
    """before_bulk_action: a non-superuser's bulk action on users touches only other ordinary accounts, and
    assigns no one to Administrators."""
    if getattr(action, "model", None) is not get_user_model() or request.user.is_superuser:
        return
    if any(account == request.user or not is_ordinary_account(account) for account in objects):
        raise PermissionDenied
    role = getattr(action, "cleaned_form", None) and action.cleaned_form.cleaned_data.get("role")
    if role is not None and role.name == ADMINISTRATORS:
        raise PermissionDenied
