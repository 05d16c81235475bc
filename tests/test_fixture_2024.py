"""The committed 2024 fixture against its sources: the article and the official schedule.

The expected values below are typed from ../shared/seed/, not read from the fixture, so a
wrong or missing record fails here.
"""

import datetime as dt
import json
import re
import zoneinfo
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.db.models import F

from events.enums import Availability, Role, SourceKind
from events.loading import MODELS
from events.models import (
    Announcement,
    Appearance,
    Edition,
    Keynote,
    KeyPoint,
    Source,
    Speaker,
    StatusChange,
    is_locale_copy,
)

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

# What each item's availability was when announced, and the source that states it:
# typed from the sources, the keynote videos first (see the closing table of the record).
A = Availability
STATUSES = {
    "ai-security-specialization": (A.PROGRAM, "modi-reinvent-2024-recap"),
    "amazon-nova": (A.GENERALLY_AVAILABLE, "ceo-keynote-2024-video"),
    "amazon-q-developer-automation": (A.UNSPECIFIED, None),
    "anthropic-claude-3-5-haiku": (A.PREVIEW, "anthropic-trainium2-distillation"),
    "aurora-dsql": (A.PREVIEW, "griffin-reinvent-2024-12-03"),
    "bedrock-data-automation": (A.PREVIEW, "modi-reinvent-2024-recap"),
    "bedrock-distillation-reasoning-multi-agent": (A.PREVIEW, "modi-reinvent-2024-recap"),
    "bedrock-intelligent-prompt-routing": (A.PREVIEW, "griffin-reinvent-2024-12-04"),
    "bedrock-latency-optimized-inference": (A.PREVIEW, "anthropic-trainium2-distillation"),
    "bedrock-marketplace": (A.UNSPECIFIED, None),
    "bedrock-prompt-caching": (A.PREVIEW, "griffin-reinvent-2024-12-04"),
    "buy-with-aws": (A.GENERALLY_AVAILABLE, "modi-reinvent-2024-recap"),
    "digital-sovereignty-specialization": (A.PROGRAM, "modi-reinvent-2024-recap"),
    "dynamodb-global-tables-multi-region": (A.PREVIEW, "griffin-reinvent-2024-12-03"),
    "education-equity-initiative": (A.PROGRAM, "swami-keynote-2024-video"),
    "guardrails-multimodal-toxicity-detection": (A.PREVIEW, "aws-samples-guardrails-image-filters"),
    "hyperpod-flexible-training-plans": (
        A.GENERALLY_AVAILABLE,
        "aws-sdk-go-v2-sagemaker-changelog",
    ),
    "hyperpod-task-governance": (A.GENERALLY_AVAILABLE, "aws-sdk-go-v2-sagemaker-changelog"),
    "kendra-genai-index": (A.PREVIEW, "modi-reinvent-2024-recap"),
    "knowledge-bases-graphrag": (A.UNSPECIFIED, None),
    "knowledge-bases-structured-data-retrieval": (A.UNSPECIFIED, None),
    "luma-ai-in-bedrock": (A.COMING_SOON, "swami-keynote-2024-video"),
    "next-generation-sagemaker": (A.PREVIEW, "swami-keynote-2024-video"),
    "p6-nvidia-blackwell-gpus": (A.COMING_SOON, "ceo-keynote-2024-video"),
    "partner-ai-apps-in-sagemaker": (A.GENERALLY_AVAILABLE, "aws-sdk-go-v2-sagemaker-changelog"),
    "partner-connections": (A.PREVIEW, "modi-reinvent-2024-recap"),
    "poolside-in-bedrock": (A.COMING_SOON, "swami-keynote-2024-video"),
    "q-in-quicksight-scenarios": (A.PREVIEW, "swami-keynote-2024-video"),
    "s3-metadata": (A.PREVIEW, "dahlstroms-s3-metadata-preview"),
    "s3-table-buckets": (A.GENERALLY_AVAILABLE, "ceo-keynote-2024-video"),
    "saas-co-sell-incentive-startups": (A.PROGRAM, "mabaso-reinvent-2024"),
    "sagemaker-canvas": (A.PREVIEW, "modi-reinvent-2024-recap"),
    "sagemaker-lakehouse": (A.GENERALLY_AVAILABLE, "ceo-keynote-2024-video"),
    "sagemaker-studio": (A.PREVIEW, "ceo-keynote-2024-video"),
    "security-incident-reporting-specialization": (A.PROGRAM, "modi-reinvent-2024-recap"),
    "security-lake-specialization": (A.PROGRAM, "modi-reinvent-2024-recap"),
    "stable-diffusion-3-5": (A.COMING_SOON, "swami-keynote-2024-video"),
    "trainium-2-instances-ultraservers": (A.GENERALLY_AVAILABLE, "ceo-keynote-2024-video"),
    "trainium-3": (A.COMING_SOON, "ceo-keynote-2024-video"),
    "zero-etl-integrations": (A.UNSPECIFIED, None),
}
# Later changes of status, each from a dated source: (date, becomes, source).
HISTORY = {
    "p6-nvidia-blackwell-gpus": [
        (dt.date(2025, 5, 15), A.GENERALLY_AVAILABLE, "aws-news-p6-b200-ga")
    ],
    "trainium-3": [(dt.date(2025, 12, 2), A.GENERALLY_AVAILABLE, "garman-keynote-2025-video")],
    "aurora-dsql": [(dt.date(2025, 5, 27), A.GENERALLY_AVAILABLE, "matsakis-aurora-dsql-ga")],
    "knowledge-bases-graphrag": [
        (dt.date(2025, 3, 7), A.GENERALLY_AVAILABLE, "terraform-aws-graphrag-ga")
    ],
    "luma-ai-in-bedrock": [
        (dt.date(2025, 1, 23), A.GENERALLY_AVAILABLE, "aws-news-luma-ray2-available")
    ],
}
# A status at announcement comes from a source dated in the weeks of the event.
EVENT_WEEKS = (dt.date(2024, 11, 1), dt.date(2024, 12, 31))
# Items titled by their official names, keeping the article's name.
RENAMED = {
    "sagemaker-studio": ("Amazon SageMaker Unified Studio", "Amazon SageMaker Studio"),
    "security-incident-reporting-specialization": (
        "AWS Security Incident Response",
        "AWS Security Incident Reporting",
    ),
    "dynamodb-global-tables-multi-region": (
        "Multi-Region strong consistency for DynamoDB global tables",
        "Multi-Region Capabilities on DynamoDB Global Tables",
    ),
    "amazon-nova": (
        "Amazon Nova foundation models",
        "Amazon Nova: Canvas, Reel, Speech-to-Speech and Any-to-Any",
    ),
    "sagemaker-canvas": ("Amazon Q Developer in SageMaker Canvas", "Amazon SageMaker Canvas"),
}
# Names the article used that a reader may search for.
ARTICLE_NAMES = {
    "sagemaker-studio": "Amazon SageMaker Studio",
    "security-incident-reporting-specialization": "Security Incident Reporting",
    "stable-diffusion-3-5": "Stability Diffusion",
    "luma-ai-in-bedrock": "LumaAI",
    "dynamodb-global-tables-multi-region": "Multi-Region Capabilities",
    # AWS spells its chips as one word; the article and the titles, as two.
    "trainium-3": "Trainium3",
    "trainium-2-instances-ultraservers": "Trn2",
}
SPEAKER_PROFILES = {"andy-jassy", "matt-garman", "werner-vogels"}
# Facts each summary the issue named must carry, from its sources.
SUBSTANCE = {
    "bedrock-distillation-reasoning-multi-agent": [
        "Model Distillation",
        "Automated Reasoning",
        "Multi-agent collaboration",
        "teacher",
    ],
    "q-in-quicksight-scenarios": ["what-if", "steps"],
    "hyperpod-task-governance": ["quota", "priority", "idle compute", "dashboard"],
    "sagemaker-canvas": ["Amazon Q Developer", "no code"],
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
    start = Keynote.objects.for_year(2024).get(slug=MNL).start

    assert start == dt.datetime(2024, 12, 3, 3, 30, tzinfo=dt.UTC)


def test_fixture_has_every_speaker_and_guest_with_role_and_organization():
    lineups = {
        slug: [
            (a.speaker.name, a.role, a.job_title, a.organization)
            for a in Appearance.objects.filter(keynote__edition__year=2024, keynote__slug=slug)
            .select_related("speaker")
            .order_by("position")
        ]
        for slug in LINEUPS
    }

    assert lineups == LINEUPS
    assert Speaker.objects.filter(appearances__keynote__edition__year=2024).distinct().count() == 10


def test_fixture_has_announcement_counts_per_keynote():
    counts = {
        slug: Announcement.objects.for_year(2024).filter(keynote__slug=slug).count()
        for slug in SCHEDULE
    }

    assert counts == {MNL: 2, CEO: 14, SWAMI: 17, PARTNER: 7, WERNER: 0}
    assert Announcement.objects.for_year(2024).count() == 40


@pytest.mark.parametrize("keynote_slug", list(ANNOUNCEMENTS))
def test_fixture_has_every_numbered_item_under_its_keynote_number_and_section(keynote_slug):
    items = list(
        Announcement.objects.for_year(2024).filter(keynote__slug=keynote_slug).order_by("position")
    )

    assert [(a.number, a.section) for a in items] == [
        (number, section) for number, section, _ in ANNOUNCEMENTS[keynote_slug]
    ]
    for announcement, (_, _, phrase) in zip(items, ANNOUNCEMENTS[keynote_slug], strict=True):
        names = f"{announcement.title} / {announcement.other_names}"
        assert phrase.lower() in names.lower(), names
    assert [a.position for a in items] == list(range(1, len(items) + 1))


def test_fixture_announcements_all_belong_to_their_keynotes_edition():
    mismatched = Announcement.objects.for_year(2024).exclude(edition=F("keynote__edition"))

    assert list(mismatched) == []


def test_fixture_every_announcement_has_a_topic_and_summary():
    without_topic = Announcement.objects.for_year(2024).filter(topics__isnull=True)

    assert list(without_topic) == []
    assert all(len(a.summary) >= 40 for a in Announcement.objects.for_year(2024).all())


def test_fixture_every_product_announcement_names_a_service():
    products = Announcement.objects.for_year(2024).exclude(availability=Availability.PROGRAM)

    assert list(products.filter(services__isnull=True)) == []


# Where a status may come from ------------------------------------------------------------


def status_source_problems(source, *, within=None):
    """Why `source` cannot state an availability: the checks every status source of the
    record passes. `within` is the (first, last) day its date must fall in, if any."""
    problems = []
    if source.published_on is None:
        problems.append("undated")
    elif within and not within[0] <= source.published_on <= within[1]:
        problems.append(f"dated {source.published_on}, outside {within[0]}..{within[1]}")
    if is_locale_copy(source.url):
        problems.append("a copy in another locale")
    if urlsplit(source.url).hostname == "docs.aws.amazon.com":
        problems.append("a documentation page, which changes without a date")
    if not source.url.startswith("https://"):
        problems.append("not an https link")
    return problems


def test_fixture_every_stated_availability_has_a_dated_source_of_the_event_weeks():
    stated = Announcement.objects.for_year(2024).exclude(availability=Availability.UNSPECIFIED)

    problems = {
        a.slug: status_source_problems(a.availability_source, within=EVENT_WEEKS)
        for a in stated.select_related("availability_source")
    }

    assert stated.count() >= 32
    assert {slug: found for slug, found in problems.items() if found} == {}


def test_fixture_every_later_change_has_a_dated_source_and_comes_after_the_event():
    changes = StatusChange.objects.filter(announcement__edition__year=2024).select_related(
        "source", "announcement"
    )

    problems = {(c.announcement.slug, c.date): status_source_problems(c.source) for c in changes}

    assert changes.exists()
    assert {key: found for key, found in problems.items() if found} == {}
    assert all(c.date >= dt.date(2024, 12, 2) for c in changes)


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        (
            Source(url="https://docs.aws.amazon.com/ja_jp/aurora-dsql/latest/userguide/x.html"),
            "undated",
        ),
        (
            Source(
                url="https://docs.aws.amazon.com/ja_jp/aurora-dsql/latest/userguide/x.html",
                published_on=dt.date(2024, 12, 3),
            ),
            "a copy in another locale",
        ),
        (
            Source(
                url="https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-caching.html",
                published_on=dt.date(2024, 12, 4),
            ),
            "a documentation page, which changes without a date",
        ),
        (
            Source(url="https://aws.amazon.com/blogs/aws/x/", published_on=dt.date(2025, 5, 27)),
            "dated 2025-05-27, outside 2024-11-01..2024-12-31",
        ),
    ],
)
def test_the_status_source_check_catches_what_it_must(source, problem):
    assert problem in status_source_problems(source, within=EVENT_WEEKS)


def test_the_status_source_check_passes_a_dated_original():
    source = Source(
        url="https://aws.amazon.com/about-aws/whats-new/2024/12/amazon-aurora-dsql-preview/",
        published_on=dt.date(2024, 12, 3),
    )

    assert status_source_problems(source, within=EVENT_WEEKS) == []


# What the record says of each item, typed from its sources -------------------------------


def test_fixture_statuses_at_announcement_are_those_their_sources_state():
    found = {
        a.slug: (a.availability, a.availability_source.slug if a.availability_source else None)
        for a in Announcement.objects.for_year(2024).select_related("availability_source")
    }

    assert found == STATUSES


def test_fixture_at_most_eight_of_forty_availabilities_are_unstated():
    unstated = (
        Announcement.objects.for_year(2024).filter(availability=Availability.UNSPECIFIED).count()
    )

    assert unstated <= 8


def test_fixture_history_is_what_the_later_sources_state():
    found = {}
    for change in (
        StatusChange.objects.filter(announcement__edition__year=2024)
        .select_related("announcement", "source")
        .order_by("date")
    ):
        found.setdefault(change.announcement.slug, []).append(
            (change.date, change.availability, change.source.slug)
        )

    assert found == HISTORY


def test_fixture_status_now_follows_the_history():
    statuses = dict(Announcement.objects.for_year(2024).values_list("slug", "status"))

    for slug, (availability, _) in STATUSES.items():
        expected = HISTORY[slug][-1][1] if slug in HISTORY else availability
        assert statuses[slug] == expected, slug


def test_fixture_at_least_32_of_40_link_their_official_page():
    links = [a.link for a in Announcement.objects.for_year(2024).exclude(link="")]

    assert len(links) >= 32
    for link in links:
        host = urlsplit(link).hostname
        assert link.startswith("https://"), link
        assert not is_locale_copy(link), link
        assert not link.endswith(".md"), link
        assert host.endswith(("aws.amazon.com", "aboutamazon.com", "anthropic.com")), link


def test_fixture_speakers_link_an_official_profile_where_one_is_known():
    speakers = Speaker.objects.filter(appearances__keynote__edition__year=2024).distinct()
    links = dict(speakers.exclude(link="").values_list("slug", "link"))

    assert set(links) == SPEAKER_PROFILES
    assert all(link.startswith("https://") for link in links.values())


# The corrections ---------------------------------------------------------------------


def test_trainium_3_was_announced_as_coming_not_in_preview():
    trainium_3 = Announcement.objects.for_year(2024).get(slug="trainium-3")

    assert trainium_3.availability == Availability.COMING_SOON
    assert "later in 2025" in trainium_3.summary
    assert "preview" not in trainium_3.summary.lower()


def test_items_carry_their_official_names_and_keep_the_articles():
    names = {
        a.slug: (a.title, a.other_names)
        for a in Announcement.objects.for_year(2024).filter(slug__in=RENAMED)
    }

    assert names == RENAMED


@pytest.mark.parametrize(("slug", "article_name"), ARTICLE_NAMES.items())
def test_searching_for_the_articles_name_finds_the_item(client, slug, article_name):
    found = client.get("/announcements.json", {"q": article_name}).json()["results"]

    assert slug in [result["slug"] for result in found]


def test_dynamodb_title_says_what_was_new():
    title = (
        Announcement.objects.for_year(2024).get(slug="dynamodb-global-tables-multi-region").title
    )

    assert "strong consistency" in title


def test_nova_summary_names_what_launched_and_what_came_later():
    summary = Announcement.objects.for_year(2024).get(slug="amazon-nova").summary
    launched, later = summary.split("Announced for later")

    for model in ("Micro", "Lite", "Pro", "Canvas", "Reel"):
        assert f"Nova {model}" in launched or model in launched, model
    for model in ("Premier", "speech-to-speech", "any-to-any"):
        assert model in later, model


def test_monday_night_lives_graviton_point_speaks_of_graviton_in_general():
    body = (
        KeyPoint.objects.filter(keynote__edition__year=2024)
        .get(keynote__slug=MNL, title="Graviton")
        .body
    )

    assert "better on Graviton chips" in body
    assert "better on Graviton 4" not in body


def test_the_ceo_keynotes_billion_for_startups_says_it_was_in_aws_credits():
    body = (
        KeyPoint.objects.filter(keynote__edition__year=2024)
        .get(keynote__slug=CEO, title="Startups")
        .body
    )

    assert "$1 billion in AWS credits" in body
    assert "2025" in body


def test_summaries_the_issue_named_have_substance():
    summaries = dict(Announcement.objects.for_year(2024).values_list("slug", "summary"))

    for slug, facts in SUBSTANCE.items():
        for fact in facts:
            assert fact.lower() in summaries[slug].lower(), (slug, fact)


def test_no_summary_only_restates_its_title():
    for announcement in Announcement.objects.for_year(2024).all():
        title_words = set(re.findall(r"[a-z0-9]+", announcement.title.lower()))
        new_words = set(re.findall(r"[a-z0-9]+", announcement.summary.lower())) - title_words
        assert len(new_words) >= 12, announcement.slug


def test_fixture_key_points_cover_every_keynote():
    werner = Keynote.objects.for_year(2024).get(slug=WERNER)
    desantis = Keynote.objects.for_year(2024).get(slug=MNL)
    werner_titles = [p.title for p in werner.key_points.order_by("position")]
    desantis_text = " ".join(p.title + " " + p.body for p in desantis.key_points.all())

    assert all(
        Keynote.objects.for_year(2024).get(slug=slug).key_points.exists() for slug in SCHEDULE
    )
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
    texts = [e.summary for e in Edition.objects.filter(year=2024)]
    texts += [a.summary for a in Announcement.objects.for_year(2024).all()]
    texts += [k.summary for k in Keynote.objects.for_year(2024)]
    texts += [p.body for k in Keynote.objects.for_year(2024) for p in k.key_points.all()]
    texts += [s.bio for s in Speaker.objects.filter(appearances__keynote__edition__year=2024)]

    copied = [text for text in texts if fingerprints(text) & article]

    assert len(article) > 1000
    assert copied == []


def test_own_words_check_catches_a_copied_sentence():
    article = set(ARTICLE_FINGERPRINTS.read_text().split())
    copied = "Understanding the nature of complexity in your systems is key to managing it."

    assert fingerprints(copied) & article
