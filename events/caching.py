"""Public pages and exports come from a cache keyed by the catalog's version.

Every change to the catalog (an admin save or delete, a publish action, load_year) bumps
the version in the database, so the next request on any worker, on any machine, misses
the old entries and renders afresh: a page is never stale after an edit. The same
version makes the ETag, so browsers and proxies revalidate with a cheap 304.
"""

import hashlib
import threading
from contextlib import contextmanager
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from .models import (
    Announcement,
    Appearance,
    CatalogVersion,
    Edition,
    Keynote,
    KeyPoint,
    Service,
    Source,
    Speaker,
    Topic,
)

CATALOG_MODELS = [
    Edition,
    Source,
    Topic,
    Service,
    Speaker,
    Keynote,
    Appearance,
    KeyPoint,
    Announcement,
]


_suspended = threading.local()


def catalog_changed(**kwargs):
    if getattr(_suspended, "depth", 0) == 0:
        CatalogVersion.bump()


@contextmanager
def one_change():
    """Many writes as one change: the version goes up once, at the end."""
    _suspended.depth = getattr(_suspended, "depth", 0) + 1
    try:
        yield
    finally:
        _suspended.depth -= 1
    if _suspended.depth == 0:
        CatalogVersion.bump()


def connect_signals():
    for model in CATALOG_MODELS:
        post_save.connect(catalog_changed, sender=model, dispatch_uid=f"catalog-save-{model}")
        post_delete.connect(catalog_changed, sender=model, dispatch_uid=f"catalog-del-{model}")
    for through in (Announcement.topics.through, Announcement.services.through):
        m2m_changed.connect(catalog_changed, sender=through, dispatch_uid=f"catalog-m2m-{through}")


def _is_signed_in(request):
    # A session cookie may mean staff, who see drafts: never share their pages.
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def cached_public(view):
    """Serve the view from the version-keyed cache, with ETag and Last-Modified."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if _is_signed_in(request):
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            return response
        version, changed_at = CatalogVersion.current()
        digest = hashlib.sha256(f"{version}|{request.get_full_path()}".encode()).hexdigest()
        etag = f'"{digest[:32]}"'
        last_modified = int(changed_at.timestamp())  # HTTP dates have whole seconds
        response = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if response is None:
            key = f"page:{digest}"
            response = cache.get(key) if settings.PAGE_CACHE else None
            if response is None:
                response = view(request, *args, **kwargs)
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()  # the sitemap's TemplateResponse, before it is stored
                if settings.PAGE_CACHE and response.status_code == 200 and not response.streaming:
                    cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        if response.status_code in (200, 304):
            response["ETag"] = etag
            response["Last-Modified"] = http_date(last_modified)
        # Revalidate every time: a 304 is cheap, and nothing stays stale after an edit.
        patch_cache_control(response, public=True, no_cache=True)
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapper
