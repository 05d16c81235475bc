"""Keynote times in the admin are the venue's clock, whatever the server's zone."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from events.models import Edition, Keynote

from .admin_posts import keynote_form
from .catalog import LAS_VEGAS

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sample_catalog")]


def field_value(html, name):
    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)


def test_keynote_form_shows_the_venue_clock_and_names_the_zone(admin_client, settings):
    assert settings.TIME_ZONE == "UTC"
    keynote = Keynote.objects.get(slug="ceo-keynote")

    html = admin_client.get(reverse("admin:events_keynote_change", args=[keynote.pk])).content
    html = html.decode()

    assert (field_value(html, "start_0"), field_value(html, "start_1")) == (
        "03/12/2024",
        "08:00:00",
    )
    assert (field_value(html, "end_0"), field_value(html, "end_1")) == ("03/12/2024", "10:30:00")
    assert "Las Vegas time (America/Los_Angeles)" in html
    offset = int(dt.datetime.now(LAS_VEGAS).utcoffset().total_seconds())
    assert f'data-admin-utc-offset="{offset}"' in html  # the calendar's “Now” is Las Vegas's


def test_keynote_saved_at_nine_is_nine_in_las_vegas(client, admin_client):
    keynote = Keynote.objects.get(slug="ceo-keynote")
    data = keynote_form(
        keynote, start_0="2024-12-03", start_1="09:00", end_0="2024-12-03", end_1="10:30"
    )

    response = admin_client.post(reverse("admin:events_keynote_change", args=[keynote.pk]), data)
    listed = client.get("/keynotes.json", {"q": "CEO Keynote"}).json()["results"]

    assert response.status_code == 302
    assert [k["start"] for k in listed if k["slug"] == "ceo-keynote"] == [
        "2024-12-03T09:00:00-08:00"
    ]
    keynote.refresh_from_db()
    assert keynote.start == dt.datetime(2024, 12, 3, 17, 0, tzinfo=dt.UTC)


def test_new_keynote_times_are_read_in_the_chosen_editions_zone(admin_client):
    edition = Edition.objects.get(year=2024)
    edition.pk = None
    edition.year, edition.time_zone = 2030, "Asia/Tokyo"
    edition.save()
    data = {
        **keynote_form(Keynote(edition=edition, title="Keynote", slug="k", summary="S.")),
        "start_0": "2030-12-02",
        "start_1": "19:30",
        "end_0": "2030-12-02",
        "end_1": "21:00",
    }

    response = admin_client.post(reverse("admin:events_keynote_add"), data)

    assert response.status_code == 302
    keynote = Keynote.objects.get(edition=edition)
    assert keynote.start == dt.datetime(2030, 12, 2, 10, 30, tzinfo=dt.UTC)


def test_add_form_for_an_edition_names_its_zone(admin_client):
    edition = Edition.objects.get(year=2024)

    html = admin_client.get(reverse("admin:events_keynote_add"), {"edition": edition.pk})

    assert "Las Vegas time (America/Los_Angeles)" in html.content.decode()


def test_a_clock_time_skipped_by_daylight_saving_is_a_form_error(admin_client):
    keynote = Keynote.objects.get(slug="ceo-keynote")
    data = keynote_form(
        keynote, start_0="2024-03-10", start_1="02:30", end_0="2024-03-10", end_1="04:00"
    )

    response = admin_client.post(reverse("admin:events_keynote_change", args=[keynote.pk]), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["start"] == [
        "02:30 on 10 Mar 2024 is not one clock time in America/Los_Angeles."
    ]


def test_keynote_list_shows_venue_days_and_times(admin_client):
    html = admin_client.get(reverse("admin:events_keynote_changelist")).content.decode()

    assert "Mon 02 Dec 2024, 19:30 PST" in html  # 03:30 on Tuesday in UTC
    assert "Tue 03 Dec 2024, 08:00 PST" in html
