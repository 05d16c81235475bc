"""The committed 2024 fixture against its sources: the article and the official schedule.

The expected values below are typed from ../shared/seed/, not read from the fixture, so a
wrong or missing record fails here.
"""

import datetime as dt
import json
import zoneinfo
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db.models import F

from events.enums import Availability, Role, SourceKind
from events.loading import MODELS
from events.models import Announcement, Appearance, Edition, Keynote, Source, Speaker

from .own_words import fingerprints

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reinvent_2024")]

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "reinvent-2024.json"
ARTICLE_FINGERPRINTS = Path(__file__).parent / "data" / "reinvent-2024-article.fingerprints"
LAS_VEGAS = zoneinfo.ZoneInfo("America/Los_Angeles")

MNL = "monday-night-live"
CEO = "ceo-keynote"
SWAMI = "swami-sivasubramanian-keynote"
PARTNER = "partner-keynote"
WERNER = "werner-vogels-keynote"

# keynote: (title, day, start, end) from the official schedule.
SCHEDULE = {
    MNL: ("Monday Night Live with Peter DeSantis", dt.date(2024, 12, 2), "19:30", "21:00"),
    CEO: ("CEO Keynote with Matt Garman", dt.date(2024, 12, 3), "08:00", "10:30"),
    SWAMI: ("Dr. Swami Sivasubramanian Keynote", dt.date(2024, 12, 4), "08:30", "10:30"),
    PARTNER: ("AWS Partner Keynote with Dr. Ruba Borno", dt.date(2024, 12, 4), "15:00", "16:30"),
    WERNER: ("Dr. Werner Vogels Keynote", dt.date(2024, 12, 5), "08:30", "10:30"),
}

# keynote: [(speaker name, role, job title, organization)] in stage order, from the article.
LINEUPS = {
    MNL: [
        ("Peter DeSantis", Role.HOST, "SVP, Utility Computing", "AWS"),
        ("David Brown", Role.GUEST, "VP of Compute and Networking", "AWS"),
        ("Tom Brown", Role.GUEST, "Co-Founder and Chief Compute Officer", "Anthropic"),
    ],
    CEO: [
        ("Matt Garman", Role.HOST, "CEO", "AWS"),
        ("Benoit Dupin", Role.GUEST, "Senior Director of AI and ML", "Apple"),
        ("Andy Jassy", Role.GUEST, "President and CEO", "Amazon"),
    ],
    SWAMI: [("Swami Sivasubramanian", Role.HOST, "VP, AI and Data", "AWS")],
    PARTNER: [("Ruba Borno", Role.HOST, "VP, Global Specialists and Partners", "AWS")],
    WERNER: [
        ("Werner Vogels", Role.HOST, "VP and CTO", "Amazon.com"),
        ("Brendan Humphreys", Role.GUEST, "CTO", "Canva"),
    ],
}

MNL_SECTION = "Announcements from Peter DeSantis’s Keynote"

# keynote: [(number or None, section, a word or phrase the title must contain)] in the
# article's order. Dr. Borno's four specializations carry no number in the article.
ANNOUNCEMENTS = {
    MNL: [
        (1, MNL_SECTION, "Latency-Optimized Inference"),
        (2, MNL_SECTION, "Claude 3.5 Haiku"),
    ],
    CEO: [
        (1, "Compute", "P6"),
        (2, "Compute", "Trainium 2"),
        (3, "Compute", "Trainium 3"),
        (4, "Storage", "S3 Table Buckets"),
        (5, "Storage", "S3 Metadata"),
        (6, "Database", "Aurora DSQL"),
        (7, "Database", "DynamoDB Global Tables"),
        (8, "AI and Developer Tools", "Amazon Bedrock"),
        (9, "AI and Developer Tools", "Amazon Nova"),
        (10, "AI and Developer Tools", "Amazon Q"),
        (11, "Analytics", "Next Generation of SageMaker"),
        (12, "Analytics", "SageMaker Studio"),
        (13, "Analytics", "Zero-ETL"),
        (14, "Analytics", "SageMaker Lakehouse"),
    ],
    SWAMI: [
        (1, "Amazon SageMaker Updates", "Flexible Training Plans"),
        (2, "Amazon SageMaker Updates", "Task Governance"),
        (3, "Amazon SageMaker Updates", "AI Apps from AWS Partners"),
        (4, "Amazon Bedrock Updates", "Poolside"),
        (5, "Amazon Bedrock Updates", "Diffusion 3.5"),
        (6, "Amazon Bedrock Updates", "Luma AI"),
        (7, "Amazon Bedrock Updates", "Bedrock Marketplace"),
        (8, "Amazon Bedrock Updates", "Prompt Caching"),
        (9, "Amazon Bedrock Updates", "Intelligent Prompt Routing"),
        (10, "Knowledge Bases", "Kendra GenAI Index"),
        (11, "Knowledge Bases", "Structured Data Retrieval"),
        (12, "Knowledge Bases", "GraphRAG"),
        (13, "Data Automation and Safety", "Bedrock Data Automation"),
        (14, "Data Automation and Safety", "Multimodal Toxicity Detection"),
        (15, "AI for Business and Education", "SageMaker Canvas"),
        (16, "AI for Business and Education", "Q in QuickSight"),
        (17, "AI for Business and Education", "Education Equity Initiative"),
    ],
    PARTNER: [
        (None, "New Specializations", "AI Security"),
        (None, "New Specializations", "Digital Sovereignty"),
        (None, "New Specializations", "Amazon Security Lake"),
        (None, "New Specializations", "Security Incident Reporting"),
        (1, "Partner Program Enhancements", "SaaS Co-Sell Incentive"),
        (2, "Partner Program Enhancements", "Buy with AWS"),
        (3, "Partner Program Enhancements", "Partner Connections"),
    ],
    WERNER: [],
}

# Availability the article itself states, by the phrase each title contains.
ARTICLE_AVAILABILITY = {
    "P6": Availability.COMING_SOON,  # "arriving early next year"
    "Trainium 3": Availability.PREVIEW,  # "Preview of Trainium 3"
    "Poolside": Availability.COMING_SOON,  # "Coming soon to Bedrock"
    "Luma AI": Availability.COMING_SOON,  # "coming soon to Bedrock"
}


def _local(value):
    return value.astimezone(LAS_VEGAS)


def test_fixture_has_the_edition_with_the_article_credited():
    edition = Edition.objects.get(year=2024)
    article = Source.objects.get(edition=edition, kind=SourceKind.ARTICLE)

    assert (edition.name, edition.city, edition.start_date, edition.end_date) == (
        "AWS re:Invent 2024",
        "Las Vegas",
        dt.date(2024, 12, 2),
        dt.date(2024, 12, 6),
    )
    assert edition.time_zone == "America/Los_Angeles"
    assert edition.published is True
    assert (article.author, article.title, article.url, article.published_on) == (
        "Ntombizakhona Mabaso",
        "AWS re:Invent 2024",
        "https://ntombizakhona.medium.com/aws-re-invent-2024-3b508e2380b8",
        dt.date(2024, 12, 30),
    )


def test_fixture_has_five_keynotes_at_their_scheduled_times():
    keynotes = {k.slug: k for k in Keynote.objects.for_year(2024).select_related("schedule_source")}

    assert set(keynotes) == set(SCHEDULE)
    for slug, (title, day, start, end) in SCHEDULE.items():
        keynote = keynotes[slug]
        assert keynote.title == title
        assert _local(keynote.start).date() == day
        assert _local(keynote.start).strftime("%H:%M") == start
        assert _local(keynote.end).strftime("%H:%M") == end
        assert keynote.venue == "The Venetian"
        assert keynote.schedule_source.url == "https://reinvent.awsevents.com/keynotes/"
        assert keynote.published is True


def test_fixture_keynote_times_are_pacific_standard_time():
    start = Keynote.objects.get(slug=MNL).start

    assert start == dt.datetime(2024, 12, 3, 3, 30, tzinfo=dt.UTC)


def test_fixture_has_every_speaker_and_guest_with_role_and_organization():
    lineups = {
        slug: [
            (a.speaker.name, a.role, a.job_title, a.organization)
            for a in Appearance.objects.filter(keynote__slug=slug)
            .select_related("speaker")
            .order_by("position")
        ]
        for slug in LINEUPS
    }

    assert lineups == LINEUPS
    assert Speaker.objects.count() == 10


def test_fixture_has_announcement_counts_per_keynote():
    counts = {slug: Announcement.objects.filter(keynote__slug=slug).count() for slug in SCHEDULE}

    assert counts == {MNL: 2, CEO: 14, SWAMI: 17, PARTNER: 7, WERNER: 0}
    assert Announcement.objects.count() == 40


@pytest.mark.parametrize("keynote_slug", list(ANNOUNCEMENTS))
def test_fixture_has_every_numbered_item_under_its_keynote_number_and_section(keynote_slug):
    items = list(Announcement.objects.filter(keynote__slug=keynote_slug).order_by("position"))

    assert [(a.number, a.section) for a in items] == [
        (number, section) for number, section, _ in ANNOUNCEMENTS[keynote_slug]
    ]
    for announcement, (_, _, phrase) in zip(items, ANNOUNCEMENTS[keynote_slug], strict=True):
        assert phrase.lower() in announcement.title.lower(), announcement.title
    assert [a.position for a in items] == list(range(1, len(items) + 1))


def test_fixture_announcements_all_belong_to_their_keynotes_edition():
    mismatched = Announcement.objects.exclude(edition=F("keynote__edition"))

    assert list(mismatched) == []


def test_fixture_every_announcement_has_a_topic_and_summary():
    without_topic = Announcement.objects.filter(topics__isnull=True)

    assert list(without_topic) == []
    assert all(len(a.summary) >= 40 for a in Announcement.objects.all())


def test_fixture_every_product_announcement_names_a_service():
    products = Announcement.objects.exclude(availability=Availability.PROGRAM)

    assert list(products.filter(services__isnull=True)) == []


def test_fixture_availability_follows_the_article_where_it_speaks():
    found = {}
    for phrase in ARTICLE_AVAILABILITY:
        announcement = Announcement.objects.select_related("availability_source").get(
            title__icontains=phrase
        )
        found[phrase] = (announcement.availability, announcement.availability_source.kind)

    assert found == {
        phrase: (value, SourceKind.ARTICLE) for phrase, value in ARTICLE_AVAILABILITY.items()
    }


def test_fixture_every_stated_availability_names_its_source():
    stated = Announcement.objects.exclude(availability=Availability.UNSPECIFIED)

    assert stated.count() > 0
    assert list(stated.filter(availability_source__isnull=True)) == []
    for announcement in stated.select_related("availability_source"):
        assert announcement.availability_source.url.startswith("https://")


def test_fixture_key_points_cover_every_keynote():
    werner = Keynote.objects.get(slug=WERNER)
    desantis = Keynote.objects.get(slug=MNL)
    werner_titles = [p.title for p in werner.key_points.order_by("position")]
    desantis_text = " ".join(p.title + " " + p.body for p in desantis.key_points.all())

    assert all(Keynote.objects.get(slug=slug).key_points.exists() for slug in SCHEDULE)
    assert "Simplexity" in werner_titles
    assert [t for t in werner_titles if t.startswith("Lesson")] == [
        "Lesson 1: make evolvability a requirement",
        "Lesson 2: break complexity into pieces",
        "Lesson 3: align your organisation to your architecture",
        "Lesson 4: organise into cells",
        "Lesson 5: design predictable systems",
        "Lesson 6: automate complexity",
    ]
    for story in ("Graviton", "Nitro", "Barge", "Trainium 2"):
        assert story in desantis_text


def test_fixture_objects_pass_model_validation():
    for model in apps.get_app_config("events").get_models():
        for obj in model.objects.all():
            obj.full_clean()


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_natural_key_round_trip(model):
    objects = list(model.objects.all())

    assert objects, f"the fixture holds no {model.__name__}"
    for obj in objects:
        assert model.objects.get_by_natural_key(*obj.natural_key()) == obj


def test_fixture_file_carries_no_database_ids():
    records = json.loads(FIXTURE.read_text(encoding="utf-8"))

    assert all(set(record) == {"model", "fields"} for record in records)
    assert all("id" not in record["fields"] for record in records)


def test_fixture_summaries_are_in_our_own_words():
    """No summary, key point or bio repeats six words in a row from the article."""
    article = set(ARTICLE_FINGERPRINTS.read_text().split())
    texts = [e.summary for e in Edition.objects.all()]
    texts += [a.summary for a in Announcement.objects.all()]
    texts += [k.summary for k in Keynote.objects.all()]
    texts += [p.body for k in Keynote.objects.all() for p in k.key_points.all()]
    texts += [s.bio for s in Speaker.objects.all()]

    copied = [text for text in texts if fingerprints(text) & article]

    assert len(article) > 1000
    assert copied == []


def test_own_words_check_catches_a_copied_sentence():
    article = set(ARTICLE_FINGERPRINTS.read_text().split())
    copied = "Understanding the nature of complexity in your systems is key to managing it."

    assert fingerprints(copied) & article
