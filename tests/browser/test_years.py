"""A visitor browses a catalog of several years: every edition in reach, newest first,
and on a phone the search box before the results."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.live import fresh_database, gunicorn, load_sample, manage
from tests.year_files import write_generated_year

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"

# Each list page, its search box's name and where its first result is.
LISTS = [
    ("announcements", "/announcements/", ".result-list > li"),
    ("keynotes", "/keynotes/", ".cards-list > li"),
    ("speakers", "/speakers/", ".speaker-list > li"),
]
PAGES = [
    ("home", "/"),
    ("edition-2023", "/2023/"),
    ("announcements", "/announcements/"),
    ("keynotes", "/keynotes/"),
    ("keynotes-2025", "/keynotes/?year=2025"),
    ("speakers", "/speakers/"),
]


@pytest.fixture(scope="module")
def years_url(tmp_path_factory):
    """The site with the sample 2024 and generated 2023 and 2025 editions, loaded as an
    operator loads years."""
    directory = tmp_path_factory.mktemp("years")
    with fresh_database(directory) as database_url:
        manage(database_url, "migrate", "--noinput", "-v0")
        load_sample(database_url, directory)
        for year, keynotes, announcements in ((2023, 3, 9), (2025, 4, 30)):
            path = write_generated_year(
                directory / f"generated-{year}.json",
                year,
                keynotes=keynotes,
                announcements=announcements,
            )
            manage(database_url, "load_year", str(year), "--file", str(path), "-v0")
        with gunicorn(database_url) as url:
            yield url


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
@pytest.mark.parametrize(("noun", "path", "first_result"), LISTS, ids=[n for n, _, _ in LISTS])
def test_on_a_phone_the_search_box_comes_before_the_results(
    open_page, years_url, noun, path, first_result, javascript
):
    page = open_page(PHONE, javascript)
    page.goto(years_url + path)

    search = page.get_by_role("searchbox", name=f"Search {noun}")
    box = search.bounding_box()
    result = page.locator(first_result).first.bounding_box()

    assert search.is_visible()
    assert box["y"] + box["height"] <= result["y"]
    assert box["y"] < PHONE["height"]  # in the first screenful
    assert page.get_by_role("button", name="Search", exact=True).is_visible()


def test_searching_from_the_phone_box_keeps_the_other_filters(open_page, years_url):
    page = open_page(PHONE, javascript=False)
    page.goto(years_url + "/announcements/?year=2024")

    page.get_by_role("searchbox", name="Search announcements").fill("bedrock")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(re.compile(r"q=bedrock"))

    assert page.url == years_url + "/announcements/?q=bedrock&year=2024"
    assert page.get_by_role("link", name="Search: “bedrock”").is_visible()


def test_on_a_wide_screen_the_filters_search_box_serves_alone(open_page, years_url):
    page = open_page(DESKTOP)
    page.goto(years_url + "/announcements/")

    filters = page.locator("#filters").bounding_box()
    results = page.locator(".results").bounding_box()

    assert page.get_by_role("searchbox").count() == 1
    assert page.get_by_label("Search", exact=True).is_visible()
    assert filters["x"] + filters["width"] <= results["x"]  # beside the results, as before


@VIEWPORTS
def test_every_edition_is_one_click_from_home_newest_first(open_page, years_url, viewport):
    page = open_page(viewport)
    page.goto(years_url + "/")
    editions = page.get_by_role("navigation", name="Every edition")

    assert page.get_by_role("heading", level=1).inner_text() == "AWS re:Invent 2025"
    assert editions.get_by_role("link").all_inner_texts() == ["2025", "2024", "2023"]
    editions.get_by_role("link", name="2023").click()
    page.wait_for_url(years_url + "/2023/")
    assert page.get_by_role("heading", level=1).inner_text() == "AWS re:Invent 2023"


def test_keynotes_list_has_a_heading_per_year_newest_first(open_page, years_url):
    page = open_page(PHONE)
    page.goto(years_url + "/keynotes/")

    headings = page.locator(".results").get_by_role("heading", level=2)

    assert [h for h in headings.all_inner_texts() if h.startswith("AWS")] == [
        "AWS re:Invent 2025 4",
        "AWS re:Invent 2024 5",
        "AWS re:Invent 2023 3",
    ]


def test_announcements_start_with_the_newest_year(open_page, years_url):
    page = open_page()
    page.goto(years_url + "/announcements/")

    first = page.locator(".result-meta").first.inner_text()

    assert first.startswith("2025 · Generated keynote")


@pytest.mark.parametrize(("kind", "path"), PAGES, ids=[kind for kind, _ in PAGES])
@VIEWPORTS
def test_pages_of_several_years_pass_axe_and_fit(
    open_page, years_url, screenshot, kind, path, viewport
):
    page = open_page(viewport)

    response = page.goto(years_url + path)
    results = Axe().run(page)
    screenshot(page, f"years-{kind}-{viewport['width']}")

    assert response.status == 200
    assert results.violations_count == 0, results.generate_report()
    assert page.evaluate(OVERFLOW) == 0
