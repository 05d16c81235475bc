"""Public pages and exports come from a cache keyed by the catalog's version.

Every change to the catalog (an admin save or delete, a publish action, load_year) bumps
the version in the database. The version is part of every cache key, so the next request
on any worker, on any machine, misses the old entries and renders afresh: a page is never
stale after an edit. The keys themselves are Django's (`django.utils.cache`), built from
the absolute URL, so a page made for one host or scheme is never served for another.

The shared cache (Redis, or files on one machine) is a help, never a need: when it fails,
the failure is logged and the page is rendered, and this process leaves the shared cache
alone for PAGE_CACHE_RETRY_SECONDS, so that a Redis that is down costs one short timeout
every few seconds rather than one on every request.
"""

import datetime
import hashlib
import logging
import threading
import time
from contextlib import contextmanager
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponseBase
from django.utils.cache import (
    get_cache_key,
    get_conditional_response,
    learn_cache_key,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.dateparse import parse_datetime
from django.utils.http import parse_http_date_safe
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import condition, require_safe

from .models import CATALOG_MODELS, Announcement, CatalogVersion

logger = logging.getLogger(__name__)

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


VERSION_SQL = f"SELECT version, changed_at FROM {CatalogVersion._meta.db_table} WHERE id = 1"  # noqa: S608


def current_version():
    """(version, changed_at as a Unix time) in one small query."""
    with connection.cursor() as cursor:
        cursor.execute(VERSION_SQL)
        row = cursor.fetchone()
    if row is None:
        return 0, 0
    version, changed_at = row
    if not isinstance(changed_at, datetime.datetime):  # SQLite hands back text
        changed_at = parse_datetime(changed_at)
    return version, int(changed_at.timestamp())


def request_version(request):
    """The catalog version for this request, read once and kept on the request.

    None when the database cannot say: the page is then rendered and not cached, and
    the view explains the failure as /healthz does.
    """
    if not hasattr(request, "catalog_version"):
        try:
            request.catalog_version = current_version()
        except DatabaseError:
            request.catalog_version = None
    return request.catalog_version


def _is_signed_in(request):
    # A session cookie may mean staff, who see drafts: never share their pages.
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def _etag(request, *args, **kwargs):
    version = None if _is_signed_in(request) else request_version(request)
    if version is None:
        return None
    # The same version and the same absolute URL (scheme, host, path and query) always
    # render the same page.
    url = request.build_absolute_uri()
    return hashlib.sha256(f"{version[0]}|{url}".encode()).hexdigest()[:32]


def _last_modified(request, *args, **kwargs):
    version = None if _is_signed_in(request) else request_version(request)
    if version is None:
        return None
    return datetime.datetime.fromtimestamp(version[1], tz=datetime.UTC)


def public_page(view):
    """What every public page shares: GET and HEAD only, no CSRF, one page for everyone.

    Anonymous responses carry an ETag and Last-Modified from the catalog version (through
    Django's `condition`, which also answers 304), say `public, no-cache` so that clients
    revalidate every time, and are marked for PageCacheMiddleware. Signed-in staff may
    see drafts, so their pages are private and never stored.
    """
    conditional = condition(etag_func=_etag, last_modified_func=_last_modified)(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = conditional(request, *args, **kwargs)
        if _is_signed_in(request):
            patch_cache_control(response, private=True, no_cache=True)
        else:
            patch_cache_control(response, public=True, no_cache=True)
            patch_vary_headers(response, ["Cookie"])
            response.public_page = True
        return response

    # A POST gets 405 from require_safe rather than a CSRF failure page.
    return csrf_exempt(require_safe(wrapper))


NEVER_CACHED = ("/admin/", "/healthz", "/static/")
# Names the entry format, so entries an older release stored are never misread.
KEY_FORMAT = "page2"


class PageCacheMiddleware:
    """Answer anonymous GETs for public pages from the version-keyed caches.

    It sits inside CommonMiddleware, which rejects hosts outside ALLOWED_HOSTS on every
    path, and outside everything else: a hit skips sessions, CSRF, authentication and the
    view, and is the stored response, headers and all (the Content-Security-Policy among
    them). A page is looked for in this process's memory first (the `local` cache), then
    in the shared cache (files under var/, or Redis), and only then rendered. Any error of
    the shared cache is logged and passed over: the page is rendered instead.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        # monotonic() time until which this process leaves the shared cache alone.
        self.shared_resting_until = 0.0

    def __call__(self, request):
        if (
            not settings.PAGE_CACHE
            or request.method not in ("GET", "HEAD")
            or _is_signed_in(request)
            or request.path_info.startswith(NEVER_CACHED)
        ):
            return self.get_response(request)
        version = request_version(request)
        if version is None:
            return self.get_response(request)
        key_prefix = f"{KEY_FORMAT}.{version[0]}"
        stores = [caches["local"]]
        if self._shared_usable():
            stores.append(caches["default"])
        for position, store in enumerate(stores):
            response = self._fetch(request, key_prefix, store, shared=position > 0)
            if isinstance(response, HttpResponseBase):
                for nearer in stores[:position]:
                    self._store(request, response, key_prefix, nearer, shared=False)
                return self._conditional(request, response)

        response = self.get_response(request)
        if (
            getattr(response, "public_page", False)
            and response.status_code == 200
            and not response.streaming
        ):
            # Stored as one piece: the Atom feed is written in thousands of small ones,
            # which would each be pickled, unpickled and sent on every hit.
            response.content = response.content
            for position, store in enumerate(stores):
                self._store(request, response, key_prefix, store, shared=position > 0)
        return response

    def _shared_usable(self):
        return time.monotonic() >= self.shared_resting_until

    def _shared_failed(self, action, error):
        seconds = settings.PAGE_CACHE_RETRY_SECONDS
        self.shared_resting_until = time.monotonic() + seconds
        logger.warning(
            "The shared page cache failed to %s a page (%s: %s); this process renders "
            "pages without it for the next %s seconds.",
            action,
            type(error).__name__,
            error,
            seconds,
        )

    def _fetch(self, request, key_prefix, store, shared):
        """The stored response, or None; None too when the shared cache fails."""
        try:
            key = get_cache_key(request, key_prefix, "GET", cache=store)
            return store.get(key) if key else None
        except Exception as error:
            if not shared:
                raise
            self._shared_failed("read", error)
            return None

    def _store(self, request, response, key_prefix, store, shared):
        if shared and not self._shared_usable():  # it failed earlier in this request
            return
        timeout = settings.PAGE_CACHE_SECONDS
        try:
            key = learn_cache_key(request, response, timeout, key_prefix, cache=store)
            store.set(key, response, timeout)
        except Exception as error:
            if not shared:
                raise
            self._shared_failed("store", error)

    @staticmethod
    def _conditional(request, response):
        """A 304 for a stored page the client already holds, as `condition` answers."""
        return get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
            response=response,
        )
