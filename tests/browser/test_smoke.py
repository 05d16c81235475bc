"""A visitor opens the site in a real browser, served by gunicorn."""

import pytest
from axe_playwright_python.sync_playwright import Axe

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


def test_visitor_goes_from_the_home_page_to_a_keynote(browser, site_url, screenshot):
    page = browser.new_page(viewport=DESKTOP)
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))

    page.goto(site_url + "/")
    screenshot(page, "home-desktop")
    page.get_by_role("link", name="CEO Keynote with Matt Garman").click()

    assert page.url == site_url + "/2024/keynotes/ceo-keynote/"
    assert page.get_by_role("heading", level=1).inner_text() == "CEO Keynote with Matt Garman"
    assert "Tuesday 3 December 2024, 08:00" in page.locator(".when").first.inner_text()
    assert page.get_by_role("heading", name="Storage").is_visible()
    screenshot(page, "keynote-desktop")
    assert errors == []  # no refused resource, no missing file
    page.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
@pytest.mark.parametrize(
    "path", ["/", "/2024/keynotes/monday-night-live/", "/2024/announcements/aurora-dsql/"]
)
def test_pages_fit_a_phone_screen(browser, site_url, screenshot, path, javascript):
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    page = context.new_page()

    response = page.goto(site_url + path)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )

    assert response.status == 200
    assert overflow == 0
    assert page.get_by_role("heading", level=1).is_visible()
    name = path.strip("/").replace("/", "-") or "home"
    screenshot(page, f"{name}-phone-{'js' if javascript else 'nojs'}")
    context.close()


@pytest.mark.parametrize(
    ("kind", "path", "status"),
    [
        ("home", "/", 200),
        ("edition", "/2024/", 200),
        ("keynote", "/2024/keynotes/werner-vogels-keynote/", 200),
        ("announcement", "/2024/announcements/s3-metadata/", 200),
        ("speaker", "/speakers/werner-vogels/", 200),
        ("not-found", "/2024/keynotes/missing/", 404),
    ],
)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_page_type_passes_axe(browser, site_url, screenshot, kind, path, status, viewport):
    page = browser.new_page(viewport=viewport)

    response = page.goto(site_url + path)
    results = Axe().run(page)

    assert response.status == status
    assert results.violations_count == 0, results.generate_report()
    screenshot(page, f"axe-{kind}-{viewport['width']}")
    page.close()
