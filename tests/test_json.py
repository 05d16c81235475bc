"""The JSON endpoints: SPEC's envelope and fields, pages of 100, and fixed query counts."""

import pytest

from . import catalog as sample
from .factories import SCALES, make_edition, make_years

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sample_catalog")]

ANNOUNCEMENTS = len(sample.ANNOUNCEMENTS)
JSON_PAGE = 100


def test_announcement_json_fields(client):
    body = client.get("/announcements.json?topic=databases&service=amazon-aurora").json()

    assert body == {
        "count": 1,
        "next": None,
        "results": [
            {
                "slug": "aurora-dsql",
                "title": "Amazon Aurora DSQL",
                "year": 2024,
                "number": 6,
                "section": "Database",
                "keynote": {
                    "slug": "ceo-keynote",
                    "title": "CEO Keynote with Matt Garman",
                    "url": "/2024/keynotes/ceo-keynote/",
                },
                "speakers": ["matt-garman", "benoit-dupin", "andy-jassy"],
                "topics": ["databases"],
                "services": ["amazon-aurora"],
                "availability": "preview",
                "availability_source": {
                    "title": "Introducing Amazon Aurora DSQL",
                    "url": "https://aws.amazon.com/blogs/database/introducing-amazon-aurora-dsql/",
                    "date": "2024-12-03",
                },
                "availability_note": "",
                "status": "generally-available",
                "history": [
                    {
                        "date": "2025-05-27",
                        "availability": "generally-available",
                        "source_url": sample.AURORA_GA.url,
                    }
                ],
                "other_names": "",
                "follows": [],
                "follow_ups": [],
                "summary": body["results"][0]["summary"],
                "official_url": "https://aws.amazon.com/blogs/database/introducing-amazon-aurora-dsql/",
                "link": "https://aws.amazon.com/blogs/database/introducing-amazon-aurora-dsql/",
                "url": "/2024/announcements/aurora-dsql/",
            }
        ],
    }
    assert body["results"][0]["summary"].startswith("A serverless, PostgreSQL-compatible")


def test_unnumbered_announcement_has_a_null_number(client):
    result = client.get("/announcements.json?keynote=partner-keynote").json()["results"][0]

    assert (result["slug"], result["number"], result["section"]) == (
        "ai-security-specialization",
        None,
        "New Specializations",
    )


def test_keynote_json_fields(client):
    body = client.get("/keynotes.json?speaker=tom-brown").json()

    assert body["count"] == 1
    assert body["next"] is None
    keynote = body["results"][0]
    assert {k: keynote[k] for k in ("slug", "title", "year", "start", "end", "url")} == {
        "slug": "monday-night-live",
        "title": "Monday Night Live with Peter DeSantis",
        "year": 2024,
        "start": "2024-12-02T19:30:00-08:00",
        "end": "2024-12-02T21:00:00-08:00",
        "url": "/2024/keynotes/monday-night-live/",
    }
    assert [(s["slug"], s["name"], s["role"]) for s in keynote["speakers"]] == [
        ("peter-desantis", "Peter DeSantis", "host"),
        ("david-brown", "David Brown", "guest"),
        ("tom-brown", "Tom Brown", "guest"),
    ]
    assert keynote["announcement_count"] == 2


def test_json_is_utf8_without_escapes(client):
    response = client.get("/announcements.json?keynote=monday-night-live")

    assert response["Content-Type"] == "application/json"
    assert "Announcements from Peter DeSantis’s Keynote".encode() in response.content


def test_json_pages_hold_100_and_link_the_next_page(client):
    make_edition(2025, keynotes=1, announcements=90)

    first = client.get("/announcements.json").json()
    second = client.get(first["next"]).json()

    assert first["count"] == ANNOUNCEMENTS + 90
    assert len(first["results"]) == JSON_PAGE
    assert first["next"] == "http://testserver/announcements.json?page=2"
    assert second["count"] == ANNOUNCEMENTS + 90
    assert len(second["results"]) == ANNOUNCEMENTS + 90 - JSON_PAGE
    assert second["next"] is None
    assert {r["slug"] for r in first["results"]}.isdisjoint({r["slug"] for r in second["results"]})


def test_json_next_link_keeps_the_filters(client):
    make_edition(2025, keynotes=1, announcements=120)

    body = client.get("/announcements.json?year=2025&sort=title").json()

    assert body["count"] == 120
    assert body["next"] == "http://testserver/announcements.json?year=2025&sort=title&page=2"


def test_json_page_out_of_range_is_a_400(client):
    response = client.get("/announcements.json?page=2")

    assert response.status_code == 400
    assert response.json()["errors"] == {"page": ["There is no page 2; this list has 1 page."]}


@SCALES
@pytest.mark.parametrize(
    ("url", "first", "again"),
    [
        ("/announcements/", 7, 3),
        ("/announcements/?topic=testing&q=item&sort=title&speaker=speaker-1&page=1", 11, 6),
        ("/announcements/?q=item", 11, 6),
        ("/keynotes/", 7, 3),
        ("/keynotes/?topic=testing&speaker=speaker-1&q=keynote", 6, 4),
        ("/speakers/", 7, 3),
        ("/speakers/?year=2030&q=speaker", 7, 5),
        ("/announcements.json", 9, 6),
        ("/announcements.json?service=amazon-s3&availability=preview", 9, 7),
        ("/keynotes.json", 5, 3),
        ("/keynotes.json?year=2030", 5, 4),
    ],
)
def test_lists_run_a_fixed_number_of_queries(
    client, django_assert_num_queries, settings, url, first, again, years, keynotes, announcements
):
    """The same count at every size. The first request after a change also reads what
    does not depend on the filters (options, unfiltered counts and order, credits), once
    per catalog version; a later one, rendered afresh, reads only its own rows."""
    make_years(years, keynotes, announcements)

    with django_assert_num_queries(first):
        response = client.get(url)
    assert response.status_code == 200

    settings.PAGE_CACHE = False  # render again, with what the first request kept
    with django_assert_num_queries(again):
        assert client.get(url).status_code == 200
