"""Shared page models and what they are made of: BasePage, the home and standard pages, StreamField blocks,
clinic settings, people, menus, the image form, language versions and the error pages."""
