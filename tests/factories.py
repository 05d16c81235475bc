"""Small builders for test data beyond the committed 2024 fixture."""

import datetime as dt
import zoneinfo

import pytest

from events.enums import Availability, Role
from events.models import Announcement, Appearance, Edition, Keynote, KeyPoint, Speaker, Topic

LAS_VEGAS = zoneinfo.ZoneInfo("America/Los_Angeles")


def make_edition(year, *, keynotes=2, announcements=3, published=True):
    """An edition with keynotes, each with a host, a key point and announcements."""
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
    for k in range(1, keynotes + 1):
        start = dt.datetime(year, 12, k, 9, 0, tzinfo=LAS_VEGAS)
        keynote = Keynote.objects.create(
            edition=edition,
            slug=f"keynote-{k}",
            title=f"Keynote {k} of {year}",
            start=start,
            end=start + dt.timedelta(hours=2),
            summary="A keynote made for tests.",
            published=True,
        )
        speaker, _ = Speaker.objects.get_or_create(
            slug=f"speaker-{k}", defaults={"name": f"Speaker {k}"}
        )
        Appearance.objects.create(
            keynote=keynote,
            speaker=speaker,
            position=1,
            role=Role.HOST,
            job_title="Host",
            organization="AWS",
        )
        KeyPoint.objects.create(keynote=keynote, position=1, title="A point", body="Made here.")
        for n in range(1, announcements + 1):
            announcement = Announcement.objects.create(
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
            announcement.topics.add(topic)
    return edition


# Query counts are pinned at two sizes: they must not grow with the data.
SCALES = pytest.mark.parametrize(
    ("years", "keynotes", "announcements"), [(1, 1, 1), (6, 4, 30)], ids=["small", "large"]
)


def make_years(years, keynotes, announcements, first=2030):
    """Editions first, first + 1, ... each with keynotes and announcements."""
    for year in range(first, first + years):
        make_edition(year, keynotes=keynotes, announcements=announcements)
