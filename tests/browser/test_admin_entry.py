"""Curators build a year live in the admin, in a real browser: venue times, fast entry, layout."""

import re

import pytest

from tests.browser.curators import DESKTOP, curator_site, sign_in


@pytest.fixture(scope="module")
def entry_site(tmp_path_factory):
    """A site of its own, since these tests change its data."""
    with curator_site(tmp_path_factory.mktemp("entry")) as url:
        yield url


class Counted:
    """A page whose clicks and submitted forms are counted, as a curator would make them."""

    def __init__(self, page):
        self.page = page
        self.clicks = 0
        self.forms = 0

    def click(self, locator):
        self.clicks += 1
        locator.click()

    def submit(self, locator):
        self.forms += 1
        self.click(locator)


def no_sideways_scroll(page):
    """Neither the page nor a change list's own scrolling box is wider than the window."""
    return page.evaluate(
        """() => document.documentElement.scrollWidth <= window.innerWidth
            && [...document.querySelectorAll('#changelist .results')]
                .every(box => box.scrollWidth <= box.clientWidth)"""
    )


@pytest.mark.parametrize(
    "path",
    [
        "edition/",
        "edition/1/change/",
        "edition/add/",
        "keynote/",
        "keynote/add/",
        "keynote/{ceo}/change/",
        "announcement/",
        "announcement/add/",
        "announcement/{dsql}/change/",
    ],
)
def test_admin_pages_fit_1280_pixels(browser, entry_site, screenshot, path):
    context, page = sign_in(browser, entry_site)
    ids = {}
    for name, model, query in (
        ("ceo", "keynote", "CEO Keynote"),
        ("dsql", "announcement", "Aurora DSQL"),
    ):
        page.goto(f"{entry_site}/admin/events/{model}/?q={query}")
        href = page.locator("#result_list tbody th a").first.get_attribute("href")
        ids[name] = re.search(r"/(\d+)/change/", href).group(1)

    page.goto(f"{entry_site}/admin/events/{path.format(**ids)}")
    name = "admin-" + re.sub(r"\W+", "-", path.format(ceo="ceo", dsql="dsql")).strip("-")
    screenshot(page, name)

    assert no_sideways_scroll(page)
    assert page.console_errors == []
    context.close()


def test_keynote_times_are_las_vegas_times_for_a_curator_in_tokyo(browser, entry_site, screenshot):
    context, page = sign_in(browser, entry_site, timezone_id="Asia/Tokyo")
    assert page.evaluate("new Date().getTimezoneOffset()") == -540
    page.goto(entry_site + "/admin/events/keynote/?q=CEO+Keynote")
    page.get_by_role("link", name="CEO Keynote with Matt Garman", exact=True).click()
    start_time = page.locator("#id_start_1")
    shown = start_time.input_value()
    zone_named = page.get_by_text("Las Vegas time (America/Los_Angeles)").count()
    screenshot(page, "admin-keynote-tokyo")

    start_time.fill("09:00")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/events/keynote/(\?.*)?$"))
    listed = page.locator("#result_list").inner_text()
    page.goto(entry_site + "/2024/keynotes/ceo-keynote/")
    public = page.locator("main").inner_text()

    assert shown == "08:00:00"
    assert zone_named == 2  # start and end
    assert "Tue 03 Dec 2024, 09:00 PST" in listed
    assert "09:00" in public
    assert "08:00" not in public
    assert page.console_errors == []
    context.close()


def test_a_curator_builds_a_year_from_nothing_and_publishes_it(
    browser, entry_site, screenshot, capsys
):
    context, page = sign_in(browser, entry_site)
    curator = Counted(page)

    # The edition.
    curator.click(page.locator('a[href$="/admin/events/edition/add/"]').first)
    page.get_by_label("Year:").fill("2031")
    page.get_by_label("Name:").fill("AWS re:Invent 2031")
    page.get_by_label("City:").fill("Las Vegas")
    page.get_by_label("Venue:").fill("The Venetian")
    page.get_by_label("First day:").fill("01/12/2031")
    page.get_by_label("Last day:").fill("05/12/2031")
    curator.submit(page.get_by_role("button", name="Save and continue editing"))
    page.wait_for_url(re.compile(r"/admin/events/edition/\d+/change/"))

    # Two keynotes, each with its announcements typed on its own page.
    keynotes = [
        ("Monday Night Live 2031", "01/12/2031", "19:30", "21:00", ["Graviton 9", "Nitro 8"]),
        ("CEO Keynote 2031", "02/12/2031", "08:00", "10:30", ["S3 Vectors", "Nova 3", "Q 4"]),
    ]
    for n, (title, day, start, end, announcements) in enumerate(keynotes):
        if n == 0:
            curator.click(page.get_by_role("link", name="Add a keynote to AWS re:Invent 2031"))
        page.wait_for_url(re.compile(r"/admin/events/keynote/add/\?edition=\d+"))
        page.locator("#id_title").fill(title)
        page.locator("#id_summary").fill(f"What {title} said.")
        page.locator("#id_start_0").fill(day)
        page.locator("#id_start_1").fill(start)
        page.locator("#id_end_0").fill(day)
        page.locator("#id_end_1").fill(end)
        for i, name in enumerate(announcements):
            if i:
                curator.click(page.locator("#announcements-group .add-row a"))
            row = page.locator(f"#announcements-{i}")
            row.locator(f"#id_announcements-{i}-section").fill("Launches")
            row.locator(f"#id_announcements-{i}-title").fill(name)
            row.locator(f"#id_announcements-{i}-summary").fill(f"{name}, announced on stage.")
            curator.click(row.locator(".field-topics .select2-selection"))
            page.locator(".select2-search__field").last.fill("Compute")
            curator.click(page.locator(".select2-results__option", has_text="Compute").first)
        screenshot(page, f"admin-journey-keynote-{n + 1}")
        if n == 0:
            curator.submit(page.get_by_role("button", name="Save and add another"))
        else:
            curator.submit(page.get_by_role("button", name="Save", exact=True))
    page.wait_for_url(re.compile(r"/admin/events/keynote/$"))

    # Publish the edition with everything in it.
    page.goto(entry_site + "/admin/events/edition/")
    curator.click(
        page.get_by_role("row", name=re.compile("AWS re:Invent 2031")).get_by_role("checkbox")
    )
    page.get_by_label("Action:").select_option("publish_with_contents")
    curator.clicks += 1  # choosing the action
    curator.submit(page.get_by_role("button", name="Go"))
    message = page.locator(".messagelist").inner_text()
    screenshot(page, "admin-journey-published")
    errors = list(page.console_errors)

    visitor = browser.new_context(viewport=DESKTOP)
    public = visitor.new_page()
    public.goto(entry_site + "/2031/")
    edition_page = public.locator("main").inner_text()
    public.goto(entry_site + "/2031/keynotes/ceo-keynote-2031/")
    keynote_page = public.locator("main").inner_text()
    feed = public.request.get(entry_site + "/announcements.atom?year=2031").text()
    with capsys.disabled():
        print(
            f"\nA curator built 1 edition, 2 keynotes and 5 announcements and published them "
            f"in {curator.forms} forms and {curator.clicks} clicks."
        )

    assert message == "Published 1 edition, 2 keynotes and 5 announcements."
    assert "Monday Night Live 2031" in edition_page
    assert "CEO Keynote 2031" in edition_page
    assert all(name in keynote_page for name in ("S3 Vectors", "Nova 3", "Q 4"))
    assert "08:00" in keynote_page
    assert feed.count("<entry>") == 5
    assert errors == []
    assert curator.forms == 4
    visitor.close()
    context.close()
