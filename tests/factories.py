"""Small builders for test data: generated editions, besides the sample catalog of
tests/catalog.py."""

import datetime as dt
import zoneinfo

import pytest

from events.enums import Availability, Role
from events.models import Announcement, Appearance, Edition, Keynote, KeyPoint, Speaker, Topic

LAS_VEGAS = zoneinfo.ZoneInfo("America/Los_Angeles")


def make_edition(year, *, keynotes=2, announcements=3, published=True):
    """An edition with keynotes, each with a host, a key point and announcements.

    The rows are written in bulk, and the edition saved once more at the end: to the
    catalog's version, as to a reader, it is one change however many rows it holds.
    """
    edition = Edition.objects.create(
        year=year,
        name=f"AWS re:Invent {year}",
        city="Las Vegas",
        venue="The Venetian",
        start_date=dt.date(year, 12, 1),
        end_date=dt.date(year, 12, 5),
        published=published,
    )
    topic, _ = Topic.objects.get_or_create(slug="testing", defaults={"name": "Testing"})
    made = Keynote.objects.bulk_create(
        Keynote(
            edition=edition,
            slug=f"keynote-{k}",
            title=f"Keynote {k} of {year}",
            day=dt.date(year, 12, k),
            start=dt.datetime(year, 12, k, 9, 0, tzinfo=LAS_VEGAS),
            end=dt.datetime(year, 12, k, 11, 0, tzinfo=LAS_VEGAS),
            summary="A keynote made for tests.",
            published=True,
        )
        for k in range(1, keynotes + 1)
    )
    hosts = [
        Speaker.objects.get_or_create(slug=f"speaker-{k}", defaults={"name": f"Speaker {k}"})[0]
        for k in range(1, keynotes + 1)
    ]
    Appearance.objects.bulk_create(
        Appearance(
            keynote=keynote,
            speaker=host,
            position=1,
            role=Role.HOST,
            job_title="Host",
            organization="AWS",
        )
        for keynote, host in zip(made, hosts, strict=True)
    )
    KeyPoint.objects.bulk_create(
        KeyPoint(keynote=keynote, position=1, title="A point", body="Made here.")
        for keynote in made
    )
    items = Announcement.objects.bulk_create(
        Announcement(
            edition=edition,
            keynote=keynote,
            slug=f"k{k}-item-{n}",
            title=f"Item {n} of keynote {k}",
            position=n,
            number=n,
            section=f"Section {1 + n % 2}",
            summary="An announcement made for tests.",
            availability=Availability.UNSPECIFIED,
            published=True,
        )
        for k, keynote in enumerate(made, start=1)
        for n in range(1, announcements + 1)
    )
    Announcement.topics.through.objects.bulk_create(
        Announcement.topics.through(announcement_id=item.pk, topic_id=topic.pk) for item in items
    )
    edition.save()  # the one change: the catalog's version goes up, as after any edit
    return edition


# Query counts are pinned at two sizes: they must not grow with the data.
SCALES = pytest.mark.parametrize(
    ("years", "keynotes", "announcements"), [(1, 1, 1), (6, 4, 30)], ids=["small", "large"]
)


def make_years(years, keynotes, announcements, first=2030):
    """Editions first, first + 1, ... each with keynotes and announcements."""
    for year in range(first, first + years):
        make_edition(year, keynotes=keynotes, announcements=announcements)
