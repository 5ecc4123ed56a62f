"""Every admin URL pattern the resolver knows, with its kwargs filled from real objects: the address list
tests/security/test_admin_url_walk.py requests as every role.

A pattern whose kwargs cannot be filled is reported by `walk_urls` (never dropped), so a view a future
Wagtail release adds either gets walked or fails the walk until it is seeded or listed with a reason.
"""

import re
from urllib.parse import urlencode

from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Patterns without a name, requested at a concrete address.
UNNAMED = {"admin/test404/": "/admin/test404/", "admin/^.*/$": "/admin/no-such-admin-page/"}

# Patterns whose ids cannot be filled with a real object, name -> why (none today). Prefer seeding one.
UNFILLABLE = {}
# Requested, but last (see `_walk_as` in tests/security/test_admin_url_walk.py).
LAST = {"wagtailadmin_logout"}

# Kwargs that depend on the pattern rather than on an object (model labels, actions, image filters).
FIXED_KWARGS = {
    "wagtail_bulk_action": {"app_label": "contact", "model_name": "appointmentrequest", "action": "delete"},
    "wagtailsettings:edit": {"app_name": "contact", "model_name": "appointmentsettings"},
    "wagtailsettings:preview_on_edit": {"app_name": "contact", "model_name": "appointmentsettings"},
    "wagtailadmin_tag_model_autocomplete": {"app_name": "wagtailimages", "model_name": "image"},
    "simple_translation:submit_snippet_translation": {"app_label": "contact", "model_name": "appointmentrequest"},
    "wagtailadmin_workflows:add_task": {"app_label": "wagtailcore", "model_name": "groupapprovaltask"},
    "wagtailadmin_editing_sessions:ping": {"app_label": "contact", "model_name": "appointmentrequest"},
    "wagtailadmin_api:pages:action": {"action_name": "copy"},
    "wagtailadmin_pages:workflow_action": {"action_name": "approve"},
    "wagtailadmin_pages:collect_workflow_action_data": {"action_name": "approve"},
    "wagtailimages:preview": {"filter_spec": "original"},
}

# Extra query strings: searches for the patient, exports, and the id lists of choosers and bulk actions.
LISTING = re.compile(r"(^|:)(list|list_results|index|index_results|choose|choose_results|search|search_results)$")


def _patterns(resolver=None, prefix="", namespaces=(), kwargs=()):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        names = _kwarg_names(pattern.pattern)
        if isinstance(pattern, URLResolver):
            spaces = namespaces + ((pattern.namespace,) if pattern.namespace else ())
            yield from _patterns(pattern, route, spaces, kwargs + names)
        elif isinstance(pattern, URLPattern) and route.startswith(("admin/", "^admin/")):
            name = ":".join(namespaces + (pattern.name,)) if pattern.name else None
            yield route, name, kwargs + names


def _kwarg_names(pattern):
    converters = getattr(pattern, "converters", None)
    if converters:
        return tuple(converters)
    return tuple(pattern.regex.groupindex)


def admin_patterns():
    """Every URL pattern under /admin/: (route, namespaced name or None, names of its kwargs)."""
    return list(_patterns())


def _models_by_namespace():
    from django.apps import apps
    from wagtail.admin.viewsets import viewsets

    found = {}
    for viewset in viewsets.viewsets:
        model = getattr(viewset, "model", None)
        if isinstance(model, str):
            model = apps.get_model(model)
        if model is not None and viewset.name:
            found[viewset.url_namespace] = model
    return found


def _object_id(model, ids):
    if model._meta.label == "contact.AppointmentRequest":
        return ids["patient"].pk
    first = model._default_manager.order_by("pk").first()
    return first.pk if first is not None else None


BY_KWARG = {
    **dict.fromkeys(["page_id", "parent_page_id", "page_to_move_id", "page_pk", "destination_id"], "page"),
    "image_id": "image",
    "document_id": "document",
    "doc_id": "document",
    "uploaded_file_id": "upload",
    "revision_id": "revision",
    "session_id": "session",
    "collection_id": "collection",
    "workflow_state_id": "workflow_state",
    "task_state_id": "task_state",
    "task_id": "task",
    "workflow_pk": "workflow",
    "redirect_id": "redirect",
    "uidb64": "uidb64",
    "token": "token",
}
NAMESPACE_MODELS = {
    "wagtailadmin_api:pages": "wagtailcore.Page",
    "wagtailadmin_api:documents": "wagtaildocs.Document",
    "wagtailadmin_api:images": "wagtailimages.Image",
    "wagtailadmin_pages": "wagtailcore.Page",
    "wagtailadmin_workflows": "wagtailcore.Workflow",
    "wagtailadmin_collections": "wagtailcore.Collection",
    "wagtailsettings": "wagtailcore.Site",  # a site's settings are addressed by the site's id
}
TASK_VIEWS = {"wagtailadmin_workflows:edit_task", "wagtailadmin_workflows:disable_task"}
TASK_VIEWS |= {"wagtailadmin_workflows:enable_task"}


def fill(name, kwarg_names, ids, models):
    """The kwargs for one pattern, or raise LookupError naming what could not be filled."""
    from django.apps import apps

    kwargs = dict(FIXED_KWARGS.get(name, {}))
    namespace = name.rsplit(":", 1)[0] if ":" in name else ""
    for key in kwarg_names:
        if key in kwargs:
            continue
        if key in BY_KWARG:
            kwargs[key] = ids[BY_KWARG[key]]
        elif key in ("content_type_app_name", "content_type_model_name"):
            kwargs[key] = ids["page_type"][key == "content_type_model_name"]
        elif key in ("app_label", "app_name") and name == "wagtailadmin_pages:choose_parent":
            kwargs[key] = ids["page_type"][0]
        elif key == "model_name" and name == "wagtailadmin_pages:choose_parent":
            kwargs[key] = ids["page_type"][1]
        elif key == "revision_id_a":
            kwargs[key] = "earliest"
        elif key == "revision_id_b":
            kwargs[key] = "latest"
        elif key in ("pk", "object_id"):
            if name in TASK_VIEWS:
                kwargs[key] = ids["task"]
                continue
            if FIXED_KWARGS.get(name, {}).get("model_name") == "appointmentrequest":
                kwargs[key] = ids["patient"].pk
                continue
            model = models.get(namespace)
            if model is None and namespace in NAMESPACE_MODELS:
                model = apps.get_model(NAMESPACE_MODELS[namespace])
            object_id = _object_id(model, ids) if model is not None else None
            if object_id is None:
                raise LookupError(f"{key}: no model or no object for namespace {namespace!r}")
            kwargs[key] = object_id
        else:
            raise LookupError(f"{key}: no rule to fill it")
    return kwargs


def queries(name, kwargs_for_chosen, search):
    """The query strings to request a URL with: none, plus a search for the patient on listings, exports on
    model listings, and an id on choosers' and bulk actions' "several chosen" views."""
    found = [""]
    if LISTING.search(name):
        found.append("?" + urlencode({"q": search}))
    if name.endswith((":list", ":index")):
        found.append("?export=csv")
    if kwargs_for_chosen is not None:
        found.append(f"?id={kwargs_for_chosen}")
    return found


def _chosen_id(name, ids, models):
    """The id a "chosen-multiple" or bulk-action view is asked about: an object of the kind it chooses."""
    if name == "wagtail_bulk_action":
        return ids["patient"].pk
    if not name.endswith("chosen_multiple"):
        return None
    if name == "wagtailadmin_choose_page_chosen_multiple":
        return ids["page"]
    return fill(name.replace("chosen_multiple", "chosen"), ("pk",), ids, models)["pk"]


def walk_urls(ids, search):
    """(url, pattern name, route) for every admin pattern; and the patterns that could not be filled, with why."""
    models = _models_by_namespace()
    urls, unfilled = [], {}
    patterns = list(admin_patterns())
    # An unnamed pattern in front of a named one at the same address (site_core.editorial.review_ux) answers that
    # name's URLs, so walking the named pattern with real ids requests it.
    named_routes = {route for route, name, _kwargs in patterns if name is not None}
    for route, name, kwarg_names in patterns:
        if name is None and route in named_routes:
            continue
        if name is None:
            if route not in UNNAMED:
                unfilled[route] = "unnamed pattern: add its address to UNNAMED"
                continue
            urls.append((UNNAMED[route], route, route))
            continue
        if name in UNFILLABLE or name in LAST:
            continue
        try:
            kwargs = fill(name, kwarg_names, ids, models)
            url = reverse(name, kwargs=kwargs)
        except Exception as error:  # noqa: BLE001 - any failure is reported with the pattern
            unfilled[name] = f"{route}: {error}"
            continue
        urls += [(url + query, name, route) for query in queries(name, _chosen_id(name, ids, models), search)]
    return urls, unfilled
