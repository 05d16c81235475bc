"""A site of its own with a curator account, and signing that curator in, for browser tests
that change the catalog in the admin."""

import contextlib

from tests.live import fresh_database, gunicorn, load_sample, manage

PASSWORD = "a-long-passphrase-for-browsers"
DESKTOP = {"width": 1280, "height": 900}


@contextlib.contextmanager
def curator_site(directory):
    """Serve the sample catalog from a fresh database with the curator casey; yield its URL."""
    with fresh_database(directory) as database_url:
        manage(database_url, "migrate", "--noinput", "-v0")
        load_sample(database_url, directory)
        manage(database_url, "create_curator", "casey", "-v0", env={"CURATOR_PASSWORD": PASSWORD})
        with gunicorn(database_url) as url:
            yield url


def sign_in(browser, site, **options):
    """(context, page) signed in as casey at the admin; page.console_errors collects errors."""
    context = browser.new_context(viewport=DESKTOP, **options)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.goto(site + "/admin/")
    page.get_by_label("Username").fill("casey")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(site + "/admin/")
    return context, page
