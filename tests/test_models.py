"""Integrity lives in the database; what a curator can get wrong is also caught by clean()."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from events.enums import Availability
from events.models import (
    Announcement,
    Appearance,
    Edition,
    Keynote,
    KeyPoint,
    Service,
    Source,
    Speaker,
    Topic,
)

from . import catalog as sample
from .factories import make_edition

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sample_catalog")]


def _keynote(**overrides):
    keynote = Keynote.objects.get(edition__year=2024, slug="ceo-keynote")
    values = {
        "edition": keynote.edition,
        "slug": "another",
        "title": "Another keynote",
        "start": keynote.start,
        "end": keynote.end,
        "summary": "A summary.",
    }
    values.update(overrides)
    return Keynote(**values)


def _announcement(**overrides):
    keynote = Keynote.objects.get(edition__year=2024, slug="ceo-keynote")
    values = {
        "edition": keynote.edition,
        "keynote": keynote,
        "slug": "something-new",
        "title": "Something new",
        "position": 99,
        "section": "Compute",
        "summary": "A summary.",
    }
    values.update(overrides)
    return Announcement(**values)


def _violates_database(obj):
    with pytest.raises(IntegrityError), transaction.atomic():
        obj.save()


def test_keynote_slug_is_unique_within_a_year():
    _violates_database(_keynote(slug="ceo-keynote"))


def test_keynote_slug_may_repeat_in_another_year():
    other = make_edition(2025, keynotes=0)

    _keynote(edition=other, slug="ceo-keynote").save()

    assert Keynote.objects.filter(slug="ceo-keynote").count() == 2


def test_keynote_must_end_after_it_starts():
    start = dt.datetime(2024, 12, 3, 16, 0, tzinfo=dt.UTC)

    _violates_database(_keynote(start=start, end=start))
    with pytest.raises(ValidationError) as error:
        _keynote(start=start, end=start - dt.timedelta(hours=1)).full_clean()
    assert error.value.message_dict["end"] == ["The keynote must end after it starts."]


def test_edition_must_not_end_before_it_starts():
    edition = Edition(
        year=2030,
        name="re:Invent 2030",
        city="Las Vegas",
        venue="The Venetian",
        start_date=dt.date(2030, 12, 5),
        end_date=dt.date(2030, 12, 1),
    )

    with pytest.raises(ValidationError) as error:
        edition.full_clean()
    assert "end_date" in error.value.message_dict
    _violates_database(edition)


def test_edition_year_is_unique():
    edition = Edition.objects.get(year=2024)
    edition.pk = None

    _violates_database(edition)


def test_announcement_slug_is_unique_within_a_year():
    _violates_database(_announcement(slug="aurora-dsql"))


def test_announcement_position_is_unique_within_its_keynote():
    _violates_database(_announcement(position=1))


def test_announcement_availability_must_name_its_source():
    announcement = _announcement(availability=Availability.PREVIEW)

    with pytest.raises(ValidationError) as error:
        announcement.full_clean()
    assert "availability_source" in error.value.message_dict
    _violates_database(announcement)


def test_announcement_availability_must_be_a_known_value():
    _violates_database(_announcement(availability="sold-out"))


def test_announcement_keynote_must_belong_to_its_year():
    other = make_edition(2025, keynotes=1, announcements=0)
    keynote_2025 = other.keynotes.get()

    with pytest.raises(ValidationError) as error:
        _announcement(keynote=keynote_2025).full_clean()
    assert error.value.message_dict["keynote"] == ["This keynote belongs to another year."]


def test_speaker_appears_once_per_keynote():
    appearance = Appearance.objects.filter(keynote__slug="ceo-keynote").first()
    appearance.pk = None
    appearance.position = 9

    _violates_database(appearance)


def test_key_point_positions_are_unique_within_a_keynote():
    point = KeyPoint.objects.filter(keynote__slug="ceo-keynote").first()
    point.pk = None

    _violates_database(point)


@pytest.mark.parametrize(
    ("model", "lookup", "expected"),
    [
        (Edition, {"year": 2024}, "AWS re:Invent 2024"),
        (Keynote, {"slug": "ceo-keynote"}, "CEO Keynote with Matt Garman (2024)"),
        (Announcement, {"slug": "aurora-dsql"}, "Amazon Aurora DSQL"),
        (Speaker, {"slug": "matt-garman"}, "Matt Garman"),
        (Topic, {"slug": "databases"}, "Databases"),
        (Service, {"slug": "amazon-aurora"}, "Amazon Aurora"),
        (
            Appearance,
            {"speaker__slug": "tom-brown"},
            "Tom Brown, Co-Founder and Chief Compute Officer, Anthropic",
        ),
        (Source, {"slug": "mabaso-reinvent-2024"}, "AWS re:Invent 2024 (Ntombizakhona Mabaso)"),
        (KeyPoint, {"keynote__slug": "werner-vogels-keynote", "position": 1}, "Simplexity"),
    ],
)
def test_str_is_what_a_curator_recognises(model, lookup, expected):
    assert str(model.objects.get(**lookup)) == expected


def test_absolute_urls_follow_the_public_url_scheme():
    assert Edition.objects.get(year=2024).get_absolute_url() == "/2024/"
    assert (
        Keynote.objects.get(slug="ceo-keynote").get_absolute_url() == "/2024/keynotes/ceo-keynote/"
    )
    assert (
        Announcement.objects.get(slug="aurora-dsql").get_absolute_url()
        == "/2024/announcements/aurora-dsql/"
    )
    assert Speaker.objects.get(slug="matt-garman").get_absolute_url() == "/speakers/matt-garman/"


def test_published_querysets_leave_out_drafts_and_draft_parents():
    Keynote.objects.filter(slug="ceo-keynote").update(published=False)
    Announcement.objects.filter(slug="trainium-3").update(published=False)
    make_edition(2025, published=False)

    public_keynotes = set(Keynote.objects.published().values_list("slug", flat=True))
    public_announcements = Announcement.objects.published()

    assert "ceo-keynote" not in public_keynotes
    assert len(public_keynotes) == len(sample.KEYNOTES) - 1
    assert public_announcements.count() == (
        len(sample.ANNOUNCEMENTS) - len(sample.CEO_KEYNOTE.announcements)
    )
    assert not public_announcements.filter(edition__year=2025).exists()
    assert list(Edition.objects.published().values_list("year", flat=True)) == [2024]


def test_edition_time_zone_must_be_a_known_zone():
    edition = Edition.objects.get(year=2024)
    edition.time_zone = "Mars/Olympus_Mons"

    with pytest.raises(ValidationError) as error:
        edition.full_clean()
    assert error.value.message_dict["time_zone"] == [
        "Value 'Mars/Olympus_Mons' is not a valid choice."
    ]


@pytest.mark.parametrize("model", [Keynote, Announcement], ids=["keynote", "announcement"])
def test_every_save_stamps_the_time_of_the_change(model):
    record = model.objects.filter(edition__year=2024).order_by("pk").first()
    before = record.updated_at

    record.title = f"{record.title}, edited"
    record.save()
    record.refresh_from_db()

    assert record.updated_at > before


def test_published_appearances_and_public_speakers_leave_out_drafts():
    Keynote.objects.filter(slug="monday-night-live").update(published=False)
    on_stage_at_mnl = set(
        Appearance.objects.filter(keynote__slug="monday-night-live").values_list(
            "speaker__slug", flat=True
        )
    )
    make_edition(2025, keynotes=1, announcements=0, published=False)

    published = Appearance.objects.published()
    public = set(Speaker.objects.public().values_list("slug", flat=True))

    assert on_stage_at_mnl
    assert not published.filter(keynote__slug="monday-night-live").exists()
    assert not published.filter(keynote__edition__year=2025).exists()
    assert public.isdisjoint(on_stage_at_mnl)
    assert public == set(published.values_list("speaker__slug", flat=True))


def test_sources_must_belong_to_the_records_edition():
    other = make_edition(2025, keynotes=0, announcements=0)
    foreign = Source.objects.create(
        edition=other, slug="elsewhere", kind="official", title="T", author="A", url="https://e.x/"
    )

    with pytest.raises(ValidationError) as keynote_error:
        _keynote(schedule_source=foreign).full_clean()
    with pytest.raises(ValidationError) as announcement_error:
        _announcement(availability=Availability.PREVIEW, availability_source=foreign).full_clean()

    message = ["The source must belong to the same edition."]
    assert keynote_error.value.message_dict["schedule_source"] == message
    assert announcement_error.value.message_dict["availability_source"] == message
