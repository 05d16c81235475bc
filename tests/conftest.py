"""Shared test set-up: every test database starts with the committed 2024 fixture."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

FIXTURE_2024 = Path(settings.BASE_DIR) / "fixtures" / "reinvent-2024.json"


def pytest_sessionstart(session):
    # Pages render {% static %} through the hashed manifest, as in production.
    call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("loaddata", FIXTURE_2024, verbosity=0)


def pytest_report_header(config):
    return f"database: {settings.DATABASES['default']['ENGINE']}"
