"""A curator edits the catalog in the admin, in a real browser, and the site follows."""

import re

import pytest

from tests.browser.curators import DESKTOP, curator_site, sign_in
from tests.catalog import CEO_KEYNOTE


@pytest.fixture(scope="module")
def curation_site(tmp_path_factory):
    """A site of its own, since these tests change its data."""
    with curator_site(tmp_path_factory.mktemp("curation")) as url:
        yield url


def test_curator_edits_a_title_and_the_public_page_shows_it(browser, curation_site, screenshot):
    context, page = sign_in(browser, curation_site)

    page.get_by_role("link", name="Announcements").first.click()
    page.wait_for_url(re.compile(r"/admin/events/announcement/$"))
    screenshot(page, "admin-announcement-list")
    page.get_by_role("textbox", name="Search").fill("Aurora")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Amazon Aurora DSQL", exact=True).click()
    screenshot(page, "admin-announcement-change")
    page.get_by_label("Title:").fill("Amazon Aurora DSQL, curated")
    page.get_by_role("button", name="Save", exact=True).click()
    message = page.locator(".messagelist").inner_text()
    visitor = browser.new_context(viewport=DESKTOP)
    public = visitor.new_page()
    public.goto(curation_site + "/2024/announcements/aurora-dsql/")

    assert "was changed successfully" in message
    assert page.console_errors == []  # nothing the Content-Security-Policy refused
    assert public.get_by_role("heading", level=1).inner_text() == "Amazon Aurora DSQL, curated"
    visitor.close()
    context.close()


def test_a_draft_is_invisible_to_visitors_and_marked_for_staff(browser, curation_site, screenshot):
    context, page = sign_in(browser, curation_site)
    page.goto(curation_site + "/admin/events/announcement/?q=Trainium+3")
    page.get_by_role("link", name="Trainium 3", exact=True).click()
    page.get_by_label("Published").uncheck()
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/events/announcement/"))

    visitor = browser.new_context(viewport=DESKTOP)
    anonymous = visitor.new_page()
    response = anonymous.goto(curation_site + "/2024/announcements/trainium-3/")
    listed = anonymous.goto(curation_site + "/announcements/?keynote=ceo-keynote")
    titles = anonymous.locator(".result-list h2 a").all_inner_texts()
    staff_view = page.goto(curation_site + "/2024/announcements/trainium-3/")
    screenshot(page, "draft-seen-by-staff")

    assert response.status == 404
    assert listed.status == 200
    assert "Trainium 3" not in titles
    assert len(titles) == len(CEO_KEYNOTE.announcements) - 1
    assert staff_view.status == 200
    assert page.locator(".draft-banner").inner_text().startswith("Draft.")
    visitor.close()
    context.close()
