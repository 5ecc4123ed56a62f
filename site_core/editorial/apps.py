"""Wagtail's users app, configured with the account views of site_core.editorial.accounts (least privilege for
Administrators). Installed in settings in place of "wagtail.users"; same label, same models."""

from wagtail.users.apps import WagtailUsersAppConfig


class UsersConfig(WagtailUsersAppConfig):
    user_viewset = "site_core.editorial.accounts.AccountViewSet"
