"""A reader comes back a year later and asks: did it ship? In a real browser, on a phone,
with and without JavaScript."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.catalog import ANNOUNCEMENTS

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def status_now(item):
    return item.history[-1][1] if item.history else item.availability


GA_NOW = sorted(a.slug for a in ANNOUNCEMENTS if status_now(a) == "generally-available")


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_from_the_chart_to_what_shipped_and_its_history_on_a_phone(
    open_page, site_url, screenshot, javascript
):
    page = open_page(PHONE, javascript)
    page.goto(site_url + "/2024/")
    chart = page.get_by_role("table")
    chart.scroll_into_view_if_needed()
    screenshot(page, f"edition-chart-phone-{'js' if javascript else 'nojs'}")

    assert page.evaluate(OVERFLOW) == 0
    assert page.get_by_role("heading", name="Did it ship?").is_visible()
    header = [cell.inner_text() for cell in chart.get_by_role("columnheader").all()]
    assert header == ["Availability", "When announced", "Now, as recorded"]
    chart.get_by_role("link", name=f"{len(GA_NOW)} generally available now").click()

    assert page.url.endswith("/announcements/?year=2024&status=generally-available")
    shown = page.locator(".result h2 a")
    assert shown.count() == len(GA_NOW)
    page.get_by_role("link", name="Amazon Aurora DSQL").click()

    timeline = page.locator(".timeline li")
    screenshot(page, f"announcement-history-phone-{'js' if javascript else 'nojs'}")
    assert page.evaluate(OVERFLOW) == 0
    assert timeline.count() == 2
    assert "when announced" in timeline.nth(0).inner_text()
    assert "Preview" in timeline.nth(0).inner_text()
    assert "27 May 2025" in timeline.nth(1).inner_text()
    assert "Generally available" in timeline.nth(1).inner_text()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_equal_counts_draw_equal_bars_in_both_columns(open_page, site_url, viewport):
    page = open_page(viewport)
    page.goto(site_url + "/2024/")

    tracks = page.locator(".chart .bar").evaluate_all(
        "bars => bars.map(bar => Math.round(bar.getBoundingClientRect().width))"
    )
    rows = page.locator(".chart tbody tr").evaluate_all(
        """rows => rows.map(row => [...row.querySelectorAll('td')].map(cell => [
            Number(cell.querySelector('a').firstChild.textContent),
            Math.round(cell.querySelector('rect').getBoundingClientRect().width)]))"""
    )

    assert len(set(tracks)) == 1  # every bar's track is as wide as every other
    for (then, then_width), (now, now_width) in rows:
        if then == now:
            assert then_width == now_width
        elif then > now:
            assert then_width > now_width
        else:
            assert then_width < now_width


def test_the_status_filter_is_a_facet_a_reader_can_tick(open_page, site_url):
    page = open_page(DESKTOP, javascript=False)
    page.goto(site_url + "/announcements/?availability=preview")

    page.get_by_role("group", name="Status now").get_by_label("Generally available").check()
    page.get_by_role("button", name="Apply filters").click()

    assert "status=generally-available" in page.url
    titles = sorted(page.locator(".result h2 a").all_inner_texts())
    assert titles == ["Amazon Aurora DSQL", "S3 Metadata"]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_chart_and_the_timeline_pass_axe(open_page, site_url, viewport):
    for path in ("/2024/", "/2024/announcements/aurora-dsql/"):
        page = open_page(viewport)
        page.goto(site_url + path)

        result = Axe().run(page)

        assert result.violations_count == 0, result.generate_report()
