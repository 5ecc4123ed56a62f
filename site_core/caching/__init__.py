"""Speed without staleness: the anonymous page cache, cached page routes, the cached page chrome (menus, language
links) and the signals that start a new cache generation when content changes."""
