"""The committed 2023 and 2025 fixtures against their sources, and the three years side by
side: each year's keynotes, hosts and counts, a sample of announcements with the status
and source their sources give, the links across years, and our own words.

The expected values are typed from the sources (../shared/seed/sources-2023-2025.md and
the transcripts it points to), not read from the fixtures.
"""

import datetime as dt
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

from events.enums import Availability, Role
from events.loading import export_year
from events.models import Announcement, Appearance, Keynote, KeyPoint, Speaker

from .own_words import fingerprints

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("every_year")]

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
DATA = Path(__file__).parent / "data"
A = Availability

# year: {keynote slug: (day, announcements, hosts)}
KEYNOTES = {
    2023: {
        "monday-night-live": (dt.date(2023, 11, 27), 3, ["peter-desantis"]),
        "ceo-keynote": (dt.date(2023, 11, 28), 18, ["adam-selipsky"]),
        "swami-sivasubramanian-keynote": (dt.date(2023, 11, 29), 15, ["swami-sivasubramanian"]),
        "partner-keynote": (dt.date(2023, 11, 29), 7, ["ruba-borno"]),
        "werner-vogels-keynote": (dt.date(2023, 11, 30), 6, ["werner-vogels"]),
    },
    2025: {
        "ceo-keynote": (dt.date(2025, 12, 2), 42, ["matt-garman"]),
        "swami-sivasubramanian-keynote": (dt.date(2025, 12, 3), 6, ["swami-sivasubramanian"]),
        "partner-keynote": (dt.date(2025, 12, 3), 10, ["ruba-borno"]),
        # The infrastructure keynote had two hosts.
        "peter-desantis-dave-brown-keynote": (
            dt.date(2025, 12, 4),
            8,
            ["peter-desantis", "david-brown"],
        ),
        # Werner Vogels's last keynote announced nothing.
        "werner-vogels-keynote": (dt.date(2025, 12, 4), 0, ["werner-vogels"]),
    },
}
# (year, slug): (availability when announced, its source), as the sources state them.
SAMPLE = {
    (2023, "amazon-q"): (A.PREVIEW, "pyle-amazon-q-taylor-swift"),
    (2023, "titan-image-generator"): (A.PREVIEW, "ndurner-titan-image-generator-2023-11-29"),
    (2023, "sagemaker-hyperpod"): (A.GENERALLY_AVAILABLE, "cybercm-sagemaker-hyperpod-2023-12-01"),
    (2023, "trainium2"): (A.UNSPECIFIED, None),
    # Sources disagree (the video description says preview, the keynote GA): GA is followed.
    (2025, "trainium-3-ultraservers"): (A.GENERALLY_AVAILABLE, "garman-keynote-2025-video"),
    (2025, "graviton5-m9g-instances"): (A.PREVIEW, "desantis-brown-keynote-2025-video"),
    (2025, "s3-vectors-ga"): (A.GENERALLY_AVAILABLE, "garman-keynote-2025-video"),
    (2025, "kiro-autonomous-agent"): (A.UNSPECIFIED, None),
}
# Later announcement: the earlier ones it carries on.
FOLLOWS = {
    (2024, "trainium-2-instances-ultraservers"): [(2023, "trainium2")],
    (2024, "amazon-q-developer-automation"): [
        (2023, "amazon-q"),
        (2023, "amazon-q-code-transformation"),
    ],
    (2025, "trainium-3-ultraservers"): [(2024, "trainium-3")],
    (2025, "p6e-gb300-ultraservers"): [(2024, "p6-nvidia-blackwell-gpus")],
    (2025, "amazon-nova-2"): [(2024, "amazon-nova")],
    (2025, "s3-tables-replication"): [(2024, "s3-table-buckets")],
}


@pytest.mark.parametrize("year", [2023, 2025])
def test_each_year_has_its_keynotes_days_hosts_and_counts(year):
    found = {}
    for keynote in Keynote.objects.for_year(year):
        hosts = [
            a.speaker.slug
            for a in Appearance.objects.filter(keynote=keynote, role=Role.HOST)
            .select_related("speaker")
            .order_by("position")
        ]
        found[keynote.slug] = (keynote.day, keynote.announcements.count(), hosts)

    assert {slug: (day, count, sorted(hosts)) for slug, (day, count, hosts) in found.items()} == {
        slug: (day, count, sorted(hosts)) for slug, (day, count, hosts) in KEYNOTES[year].items()
    }


def test_2025_had_no_monday_night_live_and_the_aws_ceo_was_a_partner_keynote_guest():
    partner = Appearance.objects.get(
        keynote__edition__year=2025, keynote__slug="partner-keynote", speaker__slug="matt-garman"
    )

    assert not Keynote.objects.for_year(2025).filter(slug="monday-night-live").exists()
    assert (partner.role, partner.job_title, partner.organization) == (Role.GUEST, "CEO", "AWS")


@pytest.mark.parametrize("year", [2023, 2025])
def test_no_source_gives_a_clock_time_so_each_keynote_keeps_its_day(year):
    keynotes = Keynote.objects.for_year(year)

    assert keynotes.count() == 5
    assert not keynotes.filter(start__isnull=False).exists()
    assert not keynotes.filter(schedule_source__isnull=False).exists()


@pytest.mark.parametrize("year", [2023, 2025])
def test_each_keynote_has_three_to_six_key_points(year):
    counts = [
        KeyPoint.objects.filter(keynote=keynote).count()
        for keynote in Keynote.objects.for_year(year)
    ]

    assert all(3 <= count <= 6 for count in counts), counts


def test_a_sample_of_announcements_has_the_status_and_source_its_sources_give():
    found = {}
    for year, slug in SAMPLE:
        a = Announcement.objects.for_year(year).select_related("availability_source").get(slug=slug)
        found[year, slug] = (a.availability, getattr(a.availability_source, "slug", None))

    assert found == SAMPLE


def test_where_sources_disagree_the_record_says_which_it_follows():
    note = Announcement.objects.for_year(2025).get(slug="trainium-3-ultraservers").availability_note

    assert "Preview" in note or "preview" in note
    assert "generally available" in note.lower()


@pytest.mark.parametrize("year", [2023, 2025])
def test_every_stated_status_has_a_dated_original_source_of_the_event_weeks(year):
    stated = Announcement.objects.for_year(year).exclude(availability=A.UNSPECIFIED)

    assert stated.exists()
    for announcement in stated.select_related("availability_source", "edition"):
        announcement.full_clean()  # dated, an original, within a month of the edition


def test_stories_run_across_the_three_years():
    found = {
        key: sorted(
            (a.edition.year, a.slug)
            for a in Announcement.objects.for_year(key[0])
            .get(slug=key[1])
            .follows.select_related("edition")
        )
        for key in FOLLOWS
    }
    trainium_3 = Announcement.objects.for_year(2024).get(slug="trainium-3")

    assert found == {key: sorted(value) for key, value in FOLLOWS.items()}
    assert [(a.edition.year, a.slug) for a in trainium_3.follow_ups.all()] == [
        (2025, "trainium-3-ultraservers")
    ]


def test_speakers_carry_their_title_of_each_year():
    garman = {
        (a.keynote.edition.year, a.keynote.slug): a.held
        for a in Appearance.objects.filter(speaker__slug="matt-garman").select_related(
            "keynote__edition"
        )
    }

    assert garman == {
        (2024, "ceo-keynote"): "CEO, AWS",
        (2025, "ceo-keynote"): "CEO, AWS",
        (2025, "partner-keynote"): "CEO, AWS",
    }
    assert Speaker.objects.get(slug="swami-sivasubramanian").appearances.count() == 3


@pytest.mark.parametrize("year", [2023, 2025])
def test_each_year_round_trips_byte_for_byte(year):
    path = FIXTURES / f"reinvent-{year}.json"

    assert export_year(year) == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("year", [2023, 2025])
def test_the_files_carry_no_database_ids(year):
    records = json.loads((FIXTURES / f"reinvent-{year}.json").read_text(encoding="utf-8"))

    assert all(set(record) == {"model", "fields"} for record in records)


def test_every_row_passes_model_validation():
    for model in apps.get_app_config("events").get_models():
        for obj in model.objects.all():
            obj.full_clean()


# Own words ------------------------------------------------------------------------------


def our_texts(year):
    texts = [a.summary for a in Announcement.objects.for_year(year)]
    texts += [a.availability_note for a in Announcement.objects.for_year(year)]
    texts += [k.summary for k in Keynote.objects.for_year(year)]
    texts += [p.body for p in KeyPoint.objects.filter(keynote__edition__year=year)]
    texts += [
        s.bio for s in Speaker.objects.filter(appearances__keynote__edition__year=year).distinct()
    ]
    return [text for text in texts if text]


@pytest.mark.parametrize("year", [2023, 2025])
def test_no_text_repeats_eight_words_of_a_source_it_cites(year):
    sources = set((DATA / f"reinvent-{year}-sources.fingerprints").read_text().split())

    copied = [text for text in our_texts(year) if fingerprints(text, 8) & sources]

    assert len(sources) > 10_000
    assert copied == []


def test_the_eight_word_check_catches_a_copied_run():
    sources = set((DATA / "reinvent-2025-sources.fingerprints").read_text().split())
    # The official title of a 2025 keynote, as its catalog source gives it.
    copied = "AWS re:Invent 2025 - Keynote with Peter DeSantis and Dave Brown"

    assert fingerprints(copied, 8) & sources
    assert not fingerprints("Peter DeSantis and Dave Brown shared the stage.", 8) & sources


# Every page, feed, export and calendar of the three years ---------------------------------


def test_every_keynote_page_and_calendar_of_the_three_years_answers(client):
    for keynote in Keynote.objects.select_related("edition"):
        year, slug = keynote.edition.year, keynote.slug
        page = client.get(f"/{year}/keynotes/{slug}/")
        calendar = client.get(f"/{year}/keynotes/{slug}.ics")

        assert page.status_code == 200, (year, slug)
        assert calendar.status_code == 200, (year, slug)
        assert calendar["Content-Type"].startswith("text/calendar")


def test_every_announcement_and_speaker_page_of_the_three_years_answers(client):
    for announcement in Announcement.objects.select_related("edition"):
        response = client.get(announcement.get_absolute_url())
        assert response.status_code == 200, announcement.get_absolute_url()
    for speaker in Speaker.objects.public():
        assert client.get(speaker.get_absolute_url()).status_code == 200, speaker.slug


@pytest.mark.parametrize("year", [2023, 2024, 2025])
def test_each_year_shows_in_every_list_feed_and_export(client, year):
    pages = {
        "edition": client.get(f"/{year}/"),
        "list": client.get(f"/announcements/?year={year}"),
        "json": client.get(f"/announcements.json?year={year}"),
        "csv": client.get(f"/announcements.csv?year={year}"),
        "atom": client.get(f"/announcements.atom?year={year}"),
        "keynotes": client.get(f"/keynotes.json?year={year}"),
        "calendar": client.get(f"/{year}/keynotes.ics"),
    }
    count = Announcement.objects.for_year(year).count()

    assert {name: r.status_code for name, r in pages.items()} == dict.fromkeys(pages, 200)
    assert pages["json"].json()["count"] == count
    assert len(pages["keynotes"].json()["results"]) == 5
    assert pages["calendar"].content.count(b"BEGIN:VEVENT") == 5
    assert pages["csv"].content.decode("utf-8").count(f"/{year}/announcements/") == count


def test_the_home_page_charts_the_three_years(client):
    chart = client.get("/").context["topics_by_year"]
    generative = next(row for row in chart["rows"] if row["slug"] == "generative-ai")

    assert chart["years"] == [2023, 2024, 2025]
    assert [cell["count"] for cell in generative["cells"]] == [
        Announcement.objects.for_year(year).filter(topics__slug="generative-ai").count()
        for year in (2023, 2024, 2025)
    ]


@pytest.mark.parametrize("year", [2023, 2025])
def test_each_year_credits_the_keynote_videos_it_is_taken_from(client, year):
    credits = client.get(f"/{year}/").context["credit_sources"]
    videos = {source.url for source in credits if source.kind == "video"}

    # Every keynote's video but 2023's partner keynote, which no stored source gives.
    assert len(videos) >= 4
    assert all(url.startswith("https://www.youtube.com/watch?v=") for url in videos)
