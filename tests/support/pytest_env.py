"""Loaded by pytest before Django's settings (`-p tests.support.pytest_env` in pyproject.toml).

The suite keeps a local-memory cache unless CACHE_URL or REDIS_URL names one (CI's second pass uses Redis):
the default file cache lives under the worktree's var/cache, which a `make run` server beside the suite also
uses, and every test clears the cache; local memory keeps the two apart and the suite fast. The file cache's
behaviour is tested on its own (tests/caching/test_shared_cache.py).
"""

import os

if not os.environ.get("CACHE_URL") and not os.environ.get("REDIS_URL"):
    os.environ["CACHE_URL"] = "locmemcache://"
