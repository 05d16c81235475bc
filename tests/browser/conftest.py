"""Browser tests: Debian's Chromium, driven by Playwright, against the site served by gunicorn.

The server gets a fresh database of the configured kind with every committed fixture
loaded, so the browser sees exactly what `make run` would serve.
"""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import sync_playwright

from tests.live import fresh_database, gunicorn, manage

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(settings.BASE_DIR) / "screenshots"


@pytest.fixture(scope="session")
def site_url(tmp_path_factory):
    with fresh_database(tmp_path_factory.mktemp("site")) as database_url:
        manage(database_url, "migrate", "--noinput", "-v0")
        manage(database_url, "load_fixtures", "-v0")
        with gunicorn(database_url) as url:
            yield url


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def screenshot():
    SCREENSHOTS.mkdir(exist_ok=True)

    def take(page, name):
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=path, full_page=True)
        return path

    return take
