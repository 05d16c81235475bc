"""Shared test set-up.

Test databases start empty. Behaviour tests build the rows they need: the sample catalog
of tests/catalog.py (`sample_catalog`) or rows from tests/factories.py. Only the tests of
the committed fixture and its loader load `fixtures/reinvent-2024.json` (`reinvent_2024`).

Nothing here writes into the working tree: static files are collected into a temporary
folder of the session's, which tests/live.py also hands to the gunicorn it starts, and
every process the tests start keeps its file page cache in that folder too.
"""

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings

from . import catalog


def pytest_sessionstart(session):
    # Each test gets an empty in-memory page cache of its own (see clear_page_cache);
    # the page cache itself is tested against real processes in test_caching.py.
    in_memory = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    override_settings(
        CACHES={
            "default": {**in_memory, "LOCATION": "shared"},
            "local": in_memory,
            "memo": {**in_memory, "LOCATION": "memo"},
        }
    ).enable()
    scratch = Path(tempfile.mkdtemp(prefix="reinvent-tests-"))
    session.config.scratch = scratch
    # Pages render {% static %} through the hashed manifest, as in production, from files
    # collected into the session's folder (tests/live.py passes them to gunicorn).
    override_settings(STATIC_ROOT=scratch / "static").enable()
    call_command("collectstatic", interactive=False, verbosity=0)
    # Subprocesses (manage.py, gunicorn, settings checks) inherit these unless a test sets
    # its own: none writes a page cache or a forced load's backup into var/.
    session.config.environ_before = {
        name: os.environ.get(name) for name in ("DJANGO_CACHE_DIR", "DJANGO_BACKUP_DIR")
    }
    os.environ["DJANGO_CACHE_DIR"] = str(scratch / "cache")
    os.environ["DJANGO_BACKUP_DIR"] = str(scratch / "backups")
    override_settings(BACKUP_DIR=scratch / "backups").enable()
    # Passwords are hashed quickly: what is tested is who may sign in, not the hash's cost.
    override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]).enable()


def pytest_sessionfinish(session):
    scratch = getattr(session.config, "scratch", None)
    if scratch is None:
        return
    for name, before in session.config.environ_before.items():
        if before is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = before
    shutil.rmtree(scratch, ignore_errors=True)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    # test_*_live.py modules run the site or its commands in processes of their own.
    for item in items:
        if item.path.name.startswith("test_") and item.path.stem.endswith("_live"):
            item.add_marker(pytest.mark.live)


@pytest.fixture(autouse=True)
def clear_page_cache():
    # Tests roll their data back, and the catalog version with it: never carry a page
    # rendered from one test's data into the next.
    for store in caches.all():
        store.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, migrated and empty.

    On PostgreSQL its tables are left out of autovacuum: every test rolls its rows back,
    so an automatic ANALYZE would find the tables empty and the planner would then plan
    for a single row while a test fills them with hundreds (one list query took 16 s).
    Without statistics it estimates from the tables' actual size instead.
    """
    if connection.vendor == "postgresql":
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            for table in connection.introspection.table_names(cursor):
                cursor.execute(f'ALTER TABLE "{table}" SET (autovacuum_enabled = false)')


@contextlib.contextmanager
def _rows_for_the_module(django_db_blocker, write):
    """Write rows once for a test module, and take them away after its last test.

    The rows are written in a transaction that stays open while the module's tests run,
    each in a savepoint of its own (as Django's TestCase.setUpTestData does), so every
    test starts from exactly these rows. Use it for a whole module, through `pytestmark`:
    a test of that module that did not ask for the rows would still see them.
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
    try:
        with django_db_blocker.unblock():
            write()
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def sample_catalog(django_db_setup, django_db_blocker):
    """The sample catalog of tests/catalog.py, for every test of the module."""
    with _rows_for_the_module(django_db_blocker, catalog.build):
        yield catalog


def _load_years(*years):
    def load():
        for year in years:
            call_command("load_year", str(year), verbosity=0)

    return load


@pytest.fixture(scope="module")
def reinvent_2024(django_db_setup, django_db_blocker):
    """fixtures/reinvent-2024.json, loaded by load_year, for every test of the module, after
    2023's, whose announcements 2024's follow.

    Only for the tests of that file and of its loading; behaviour tests use
    `sample_catalog`, so that correcting the file changes none of them.
    """
    with _rows_for_the_module(django_db_blocker, _load_years(2023, 2024)):
        yield


@pytest.fixture(scope="module")
def every_year(django_db_setup, django_db_blocker):
    """Every committed year file, loaded oldest first as `make run` loads them."""
    with _rows_for_the_module(django_db_blocker, _load_years(2023, 2024, 2025)):
        yield


def pytest_report_header(config):
    return f"database: {settings.DATABASES['default']['ENGINE']}"
