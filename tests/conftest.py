"""Shared test set-up: every test database starts with the committed 2024 fixture."""

import pytest
from django.conf import settings
from django.core.management import call_command


def pytest_sessionstart(session):
    # Pages render {% static %} through the hashed manifest, as in production.
    call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_year", "2024", verbosity=0)


def pytest_report_header(config):
    return f"database: {settings.DATABASES['default']['ENGINE']}"
