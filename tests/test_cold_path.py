"""What makes a page fast to render afresh must never make it wrong.

Lists keep what does not depend on their filters (facet options, the unfiltered counts
and order) once per catalog version (events/memo.py); the speaker list shows each
speaker's latest keynotes only; addresses are reversed once; the Atom feed is sent as
one piece. The speed itself is measured by `make bench` (docs/benchmarks.md).
"""

import datetime as dt

import pytest
from django.urls import set_script_prefix

from events.enums import Role
from events.models import Announcement, Appearance, Keynote, Speaker, Topic

from .factories import LAS_VEGAS, make_edition

pytestmark = pytest.mark.django_db


def listing(client, url):
    return client.get(url).context["listing"]


def counts(listing, name):
    facet = next(facet for facet in listing.facets if facet.name == name)
    return {option.key: option.count for option in facet.options}


@pytest.mark.parametrize("page_cache", [True, False])
def test_an_edit_shows_at_once_in_the_unfiltered_list_and_its_counts(client, settings, page_cache):
    settings.PAGE_CACHE = page_cache
    edition = make_edition(2030, keynotes=2, announcements=3)
    before = listing(client, "/announcements/")
    assert before.total == 6
    assert "databases" not in counts(before, "topic")

    first = Announcement.objects.get(edition=edition, slug="k1-item-1")
    first.title = "Renamed at once"
    first.save()
    first.topics.add(Topic.objects.create(slug="databases", name="Databases"))
    Announcement.objects.filter(slug="k2-item-3").update(published=False)
    Keynote.objects.get(slug="keynote-2").save()  # a bulk update is one more save away

    after = listing(client, "/announcements/")
    assert after.total == 5
    assert counts(after, "topic") == {"databases": 1, "testing": 5}
    assert counts(after, "keynote") == {"keynote-1": 3, "keynote-2": 2}
    assert [a.slug for a in after.page.object_list][:1] == ["k1-item-1"]
    assert after.page.object_list[0].title == "Renamed at once"
    assert "k2-item-3" not in [a.slug for a in after.page.object_list]


def test_a_new_year_comes_first_in_the_unfiltered_order_at_once(client):
    make_edition(2030, keynotes=1, announcements=2)
    assert [a.edition.year for a in listing(client, "/announcements/").page.object_list] == [
        2030,
        2030,
    ]

    make_edition(2031, keynotes=1, announcements=2)

    years = [a.edition.year for a in listing(client, "/announcements/").page.object_list]
    assert years == [2031, 2031, 2030, 2030]


def test_pages_of_the_unfiltered_list_follow_its_order_without_overlap(client):
    for year in (2030, 2031, 2032):
        make_edition(year, keynotes=3, announcements=9)
    expected = [
        f"{a.edition.year}/{a.slug}"
        for a in Announcement.objects.published().order_by(
            "-edition__year", "keynote__day", "keynote__slug", "number", "position"
        )
    ]

    body = client.get("/announcements.json").json()
    seen = [f"{r['year']}/{r['slug']}" for r in body["results"]]
    html = [
        f"{a.edition.year}/{a.slug}"
        for page in range(1, 6)
        for a in listing(client, f"/announcements/?page={page}").page.object_list
    ]

    assert len(expected) == len(set(expected)) == 81
    assert seen == expected
    assert html == expected


def test_a_facet_no_other_filter_narrows_keeps_its_unfiltered_counts(client):
    make_edition(2030, keynotes=2, announcements=3)
    make_edition(2031, keynotes=1, announcements=4)
    everything = listing(client, "/announcements/")

    one_year = listing(client, "/announcements/?year=2030")
    two_filters = listing(client, "/announcements/?year=2030&keynote=keynote-2")

    assert counts(one_year, "year") == counts(everything, "year") == {"2031": 4, "2030": 6}
    assert counts(one_year, "keynote") == {"keynote-1": 3, "keynote-2": 3}
    assert counts(two_filters, "year") == {"2031": 0, "2030": 3}
    assert counts(two_filters, "keynote") == {"keynote-1": 3, "keynote-2": 3}
    assert two_filters.total == 3


def test_the_speaker_list_names_the_latest_keynotes_and_counts_the_rest(client):
    for year in range(2030, 2035):
        make_edition(year, keynotes=1, announcements=1)
    speaker = Speaker.objects.create(slug="often-on-stage", name="Often On Stage")
    for keynote in Keynote.objects.all():
        Appearance.objects.create(
            keynote=keynote, speaker=speaker, position=2, role=Role.GUEST, job_title="Guest"
        )

    html = client.get("/speakers/").content.decode()
    line = html[html.index("Often On Stage") :]
    line = line[: line.index("</li>")]

    assert "Keynote 1 of 2034 (2034); Keynote 1 of 2033 (2033); Keynote 1 of 2032 (2032)" in line
    assert "2031" not in line
    assert "and 2 earlier keynotes" in line
    # The speaker's own page still lists every appearance.
    page = client.get("/speakers/often-on-stage/").content.decode()
    assert all(f"Keynote 1 of {year}" in page for year in range(2030, 2035))


def test_a_speaker_with_few_keynotes_has_no_count_of_earlier_ones(client):
    make_edition(2030, keynotes=1, announcements=1)

    assert "earlier keynote" not in client.get("/speakers/").content.decode()


def test_the_atom_feed_is_sent_as_one_piece(client):
    make_edition(2030, keynotes=2, announcements=5)

    response = client.get("/announcements.atom")

    assert response.status_code == 200
    assert len(list(response)) == 1
    assert response.content.count(b"<entry>") == 10


def test_addresses_follow_the_script_prefix(client):
    """Addresses are reversed once per page and prefix: a site served under a path keeps
    that path in every link."""
    make_edition(2030, keynotes=1, announcements=1)
    announcement = Announcement.objects.get()
    assert announcement.get_absolute_url() == "/2030/announcements/k1-item-1/"
    try:
        set_script_prefix("/catalog/")
        assert announcement.get_absolute_url() == "/catalog/2030/announcements/k1-item-1/"
        assert announcement.keynote.get_absolute_url() == "/catalog/2030/keynotes/keynote-1/"
    finally:
        set_script_prefix("/")
    assert announcement.get_absolute_url() == "/2030/announcements/k1-item-1/"


def test_a_keynote_without_times_still_reads_as_its_day(client):
    edition = make_edition(2030, keynotes=1, announcements=1)
    Keynote.objects.create(
        edition=edition,
        slug="no-clock",
        title="A keynote without a clock time",
        day=dt.date(2030, 12, 3),
        summary="Made for tests.",
        published=True,
    )
    timed = Keynote.objects.get(slug="keynote-1")

    html = client.get("/keynotes/").content.decode()

    assert '<time datetime="2030-12-03">Tuesday 3 December 2030</time>' in html
    assert "time not published" in html
    start = timed.start.astimezone(LAS_VEGAS)
    assert f'<time datetime="{start.isoformat()}">Sunday 1 December 2030, 09:00</time>' in html
    assert '<abbr title="America/Los_Angeles">PST</abbr>' in html
