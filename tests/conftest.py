"""Shared test set-up: every test database starts with the committed 2024 fixture."""

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.test import override_settings


def pytest_sessionstart(session):
    # Each test gets an empty in-memory page cache of its own (see clear_page_cache);
    # the page cache itself is tested against real processes in test_caching.py.
    in_memory = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    override_settings(
        CACHES={"default": {**in_memory, "LOCATION": "shared"}, "local": in_memory}
    ).enable()
    # Pages render {% static %} through the hashed manifest, as in production.
    call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture(autouse=True)
def clear_page_cache():
    # Tests roll their data back, and the catalog version with it: never carry a page
    # rendered from one test's data into the next.
    for store in caches.all():
        store.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_year", "2024", verbosity=0)


def pytest_report_header(config):
    return f"database: {settings.DATABASES['default']['ENGINE']}"
