"""The project package: settings, URLs and WSGI, and one sub-package per concern every app shares
(pages, caching, security, editorial, seo; search in search.py). It imports no app of the site."""
