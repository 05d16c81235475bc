"""CSV, Atom, iCalendar, sitemap and robots.txt, each read back with a real parser."""

import csv
import datetime as dt
import io
import xml.etree.ElementTree as ET
import zoneinfo

import pytest
from icalendar import Calendar

from events.models import Announcement, Keynote

from . import catalog as sample
from .bad_input import BAD_INPUT
from .factories import SCALES, make_edition, make_years

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sample_catalog")]

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
LAS_VEGAS = zoneinfo.ZoneInfo("America/Los_Angeles")
ANNOUNCEMENTS = len(sample.ANNOUNCEMENTS)
ALL = sample.slugs(sample.ANNOUNCEMENTS)
PARTNER_ORDER = sample.slugs(sample.PARTNER_KEYNOTE.announcements)
FEED_PAGE = 100
FILTERS = [
    "",
    "topic=storage",
    "topic=storage&topic=databases",
    "speaker=tom-brown&availability=preview",
    "q=bedrock&sort=title",
    "year=2024&keynote=partner-keynote",
    "service=amazon-bedrock&sort=-year",
]


def json_results(client, query):
    body = client.get(f"/announcements.json?{query}").json()
    results = body["results"]
    while body["next"]:
        body = client.get(body["next"]).json()
        results += body["results"]
    return results


def csv_rows(client, query):
    response = client.get(f"/announcements.csv?{query}")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def atom(client, query):
    response = client.get(f"/announcements.atom?{query}")
    assert response.status_code == 200
    return ET.fromstring(response.content)


def absolute(path):
    return f"http://testserver{path}"


@pytest.mark.parametrize("query", FILTERS)
def test_csv_carries_exactly_the_filtered_list(client, query):
    expected = json_results(client, query)

    rows = csv_rows(client, query)

    assert [row["url"] for row in rows] == [absolute(item["url"]) for item in expected]
    for row, item in zip(rows, expected, strict=True):
        assert row["title"] == item["title"]
        assert row["year"] == str(item["year"])
        assert row["number"] == ("" if item["number"] is None else str(item["number"]))
        assert row["section"] == item["section"]
        assert row["keynote"] == item["keynote"]["title"]
        assert row["availability"] == item["availability"]
        assert row["summary"] == item["summary"]
        assert row["official_page"] == (item["link"] or "")
        assert len(row["topics"].split("; ")) == len(item["topics"])
        assert len(row["speakers"].split("; ")) == len(item["speakers"])


def test_csv_lists_the_newest_edition_first_by_default(client):
    make_edition(2023, keynotes=1, announcements=2)
    make_edition(2025, keynotes=1, announcements=2)

    years = [row["year"] for row in csv_rows(client, "")]
    oldest_first = [row["year"] for row in csv_rows(client, "sort=keynote")]

    assert years == ["2025"] * 2 + ["2024"] * ANNOUNCEMENTS + ["2023"] * 2
    assert oldest_first == years[::-1]


def test_csv_is_a_utf8_download_with_a_header_row(client):
    response = client.get("/announcements.csv?keynote=monday-night-live")
    text = response.content.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="reinvent-announcements.csv"'
    assert text.startswith("\ufeff")
    assert rows[0] == [
        "url",
        "year",
        "keynote",
        "number",
        "section",
        "title",
        "speakers",
        "topics",
        "services",
        "availability",
        "availability_source",
        "status",
        "history",
        "summary",
        "official_page",
    ]
    assert rows[1][4] == "Announcements from Peter DeSantis’s Keynote"
    assert rows[2][6] == "Peter DeSantis; David Brown; Tom Brown"


def test_csv_is_the_whole_list_whatever_the_page(client):
    make_edition(2025, keynotes=1, announcements=120)

    assert len(csv_rows(client, "page=2")) == ANNOUNCEMENTS + 120
    assert len(csv_rows(client, "page=abc")) == ANNOUNCEMENTS + 120


def test_csv_neutralises_spreadsheet_formulas(client):
    Announcement.objects.filter(slug="aurora-dsql").update(
        title='=HYPERLINK("http://example.invalid","click")',
        summary="+1+cmd|' /C calc'!A0",
        section="@SUM(A1)",
    )

    row = next(r for r in csv_rows(client, "") if r["url"].endswith("/aurora-dsql/"))

    assert row["title"] == '\'=HYPERLINK("http://example.invalid","click")'
    assert row["summary"] == "'+1+cmd|' /C calc'!A0"
    assert row["section"] == "'@SUM(A1)"
    assert row["keynote"] == "CEO Keynote with Matt Garman"


@pytest.mark.parametrize("query", FILTERS)
def test_atom_carries_exactly_the_filtered_json_page(client, query):
    expected = client.get(f"/announcements.json?{query}").json()["results"]

    entries = atom(client, query).findall(f"{ATOM}entry")

    # The same entries; the feed orders them its own way (newest first, tested below).
    assert sorted(
        (
            e.find(f"{ATOM}link").get("href"),
            e.findtext(f"{ATOM}title"),
            e.findtext(f"{ATOM}summary"),
        )
        for e in entries
    ) == sorted((absolute(item["url"]), item["title"], item["summary"]) for item in expected)


def _changed(slug, when, *, year=2024):
    Announcement.objects.filter(edition__year=year, slug=slug).update(updated_at=when)


def test_atom_lists_the_latest_changes_first_whatever_the_sort(client):
    base = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    Announcement.objects.update(updated_at=base)
    Keynote.objects.update(updated_at=base)
    _changed("s3-metadata", base + dt.timedelta(days=3))
    _changed("aurora-dsql", base + dt.timedelta(days=1))
    # Publishing or editing a keynote changes each of its entries.
    Keynote.objects.filter(slug="partner-keynote").update(updated_at=base + dt.timedelta(days=2))

    for query in ("", "sort=title", "sort=keynote"):
        entries = atom(client, query).findall(f"{ATOM}entry")
        ids = [e.findtext(f"{ATOM}id").rsplit("/", 1)[1] for e in entries]
        updated = [dt.datetime.fromisoformat(e.findtext(f"{ATOM}updated")) for e in entries]

        assert ids[0] == "s3-metadata"
        assert ids[1 : 1 + len(PARTNER_ORDER)] == PARTNER_ORDER
        assert ids[1 + len(PARTNER_ORDER)] == "aurora-dsql"
        assert updated == sorted(updated, reverse=True)
        assert updated[0] == base + dt.timedelta(days=3)
        # Entries changed at the same moment keep the list's default order.
        rest = [slug for slug in ALL if slug not in {"s3-metadata", "aurora-dsql", *PARTNER_ORDER}]
        assert ids[2 + len(PARTNER_ORDER) :] == rest


def test_atom_pages_follow_the_feeds_order_without_overlap(client):
    make_edition(2025, keynotes=1, announcements=90)
    base = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    Keynote.objects.update(updated_at=base)
    for n, item in enumerate(Announcement.objects.order_by("pk")):
        # Every few items share a time: ties must not make pages overlap.
        Announcement.objects.filter(pk=item.pk).update(updated_at=base + dt.timedelta(hours=n // 3))

    first = atom(client, "")
    next_url = {link.get("rel"): link.get("href") for link in first.findall(f"{ATOM}link")}["next"]
    second = ET.fromstring(client.get(next_url).content)
    entries = first.findall(f"{ATOM}entry") + second.findall(f"{ATOM}entry")
    updated = [dt.datetime.fromisoformat(e.findtext(f"{ATOM}updated")) for e in entries]
    ids = [e.findtext(f"{ATOM}id") for e in entries]

    assert len(ids) == len(set(ids)) == ANNOUNCEMENTS + 90
    assert updated == sorted(updated, reverse=True)
    assert next_url == "http://testserver/announcements.atom?page=2"


def test_atom_ids_are_stable_and_times_real(client):
    first = atom(client, "topic=databases")
    Announcement.objects.get(slug="aurora-dsql").save()  # an edit, as the admin makes
    second = atom(client, "topic=databases")

    ids = [e.findtext(f"{ATOM}id") for e in first.findall(f"{ATOM}entry")]
    entry = second.find(f"{ATOM}entry")
    updated = dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
    published = dt.datetime.fromisoformat(entry.findtext(f"{ATOM}published"))

    assert sorted(ids) == sorted(e.findtext(f"{ATOM}id") for e in second.findall(f"{ATOM}entry"))
    assert sorted(ids) == [
        "tag:reinvent-keynotes,2024:announcement/aurora-dsql",
        "tag:reinvent-keynotes,2024:announcement/dynamodb-global-tables-multi-region",
    ]
    # The edit brings it to the top of the feed.
    assert entry.findtext(f"{ATOM}id") == "tag:reinvent-keynotes,2024:announcement/aurora-dsql"
    assert published == dt.datetime(2024, 12, 3, 8, 0, tzinfo=LAS_VEGAS)  # its keynote's start
    assert dt.datetime.now(dt.UTC) - updated < dt.timedelta(minutes=5)
    assert second.findtext(f"{ATOM}updated") == entry.findtext(f"{ATOM}updated")


def test_atom_links_the_page_itself_and_the_next_page(client):
    make_edition(2025, keynotes=1, announcements=90)

    feed = atom(client, "sort=title")
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}

    assert len(feed.findall(f"{ATOM}entry")) == FEED_PAGE
    assert links == {
        "alternate": "http://testserver/announcements/?sort=title",
        "self": "http://testserver/announcements.atom?sort=title",
        "next": "http://testserver/announcements.atom?sort=title&page=2",
    }
    second_page = atom(client, "sort=title&page=2").findall(f"{ATOM}entry")
    assert len(second_page) == ANNOUNCEMENTS + 90 - FEED_PAGE


def test_list_page_links_its_feed_and_downloads(client):
    html = client.get("/announcements/?topic=storage").content.decode()

    assert (
        '<link rel="alternate" type="application/atom+xml" title="These announcements (Atom)" '
        'href="/announcements.atom?topic=storage">' in html
    )
    assert 'href="/announcements.csv?topic=storage" download' in html
    assert 'href="/announcements.json?topic=storage"' in html


# The CSV is the whole list and reads no page, so page values are not bad input there.
@pytest.mark.parametrize(
    ("fmt", "query", "parameter"),
    [
        (fmt, query, parameter)
        for fmt in ("csv", "atom")
        for query, parameter, _ in BAD_INPUT
        if not (fmt == "csv" and parameter == "page")
    ],
)
def test_bad_input_to_csv_and_atom_is_a_400_naming_the_parameter(client, fmt, query, parameter):
    response = client.get(f"/announcements.{fmt}?{query}")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == [parameter]


def events(content):
    calendar = Calendar.from_ical(content)
    return list(calendar.walk("VEVENT"))


def test_edition_calendar_has_every_keynote_in_the_venues_time(client):
    response = client.get("/2024/keynotes.ics")
    found = events(response.content)

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert [str(e["summary"]) for e in found] == [k.title for k in sample.KEYNOTES]
    first = found[0]
    start, end = first.decoded("dtstart"), first.decoded("dtend")
    assert start == dt.datetime(2024, 12, 2, 19, 30, tzinfo=LAS_VEGAS)
    assert end == dt.datetime(2024, 12, 2, 21, 0, tzinfo=LAS_VEGAS)
    assert first["dtstart"].params["TZID"] == "America/Los_Angeles"
    assert str(first["location"]) == "The Venetian, Las Vegas"
    assert str(first["url"]) == "http://testserver/2024/keynotes/monday-night-live/"
    assert "Tom Brown (Co-Founder and Chief Compute Officer, Anthropic)" in str(
        first["description"]
    )
    assert "VTIMEZONE" in [c.name for c in Calendar.from_ical(response.content).subcomponents]


def test_keynote_calendar_uid_is_stable_across_requests_and_reloads(client):
    first = events(client.get("/2024/keynotes/ceo-keynote.ics").content)
    Keynote.objects.get(slug="ceo-keynote").save()
    second = events(client.get("/2024/keynotes/ceo-keynote.ics").content)
    from_edition = events(client.get("/2024/keynotes.ics").content)

    assert len(first) == len(second) == 1
    assert str(first[0]["uid"]) == "2024-ceo-keynote@reinvent-keynotes"
    assert str(second[0]["uid"]) == str(first[0]["uid"])
    assert str(from_edition[1]["uid"]) == str(first[0]["uid"])


def test_keynote_page_has_an_add_to_calendar_link(client):
    html = client.get("/2024/keynotes/ceo-keynote/").content.decode()

    assert 'href="/2024/keynotes/ceo-keynote.ics">Add to calendar' in html


@pytest.mark.parametrize(
    "url", ["/2023/keynotes.ics", "/2024/keynotes/nope.ics", "/2023/keynotes/ceo-keynote.ics"]
)
def test_calendars_of_unknown_things_are_404(client, url):
    assert client.get(url).status_code == 404


def sitemap_locations(client):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    return {loc.text for loc in root.iter(f"{SITEMAP}loc")}


def test_sitemap_lists_every_public_page(client):
    locations = sitemap_locations(client)

    assert len(locations) == (
        4 + 1 + len(sample.KEYNOTES) + len(sample.ANNOUNCEMENTS) + len(sample.SPEAKERS)
    )
    assert {
        absolute("/"),
        absolute("/announcements/"),
        absolute("/keynotes/"),
        absolute("/speakers/"),
        absolute("/2024/"),
        absolute("/2024/keynotes/ceo-keynote/"),
        absolute("/2024/announcements/aurora-dsql/"),
        absolute("/speakers/tom-brown/"),
    } <= locations
    for location in locations:
        assert client.get(location.removeprefix("http://testserver")).status_code == 200


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "User-agent: *",
        "Disallow: /admin/",
        "Sitemap: http://testserver/sitemap.xml",
    ]


def test_drafts_are_absent_from_every_format(client):
    draft_keynote = Keynote.objects.get(slug="monday-night-live")
    draft_keynote.published = False
    draft_keynote.save()
    Announcement.objects.filter(slug="aurora-dsql").update(published=False)
    hidden = {"bedrock-latency-optimized-inference", "anthropic-claude-3-5-haiku", "aurora-dsql"}

    csv_urls = {row["url"] for row in csv_rows(client, "")}
    atom_links = {
        e.find(f"{ATOM}link").get("href") for e in atom(client, "").findall(f"{ATOM}entry")
    }
    json_urls = {absolute(item["url"]) for item in json_results(client, "")}
    calendar = {str(e["summary"]) for e in events(client.get("/2024/keynotes.ics").content)}
    locations = sitemap_locations(client)

    assert len(csv_urls) == ANNOUNCEMENTS - len(hidden)
    assert csv_urls == atom_links == json_urls
    for slug in hidden:
        assert absolute(f"/2024/announcements/{slug}/") not in csv_urls | locations
    assert "Monday Night Live with Peter DeSantis" not in calendar
    assert absolute("/2024/keynotes/monday-night-live/") not in locations
    assert absolute("/speakers/tom-brown/") not in locations  # his only keynote is a draft
    assert client.get("/2024/keynotes/monday-night-live.ics").status_code == 404


@SCALES
@pytest.mark.parametrize(
    ("url", "first", "again"),
    [
        ("/announcements.csv", 7, 6),
        ("/announcements.csv?topic=testing&q=item", 12, 8),
        ("/announcements.atom", 6, 4),
        ("/announcements.atom?topic=testing&sort=title", 6, 5),
        ("/announcements.atom?q=item", 11, 7),
        ("/2030/keynotes.ics", 4, 4),
        ("/2030/keynotes/keynote-1.ics", 3, 3),
        ("/sitemap.xml", 5, 5),
        ("/robots.txt", 1, 1),
    ],
)
def test_exports_run_a_fixed_number_of_queries(
    client, django_assert_num_queries, settings, url, first, again, years, keynotes, announcements
):
    """The same count at every size; a later request reuses what the first kept of the
    catalog's version (see test_lists_run_a_fixed_number_of_queries)."""
    make_years(years, keynotes, announcements)

    with django_assert_num_queries(first):
        response = client.get(url)
    assert response.status_code == 200

    settings.PAGE_CACHE = False
    with django_assert_num_queries(again):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (" =1+1", "' =1+1"),
        ("\n=1+1", "'\n=1+1"),
        ("\t=cmd|x", "'\t=cmd|x"),
        ("＝1+1", "'＝1+1"),
        ("\x00=x", "'=x"),
        ("-2 degrees", "'-2 degrees"),
        ("Plain text", "Plain text"),
    ],
)
def test_csv_neutralises_formulas_behind_spaces_and_lookalikes(value, shown):
    from events.exports import spreadsheet_safe

    assert spreadsheet_safe(value) == shown


def test_atom_drops_control_characters_instead_of_failing(client):
    # The admin and the loader refuse these; a row written some other way must not break
    # the feed.
    Announcement.objects.filter(slug="aurora-dsql").update(summary="abc\x0bdef", title="A\x01B")

    response = client.get("/announcements.atom?topic=databases")
    entry = next(
        e
        for e in ET.fromstring(response.content).findall(f"{ATOM}entry")
        if e.findtext(f"{ATOM}id").endswith("/aurora-dsql")
    )

    assert response.status_code == 200
    assert entry.findtext(f"{ATOM}summary") == "abcdef"
    assert entry.findtext(f"{ATOM}title") == "AB"


def test_calendar_name_is_escaped(client):
    Keynote.objects.filter(slug="ceo-keynote").update(title="CEO, Keynote; with\\slash")

    content = client.get("/2024/keynotes/ceo-keynote.ics").content.decode()
    event = events(content)[0]

    assert "X-WR-CALNAME:CEO\\, Keynote\\; with\\\\slash" in content
    assert str(event["summary"]) == "CEO, Keynote; with\\slash"
