"""Public pages and exports come from a cache keyed by the catalog's version.

Every change to the catalog (an admin save or delete, a publish action, load_year) bumps
the version in the database, so the next request on any worker, on any machine, misses
the old entries and renders afresh: a page is never stale after an edit. The same
version makes the ETag, so browsers and proxies revalidate with a cheap 304.
"""

import datetime
import hashlib
import threading
from collections import OrderedDict
from contextlib import contextmanager
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date

from .models import CATALOG_MODELS, Announcement, CatalogVersion

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


def current_version():
    """(version, changed_at) in one small query, on every cacheable request."""
    with connection.cursor() as cursor:
        cursor.execute(VERSION_SQL)
        row = cursor.fetchone()
    if row is None:
        return 0, 0
    version, changed_at = row
    if not isinstance(changed_at, datetime.datetime):  # SQLite hands back text
        changed_at = parse_datetime(changed_at)
    return version, int(changed_at.timestamp())


VERSION_SQL = f"SELECT version, changed_at FROM {CatalogVersion._meta.db_table} WHERE id = 1"  # noqa: S608


def cached_public(view):
    """Mark the view's anonymous responses as one public page for PageCacheMiddleware."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if _is_signed_in(request):
            patch_cache_control(response, private=True, no_cache=True)
        else:
            response.public_page = True
        return response

    return wrapper


NEVER_CACHED = ("/admin/", "/healthz", "/static/")
# Names the entry format, so entries an older release stored are never misread.
KEY_PREFIX = "page:1:"


class LocalPages:
    """The most recent pages in this process. Keys hold the catalog version, so an entry
    can never be stale: an edit makes new keys, and old ones age out."""

    def __init__(self, size=512):
        self.size = size
        self.entries = OrderedDict()

    def get(self, key):
        entry = self.entries.get(key)
        if entry is not None:
            self.entries.move_to_end(key)
        return entry

    def set(self, key, entry):
        self.entries[key] = entry
        self.entries.move_to_end(key)
        while len(self.entries) > self.size:
            self.entries.popitem(last=False)


class PageCacheMiddleware:
    """Answer anonymous GETs for public pages from the version-keyed cache.

    It sits just inside SecurityMiddleware and WhiteNoise: a hit skips sessions, CSRF,
    authentication and the view, and is returned with the headers the first, full
    response carried (the Content-Security-Policy among them). A page is looked for in
    this process first, then in the shared cache (files under var/, or Redis), and only
    then rendered. Every response says how to revalidate: ETag, Last-Modified,
    `Cache-Control: public, no-cache`, and 304 when nothing changed.
    """

    local = LocalPages()

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method not in ("GET", "HEAD")
            or _is_signed_in(request)
            or request.path_info.startswith(NEVER_CACHED)
        ):
            return self.get_response(request)
        try:
            version, changed_at = current_version()
        except DatabaseError:
            return self.get_response(request)  # the view explains, as /healthz does
        digest = hashlib.sha256(f"{version}|{request.get_full_path()}".encode()).hexdigest()
        etag = f'"{digest[:32]}"'
        key = f"{KEY_PREFIX}{digest}"
        entry = self.local.get(key)
        if entry is None and settings.PAGE_CACHE:
            entry = cache.get(key)
            if isinstance(entry, tuple) and len(entry) == 3:
                self.local.set(key, entry)
            else:
                entry = None
        if entry is not None:
            not_modified = get_conditional_response(request, etag=etag, last_modified=changed_at)
            if not_modified is not None:
                return self._revalidate(not_modified, etag, changed_at)
            status, headers, content = entry
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            return response

        response = self.get_response(request)
        if not getattr(response, "public_page", False) or response.status_code != 200:
            return response
        not_modified = get_conditional_response(request, etag=etag, last_modified=changed_at)
        self._revalidate(response, etag, changed_at)
        if not response.streaming:
            entry = (response.status_code, list(response.items()), response.content)
            if settings.PAGE_CACHE:
                self.local.set(key, entry)
                cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
        if not_modified is not None:
            return self._revalidate(not_modified, etag, changed_at)
        return response

    @staticmethod
    def _revalidate(response, etag, changed_at):
        response["ETag"] = etag
        response["Last-Modified"] = http_date(changed_at)
        # Revalidate every time: a 304 is cheap, and nothing stays stale after an edit.
        patch_cache_control(response, public=True, no_cache=True)
        patch_vary_headers(response, ["Cookie"])
        return response
