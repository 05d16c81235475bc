"""Browser tests: Debian's Chromium, driven by Playwright, against the site served by gunicorn.

The server gets a fresh database of the configured kind with the sample catalog of
tests/catalog.py loaded from a year file, as an operator loads a year. Every test here is
marked `browser`. Screenshots go to a temporary folder, or to the folder named by
REINVENT_SCREENSHOTS (e.g. `screenshots`, which git ignores) when it is set.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.browser.curators import DESKTOP
from tests.live import fresh_database, gunicorn, load_sample, manage

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HERE = Path(__file__).parent


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def site_url(tmp_path_factory):
    directory = tmp_path_factory.mktemp("site")
    with fresh_database(directory) as database_url:
        manage(database_url, "migrate", "--noinput", "-v0")
        load_sample(database_url, directory)
        with gunicorn(database_url) as url:
            yield url


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory):
    chosen = os.environ.get("REINVENT_SCREENSHOTS")
    if not chosen:
        return tmp_path_factory.mktemp("screenshots")
    folder = Path(chosen)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def screenshot(screenshots):
    def take(page, name):
        path = screenshots / f"{name}.png"
        page.screenshot(path=path, full_page=True)
        return path

    return take


@pytest.fixture
def open_page(browser):
    """Open a page in a fresh browser context (no cookies); every context closes afterwards."""
    contexts = []

    def open_(viewport=DESKTOP, javascript=True):
        context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
        contexts.append(context)
        return context.new_page()

    yield open_
    for context in contexts:
        context.close()
