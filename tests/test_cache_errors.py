"""A shared page cache that fails (Redis down, or too slow) never fails a page.

Its errors are logged and the page is rendered; for PAGE_CACHE_RETRY_SECONDS afterwards the
process leaves the shared cache alone, so a dead Redis does not cost a timeout on every
request. Each process's own memory cache keeps working meanwhile. The same with a real
Redis server, stopped and started again under two gunicorns, is in test_redis_live.py.
"""

import logging
import socket
import time

import pytest
from django.core.cache.backends.base import BaseCache

from events.models import Announcement

from .fresh_process import read_settings

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sample_catalog")]

PAGES = [
    "/2024/announcements/aurora-dsql/",
    "/2024/keynotes/ceo-keynote/",
    "/announcements/?year=2024",
    "/announcements.json?year=2024",
]


class BrokenCache(BaseCache):
    """A shared cache whose server is gone: every call fails, as redis-py's do."""

    calls = 0

    def __init__(self, location, params):
        super().__init__(params)

    def _fail(self, *args, **kwargs):
        type(self).calls += 1
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    get = set = add = delete = touch = has_key = clear = _fail


@pytest.fixture
def broken_shared_cache(settings):
    BrokenCache.calls = 0
    settings.CACHES = {
        "default": {"BACKEND": f"{__name__}.BrokenCache"},
        # emptied before each test (conftest.py)
        "local": settings.CACHES["local"],
        "memo": settings.CACHES["memo"],
    }
    return BrokenCache


def titles(client, pages=PAGES):
    statuses, bodies = [], []
    for page in pages:
        response = client.get(page)
        statuses.append(response.status_code)
        bodies.append(response.content.decode())
    return statuses, bodies


def test_pages_are_rendered_when_the_shared_cache_fails(client, broken_shared_cache, caplog):
    with caplog.at_level(logging.WARNING, logger="events.caching"):
        statuses, bodies = titles(client)

    assert statuses == [200] * len(PAGES)
    assert all("Amazon Aurora DSQL" in body for body in bodies)
    assert broken_shared_cache.calls >= 1
    warnings = [r.getMessage() for r in caplog.records if r.name == "events.caching"]
    assert warnings
    assert "The shared page cache failed to read a page (ConnectionError" in warnings[0]


def test_after_a_failure_the_shared_cache_rests_and_memory_still_serves(
    client, broken_shared_cache, django_assert_num_queries
):
    titles(client)
    calls_after_first_failure = broken_shared_cache.calls
    # Each page, rendered once, now comes from this process's memory: the catalog
    # version is the one query.
    for page in PAGES:
        with django_assert_num_queries(1):
            assert client.get(page).status_code == 200

    # Resting: no request touched the shared cache after the first failure.
    assert broken_shared_cache.calls == calls_after_first_failure == 1


def test_an_edit_shows_at_once_while_the_shared_cache_is_down(client, broken_shared_cache):
    titles(client)
    announcement = Announcement.objects.get(slug="aurora-dsql")
    announcement.title = "Aurora DSQL, edited while the cache is down"
    announcement.save()

    statuses, bodies = titles(client)

    assert statuses == [200] * len(PAGES)
    assert all("Aurora DSQL, edited while the cache is down" in body for body in bodies)


def test_the_shared_cache_is_tried_again_after_its_rest(client, broken_shared_cache, settings):
    settings.PAGE_CACHE_RETRY_SECONDS = 0.2
    titles(client, PAGES[:1])
    resting = broken_shared_cache.calls
    titles(client, PAGES[1:2])
    time.sleep(0.3)
    statuses, _ = titles(client, PAGES[2:3])

    assert resting == 1
    assert broken_shared_cache.calls == 2
    assert statuses == [200]


def test_a_redis_that_never_answers_costs_one_timeout_not_one_per_request(client, settings):
    # A server that accepts connections and never replies: the worst case, a Redis that
    # hangs or a network that drops packets. The options are those settings.py gives
    # REDIS_URL.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(64)
        url = f"redis://127.0.0.1:{silent.getsockname()[1]}/0"
        shared = read_settings("CACHES", REDIS_URL=url)["CACHES"]["default"]
        settings.CACHES = {**settings.CACHES, "default": shared}
        timings = []
        for page in PAGES * 3:
            started = time.monotonic()
            assert client.get(page).status_code == 200
            timings.append(time.monotonic() - started)

    assert shared["OPTIONS"]["socket_timeout"] <= 0.5
    assert shared["OPTIONS"]["socket_connect_timeout"] <= 0.5
    # The first request waits for one timeout; the rest do not wait at all.
    assert timings[0] < 2
    assert sum(timings[1:]) < 2
