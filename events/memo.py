"""Work over the whole catalog, done once per version of it in each process.

Facet counts and the order of an unfiltered list read every year; they change only when
the catalog does. Kept under the catalog's version (see caching.py), they are never
stale: the first request after an edit computes them afresh.
"""

from django.core.cache import caches

from .caching import request_version


def no_memo(name, compute):
    """compute() every time: for callers with no request, and staff previews."""
    return compute()


def per_catalog_version(request, name, compute):
    """compute(), kept in this process's memory until the catalog changes. Only for what
    the public sees: a page that shows drafts computes its own."""
    version = request_version(request)
    if version is None:
        return compute()
    key = f"{name}:{version[0]}"
    return caches["memo"].get_or_set(key, compute, timeout=None)


def memo_for(request):
    """per_catalog_version bound to a request, as a `memo(name, compute)`."""
    return lambda name, compute: per_catalog_version(request, name, compute)
