"""The page cache's generation token, read on every memory-tier hit (site_core.caching.hit_path) as cheaply as the
cache backend allows: most of such a hit's time went into this one read.

- The file cache (the embedded default): `cache.get` opens, unpickles and decompresses the token's file. But the
  file cache never writes a value in place (`set` writes a new file and renames it over the old one), so while
  the reader holds open the file it read the token from (its inode cannot be reused), the token is unchanged
  exactly as long as the path still names that inode: one os.stat tells.
- Redis: one GET, through a client kept for the process. Django's Redis backend builds a new redis.Redis client
  for every command, which costs as much as the round trip itself.
- Anything else: `cache.get`.

Each is worked out again when the cache settings change (tests), never per request.
"""

import os
import threading

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache

from site_core.caching.page_cache import GENERATION_KEY


class TokenReader:
    def __init__(self):
        self._lock = threading.Lock()
        self._held = None  # (path, open descriptor, (st_dev, st_ino), token)
        self._configured = (None, None)  # (settings.CACHES, the read function for that configuration)

    def read(self):
        """The current token, or None when there is none (Django's path then makes one)."""
        configured, read = self._configured
        if configured is not settings.CACHES:
            configured = settings.CACHES
            read = self._read_function(caches["default"])
            self._configured = (configured, read)
        return read()

    def _read_function(self, backend):
        if isinstance(backend, FileBasedCache):
            path = backend._key_to_file(GENERATION_KEY)
            return lambda: self._from_file(path)
        if isinstance(backend, RedisCache):
            key = backend.make_and_validate_key(GENERATION_KEY)
            client, loads = backend._cache.get_client(key), backend._cache._serializer.loads

            def from_redis():
                value = client.get(key)
                return None if value is None else loads(value)

            return from_redis
        return lambda: cache.get(GENERATION_KEY)

    def _from_file(self, path):
        try:
            now = os.stat(path)
        except FileNotFoundError:
            return None  # cleared or culled
        with self._lock:
            held = self._held
            if held is not None and held[0] == path and held[2] == (now.st_dev, now.st_ino):
                return held[3]
        return self._reread(path)

    def _reread(self, path):
        try:
            fd = os.open(path, os.O_RDONLY)
        except FileNotFoundError:
            return None
        opened = os.fstat(fd)
        token = cache.get(GENERATION_KEY)
        try:
            still = os.stat(path)
        except FileNotFoundError:
            still = None
        # Kept only if the token was read from the very file held open (no rename came between).
        if token is None or still is None or (still.st_dev, still.st_ino) != (opened.st_dev, opened.st_ino):
            os.close(fd)
            return token
        with self._lock:
            old, self._held = self._held, (path, fd, (opened.st_dev, opened.st_ino), token)
        if old is not None:
            os.close(old[1])
        return token
