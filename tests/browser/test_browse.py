"""A visitor browses and filters the catalog's lists in a real browser, served by gunicorn."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.catalog import ANNOUNCEMENTS, announcements_with

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
JAVASCRIPT = pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])

LIST_PAGES = [
    ("announcements", "/announcements/"),
    ("announcements-storage-2024", "/announcements/?topic=storage&year=2024"),
    ("keynotes", "/keynotes/"),
    ("keynotes-storage", "/keynotes/?topic=storage"),
    ("speakers", "/speakers/"),
    ("speakers-brown", "/speakers/?q=brown"),
    ("announcements-bad-year", "/announcements/?topic=storage&year=abc"),
]
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
PER_PAGE = 20
STORAGE = len(announcements_with(topic="storage"))
DATABASES = len(announcements_with(topic="databases"))


def _result_titles(page):
    return page.locator(".result-list h2 a").all_inner_texts()


def _result_count(page):
    return page.locator(".result-count").inner_text()


def _query(page):
    return parse_qs(urlsplit(page.url).query)


@JAVASCRIPT
@VIEWPORTS
def test_journey_to_filtered_announcements_is_shareable(
    open_page, site_url, screenshot, viewport, javascript
):
    name = f"{viewport['width']}-{'js' if javascript else 'nojs'}"
    page = open_page(viewport, javascript)
    page.goto(site_url + "/")
    page.get_by_role("link", name="CEO Keynote with Matt Garman").click()
    page.wait_for_url(site_url + "/2024/keynotes/ceo-keynote/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Announcements").click()
    page.wait_for_url(site_url + "/announcements/")
    topic = page.locator("details.facet").filter(
        has=page.locator("summary", has_text=re.compile(r"^Topic"))
    )
    if topic.get_attribute("open") is None:
        topic.locator("summary").click()

    topic.get_by_label(re.compile(r"^Storage\b")).check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"/announcements/\?"))
    titles = _result_titles(page)
    screenshot(page, f"journey-storage-{name}")
    shared = open_page(viewport, javascript)
    shared.goto(page.url)
    shared_titles = _result_titles(shared)
    screenshot(shared, f"journey-storage-shared-{name}")

    assert page.url == site_url + "/announcements/?topic=storage"
    assert _result_count(page) == f"{STORAGE} announcements"
    assert len(titles) == STORAGE
    assert shared.url == page.url
    assert _result_count(shared) == f"{STORAGE} announcements"
    assert shared_titles == titles


def test_chip_removal_drops_only_that_filter(open_page, site_url, screenshot):
    page = open_page()
    page.goto(site_url + "/announcements/?topic=storage&topic=databases")
    before = _result_count(page)

    page.get_by_role("link", name="Topic: Storage").click()
    page.wait_for_url(lambda url: "storage" not in url)
    screenshot(page, "chip-removed-storage")

    assert before == f"{STORAGE + DATABASES} announcements"
    assert "storage" not in page.url
    assert _query(page) == {"topic": ["databases"]}
    assert _result_count(page) == f"{DATABASES} announcements"
    assert page.get_by_role("link", name="Topic: Databases").is_visible()


def test_bad_year_in_browser_shows_notice_and_applies_rest(open_page, site_url, screenshot):
    page = open_page()

    response = page.goto(site_url + "/announcements/?topic=storage&year=abc")
    notice = page.locator(".notice").inner_text()
    screenshot(page, "bad-year-notice")

    assert response.status == 200
    assert "There is no published edition for the year “abc”." in notice
    assert _result_count(page) == f"{STORAGE} announcements"
    assert len(_result_titles(page)) == STORAGE


def test_pagination_next_keeps_sort(open_page, site_url, screenshot):
    page = open_page()
    page.goto(site_url + "/announcements/?sort=title")
    first_count = _result_count(page)
    first_titles = _result_titles(page)

    page.get_by_role("navigation", name="Pages").get_by_role("link", name="Next").click()
    page.wait_for_url(re.compile(r"page=2"))
    second_titles = _result_titles(page)
    screenshot(page, "pagination-title-page-2")

    assert first_count == f"{len(ANNOUNCEMENTS)} announcements · page 1 of 2"
    assert len(first_titles) == PER_PAGE
    assert "sort=title" in page.url
    assert "page=2" in page.url
    assert _result_count(page) == f"{len(ANNOUNCEMENTS)} announcements · page 2 of 2"
    assert len(second_titles) == len(ANNOUNCEMENTS) - PER_PAGE
    assert second_titles[0].casefold() > first_titles[-1].casefold(), (
        first_titles[-1],
        second_titles[0],
    )


@pytest.mark.parametrize(("kind", "path"), LIST_PAGES, ids=[kind for kind, _ in LIST_PAGES])
@VIEWPORTS
def test_list_page_passes_axe(open_page, site_url, screenshot, kind, path, viewport):
    page = open_page(viewport)

    response = page.goto(site_url + path)
    results = Axe().run(page)
    screenshot(page, f"axe-list-{kind}-{viewport['width']}")

    assert response.status == 200
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize(("kind", "path"), LIST_PAGES, ids=[kind for kind, _ in LIST_PAGES])
def test_list_page_fits_phone_without_sideways_scroll(open_page, site_url, kind, path):
    page = open_page(PHONE)

    response = page.goto(site_url + path)
    overflow = page.evaluate(OVERFLOW)

    assert response.status == 200
    assert overflow == 0


def test_skip_link_first_tab_then_enter_focuses_main(open_page, site_url):
    page = open_page()
    page.goto(site_url + "/announcements/")

    page.keyboard.press("Tab")
    first_focus = page.evaluate("document.activeElement.textContent.trim()")
    first_class = page.evaluate("document.activeElement.className")
    page.keyboard.press("Enter")
    page.wait_for_url(site_url + "/announcements/#main")
    focused_id = page.evaluate("document.activeElement.id")

    assert first_focus == "Skip to content"
    assert first_class == "skip-link"
    assert focused_id == "main"


def test_keyboard_focus_is_a_dark_ring_on_light_backgrounds(open_page, site_url):
    page = open_page()
    page.goto(site_url + "/announcements/")
    page.keyboard.press("Tab")  # the skip link: keyboard use makes focus visible
    page.focus("#filter-q")

    style = page.evaluate(
        """() => {
            const s = getComputedStyle(document.activeElement);
            return [s.outlineStyle, s.outlineWidth, s.outlineColor];
        }"""
    )

    assert style == ["solid", "3px", "rgb(22, 25, 31)"]
