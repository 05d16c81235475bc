"""A keynote whose clock time no source gives keeps its day and no time: shown as the day
alone, an all-day event in calendars, null times in JSON, and last on its day in lists."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from icalendar import Calendar

from events.models import Keynote

from . import catalog as sample
from .admin_posts import keynote_form

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sample_catalog")]


def without_time(slug):
    Keynote.objects.filter(slug=slug).update(start=None, end=None, schedule_source=None)
    return Keynote.objects.get(slug=slug)


def test_a_keynote_keeps_its_day_without_a_time():
    keynote = without_time("partner-keynote")

    keynote.full_clean()

    assert keynote.day == dt.date(2024, 12, 4)
    assert (keynote.start, keynote.end) == (None, None)


def test_a_keynote_needs_both_times_or_neither():
    keynote = Keynote.objects.get(slug="partner-keynote")
    keynote.end = None

    with pytest.raises(ValidationError) as problem:
        keynote.full_clean()

    assert "Give both the start and the end" in str(problem.value.message_dict["end"])


def test_a_start_on_another_day_than_the_keynotes_day_is_refused():
    keynote = Keynote.objects.get(slug="partner-keynote")
    keynote.day = dt.date(2024, 12, 5)

    with pytest.raises(ValidationError) as problem:
        keynote.full_clean()

    assert "the start is on another day" in str(problem.value.message_dict["start"])


def test_the_day_of_a_timed_keynote_is_its_local_start_date():
    # Monday Night Live starts at 19:30 in Las Vegas, already the next day in UTC.
    keynote = Keynote.objects.get(slug="monday-night-live")

    assert keynote.start.astimezone(dt.UTC).date() == dt.date(2024, 12, 3)
    assert keynote.day == dt.date(2024, 12, 2)


def test_pages_show_the_day_alone(client):
    without_time("partner-keynote")

    html = client.get("/2024/keynotes/partner-keynote/").content.decode()

    assert (
        '<p class="when"><time datetime="2024-12-04">Wednesday 4 December 2024</time>'
        '<span class="until"> · time not published</span>'
    ) in html


def test_json_gives_the_date_and_null_times(client):
    without_time("partner-keynote")

    results = client.get("/keynotes.json?year=2024").json()["results"]
    partner = next(r for r in results if r["slug"] == "partner-keynote")
    ceo = next(r for r in results if r["slug"] == "ceo-keynote")

    assert (partner["date"], partner["start"], partner["end"]) == ("2024-12-04", None, None)
    assert (ceo["date"], ceo["start"]) == ("2024-12-03", "2024-12-03T08:00:00-08:00")


def test_the_calendar_has_an_all_day_event_for_a_keynote_without_a_time(client):
    without_time("partner-keynote")

    body = client.get("/2024/keynotes/partner-keynote.ics").content
    event = next(c for c in Calendar.from_ical(body).walk("VEVENT"))

    assert event.decoded("dtstart") == dt.date(2024, 12, 4)
    assert event.decoded("dtend") == dt.date(2024, 12, 5)
    assert b"DTSTART;VALUE=DATE:20241204" in body


def test_a_keynote_without_a_time_comes_last_on_its_day(client):
    without_time("swami-sivasubramanian-keynote")  # 08:30 on 4 December until now

    slugs = [k.slug for k in client.get("/2024/").context["keynotes"]]

    assert slugs == [
        "monday-night-live",
        "ceo-keynote",
        "partner-keynote",
        "swami-sivasubramanian-keynote",
        "werner-vogels-keynote",
    ]


def test_announcements_of_a_keynote_without_a_time_keep_their_place(client):
    without_time("swami-sivasubramanian-keynote")

    results = client.get("/announcements.json?year=2024&sort=keynote").json()["results"]
    keynotes = list(dict.fromkeys(r["keynote"]["slug"] for r in results))

    assert keynotes == [
        "monday-night-live",
        "ceo-keynote",
        "partner-keynote",
        "swami-sivasubramanian-keynote",
    ]


def test_the_feed_dates_an_announcement_of_a_keynote_without_a_time_by_its_day(client):
    without_time("partner-keynote")

    feed = client.get("/announcements.atom?keynote=partner-keynote").content.decode()

    assert "<published>2024-12-04T00:00:00-08:00</published>" in feed


def test_a_curator_saves_a_keynote_with_its_day_and_no_times(admin_client):
    keynote = Keynote.objects.get(slug="partner-keynote")
    data = keynote_form(keynote)
    for name in ("start_0", "start_1", "end_0", "end_1"):
        data.pop(name, None)
    data.pop("schedule_source", None)
    data["day"] = "2024-12-04"

    response = admin_client.post(reverse("admin:events_keynote_change", args=[keynote.pk]), data)

    keynote.refresh_from_db()
    assert response.status_code == 302
    assert (keynote.day, keynote.start, keynote.end) == (dt.date(2024, 12, 4), None, None)


def test_a_curator_who_gives_neither_day_nor_start_is_told(admin_client):
    keynote = Keynote.objects.get(slug="partner-keynote")
    data = keynote_form(keynote)
    for name in ("start_0", "start_1", "end_0", "end_1", "day"):
        data.pop(name, None)

    response = admin_client.post(reverse("admin:events_keynote_change", args=[keynote.pk]), data)

    assert response.status_code == 200
    assert "Give the keynote&#x27;s day, or its start." in response.content.decode()
    assert sample.PARTNER_KEYNOTE.starts == Keynote.objects.get(pk=keynote.pk).start
