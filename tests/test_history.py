"""What became of each announcement: its history of later changes, its status now, the
`status` filter, the timeline on its page and the edition's "did it ship?" chart, and the
rules that keep every stated availability dated and sourced."""

import csv
import datetime as dt
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.enums import Availability, SourceKind
from events.models import Announcement, Edition, Source, StatusChange, is_locale_copy

from . import catalog as sample
from .factories import make_edition

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sample_catalog")]

GA = Availability.GENERALLY_AVAILABLE


def expected_status(item):
    """An item's status as it stands now, read from the sample, not from the database."""
    return item.history[-1][1] if item.history else item.availability


def sample_slugs(**where):
    return sorted(
        a.slug
        for a in sample.ANNOUNCEMENTS
        if all(
            (expected_status(a) if k == "status" else getattr(a, k)) == v for k, v in where.items()
        )
    )


def listed(client, query):
    response = client.get(f"/announcements/?{query}")
    assert response.status_code == 200
    return sorted(a.slug for a in response.context["listing"].page.object_list)


def new_source(slug, published_on, url=None, kind=SourceKind.OFFICIAL):
    return Source.objects.create(
        edition=Edition.objects.get(year=2024),
        slug=slug,
        kind=kind,
        title=f"Source {slug}",
        author="Amazon Web Services",
        url=url or f"https://aws.amazon.com/about-aws/whats-new/{slug}/",
        published_on=published_on,
    )


# The status as it stands now ----------------------------------------------------------


def test_status_is_the_latest_change_or_else_the_availability_when_announced():
    statuses = dict(Announcement.objects.values_list("slug", "status"))

    assert statuses == {a.slug: expected_status(a) for a in sample.ANNOUNCEMENTS}
    assert statuses["aurora-dsql"] == GA
    assert Announcement.objects.get(slug="aurora-dsql").availability == Availability.PREVIEW


def test_a_new_change_moves_the_status_and_removing_it_moves_it_back():
    announcement = Announcement.objects.get(slug="dynamodb-global-tables-multi-region")
    source = new_source("dynamodb-mrsc-ga", dt.date(2025, 6, 30))

    change = StatusChange.objects.create(
        announcement=announcement, date=dt.date(2025, 6, 30), availability=GA, source=source
    )
    after_change = Announcement.objects.get(pk=announcement.pk).status
    change.delete()

    assert after_change == GA
    assert Announcement.objects.get(pk=announcement.pk).status == Availability.PREVIEW


def test_a_change_to_the_history_counts_as_a_change_of_the_announcement():
    long_ago = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    Announcement.objects.filter(slug="dynamodb-global-tables-multi-region").update(
        updated_at=long_ago
    )
    announcement = Announcement.objects.get(slug="dynamodb-global-tables-multi-region")

    StatusChange.objects.create(
        announcement=announcement,
        date=dt.date(2025, 6, 30),
        availability=GA,
        source=new_source("dynamodb-ga-feed", dt.date(2025, 6, 30)),
    )

    assert Announcement.objects.get(pk=announcement.pk).updated_at > long_ago


def test_the_latest_change_wins_whatever_order_they_were_entered_in():
    announcement = Announcement.objects.get(slug="s3-metadata")
    source = new_source("s3-metadata-earlier", dt.date(2025, 1, 2))

    # An earlier change entered later does not override the latest one.
    StatusChange.objects.create(
        announcement=announcement,
        date=dt.date(2024, 12, 20),
        availability=Availability.COMING_SOON,
        source=source,
    )

    assert Announcement.objects.get(pk=announcement.pk).status == GA


def test_changing_the_availability_of_an_item_without_history_changes_its_status():
    announcement = Announcement.objects.get(slug="s3-table-buckets")
    announcement.availability = GA
    announcement.availability_source = Source.objects.get(slug=sample.S3_METADATA_NEWS.slug)
    announcement.save()

    assert Announcement.objects.get(pk=announcement.pk).status == GA


def test_changing_the_availability_of_an_item_with_history_keeps_its_status_now():
    announcement = Announcement.objects.get(slug="aurora-dsql")
    announcement.availability = Availability.COMING_SOON
    announcement.save(update_fields=["availability"])

    assert Announcement.objects.get(pk=announcement.pk).status == GA


# The status filter ----------------------------------------------------------------------


def test_status_filters_by_how_it_stands_now(client):
    now_ga = listed(client, "status=generally-available")

    assert now_ga == sample_slugs(status=GA)
    assert {"aurora-dsql", "s3-metadata"} <= set(now_ga)


def test_status_and_availability_answer_different_questions(client):
    shipped_after_preview = listed(client, "availability=preview&status=generally-available")

    assert shipped_after_preview == ["aurora-dsql", "s3-metadata"]
    assert listed(client, "availability=generally-available") == sample_slugs(availability=GA)


def test_status_is_a_facet_with_counts_given_the_other_filters(client):
    response = client.get("/announcements/?keynote=ceo-keynote")
    facets = {facet.name: facet for facet in response.context["listing"].facets}
    counts = {option.key: option.count for option in facets["status"].options}
    ceo = sample.CEO_KEYNOTE.announcements

    assert facets["status"].label == "Status now"
    assert counts == {
        value: sum(expected_status(a) == value for a in ceo) for value in Availability.values
    }
    html = response.content.decode()
    assert 'name="status" value="generally-available"' in html


def test_an_unknown_status_is_named_on_the_page_and_the_other_filters_still_apply(client):
    response = client.get("/announcements/?status=shipped&keynote=monday-night-live")
    html = response.content.decode()
    shown = sorted(a.slug for a in response.context["listing"].page.object_list)

    assert response.status_code == 200
    assert "“shipped” is not a status; use one of: generally-available" in html
    assert shown == sorted(sample.slugs(sample.MONDAY_NIGHT_LIVE.announcements))


@pytest.mark.parametrize("path", ["/announcements.json", "/announcements.csv"])
def test_an_unknown_status_gets_400_naming_the_parameter_from_data_endpoints(client, path):
    response = client.get(f"{path}?status=shipped")

    assert response.status_code == 400
    assert "status" in response.json()["errors"]


def test_csv_carries_the_status_its_source_and_the_history(client):
    response = client.get("/announcements.csv?availability=preview&status=generally-available")
    text = response.content.decode("utf-8").removeprefix("\ufeff")
    rows = {
        row["url"].removeprefix("http://testserver"): row
        for row in csv.DictReader(io.StringIO(text))
    }
    dsql = rows["/2024/announcements/aurora-dsql/"]

    assert set(rows) == {"/2024/announcements/aurora-dsql/", "/2024/announcements/s3-metadata/"}
    assert (dsql["availability"], dsql["status"]) == ("preview", "generally-available")
    assert dsql["availability_source"] == sample.AURORA_NEWS.url
    assert dsql["history"] == "2025-05-27 generally-available"


# Other names ------------------------------------------------------------------------------


def test_search_finds_an_item_by_a_name_it_was_called_by(client):
    # The title says "Response"; the source article said "Reporting".
    assert listed(client, "q=incident+reporting") == ["security-incident-reporting-specialization"]
    assert "sagemaker-studio" in listed(client, "q=Amazon+SageMaker+Studio")


def test_the_page_and_the_json_say_what_else_it_was_called(client):
    html = client.get("/2024/announcements/security-incident-reporting-specialization/")
    data = client.get("/announcements.json?q=reporting").json()["results"][0]

    assert "Also listed as AWS Security Incident Reporting" in html.content.decode()
    assert data["other_names"] == "AWS Security Incident Reporting"


# JSON ---------------------------------------------------------------------------------


def test_json_of_an_item_with_nothing_stated_has_no_source_and_no_history(client):
    result = client.get("/announcements.json?q=Zero-ETL").json()["results"][0]

    assert (result["availability"], result["status"]) == ("unspecified", "unspecified")
    assert result["availability_source"] is None
    assert result["history"] == []


def test_json_history_is_oldest_first(client):
    announcement = Announcement.objects.get(slug="aurora-dsql")
    StatusChange.objects.create(
        announcement=announcement,
        date=dt.date(2025, 2, 1),
        availability=Availability.PREVIEW,
        source=new_source("dsql-wider-preview", dt.date(2025, 2, 1)),
    )

    history = client.get("/announcements.json?q=DSQL").json()["results"][0]["history"]

    assert [entry["date"] for entry in history] == ["2025-02-01", "2025-05-27"]
    assert history[0]["source_url"].startswith("https://aws.amazon.com/")


# The announcement page's timeline --------------------------------------------------------


def test_the_page_shows_the_history_as_a_timeline_with_its_sources(client):
    html = client.get("/2024/announcements/aurora-dsql/").content.decode()
    timeline = html[
        html.index('<ol class="timeline">') : html.index("</ol>", html.index("timeline"))
    ]
    steps = re.findall(r'<p class="timeline-what">([^<]+)</p>', timeline)

    assert steps == ["Preview", "Generally available"]
    assert '<time datetime="2024-12-03">3 December 2024</time>, when announced' in timeline
    assert '<time datetime="2025-05-27">27 May 2025</time>' in timeline
    assert (
        f'<a href="{sample.AURORA_GA.url}" rel="external">{sample.AURORA_GA.title}</a>' in timeline
    )
    status_now = (
        '<a class="tag tag-status" href="/announcements/?status=generally-available" '
        'rel="nofollow">'
    )
    assert f"Status now</dt><dd>{status_now}Generally available" in html


def test_the_monday_night_keynote_date_is_the_venue_day_not_utc(client):
    html = client.get("/2024/announcements/bedrock-latency-optimized-inference/").content.decode()

    assert '<time datetime="2024-12-02">2 December 2024</time>, when announced' in html


def test_an_item_without_a_source_or_history_says_so(client):
    html = client.get("/2024/announcements/zero-etl-integrations/").content.decode()

    assert "No source of the week states its availability." in html
    assert "No later change of status is recorded." in html


def test_the_list_shows_the_status_now_and_how_it_was_announced(client):
    html = client.get("/announcements/?q=DSQL").content.decode()

    assert 'Generally available<span class="was">, announced as preview</span>' in html


# The edition's chart ---------------------------------------------------------------------


def test_the_edition_chart_counts_generally_available_now_against_when_announced(client):
    response = client.get("/2024/")
    chart = response.context["status_chart"]
    rows = {row["value"]: row for row in chart["rows"]}
    items = sample.ANNOUNCEMENTS

    assert chart["total"] == len(items)
    for value in Availability.values:
        assert rows[value]["announced"] == sum(a.availability == value for a in items)
        assert rows[value]["now"] == sum(expected_status(a) == value for a in items)
    ga = rows[GA]
    html = response.content.decode()
    assert (
        f"Generally available now: <strong>{ga['now']} of {len(items)}</strong> announcements, "
        f"against {ga['announced']} when they were announced."
    ) in html


def test_the_chart_is_a_table_whose_numbers_link_to_the_filtered_lists(client):
    html = client.get("/2024/").content.decode()
    chart = html[html.index('<table class="chart">') : html.index("</table>")]
    ga_now = sum(expected_status(a) == GA for a in sample.ANNOUNCEMENTS)

    assert "<caption" in chart
    assert chart.count('<th scope="row">') == len(Availability.values)
    assert (
        '<a href="/announcements/?year=2024&amp;status=generally-available" rel="nofollow">'
        f'{ga_now}<span class="visually-hidden"> generally available now</span></a>'
    ) in chart
    # The bars are pictures of the numbers beside them: hidden from screen readers.
    assert chart.count('aria-hidden="true"') == 2 * len(Availability.values)
    assert "style=" not in chart  # no inline styles: the CSP forbids them


def test_the_bars_are_scaled_to_the_largest_count(client):
    chart = client.get("/2024/").context["status_chart"]
    bars = [row[key] for row in chart["rows"] for key in ("announced_bar", "now_bar")]

    assert max(bars) == 100
    assert all(0 <= bar <= 100 for bar in bars)


def test_the_chart_counts_only_published_announcements(client):
    Announcement.objects.filter(slug="aurora-dsql").update(published=False)

    chart = client.get("/2024/").context["status_chart"]

    assert chart["total"] == len(sample.ANNOUNCEMENTS) - 1


# Rules for sources of a status ------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "copy"),
    [
        ("https://docs.aws.amazon.com/ja_jp/aurora-dsql/latest/userguide/x.html", True),
        ("https://docs.aws.amazon.com/pt_br/bedrock/latest/userguide/x.html", True),
        ("https://aws.amazon.com/jp/about-aws/whats-new/2024/12/x/", True),
        ("https://aws.amazon.com/de/blogs/aws/x/", True),
        ("https://aws.amazon.com/about-aws/whats-new/2024/12/amazon-aurora-dsql-preview/", False),
        ("https://aws.amazon.com/blogs/aws/x/", False),
        ("https://www.youtube.com/watch?v=LY7m5LQliAo", False),
        ("https://simonwillison.net/2024/Dec/5/claude-35-haiku-price-drops-by-20/", False),
    ],
)
def test_a_copy_in_another_locale_is_recognised(url, copy):
    assert is_locale_copy(url) is copy


def announcement_with_source(slug="checked", **source_fields):
    announcement = Announcement.objects.get(slug="s3-table-buckets")
    announcement.availability = GA
    announcement.availability_source = new_source(slug, **source_fields)
    return announcement


def test_an_availability_from_an_undated_source_is_refused():
    with pytest.raises(ValidationError) as problem:
        announcement_with_source(published_on=None).full_clean()

    assert "must carry its date" in str(problem.value.message_dict["availability_source"])


def test_an_availability_from_a_copy_in_another_locale_is_refused():
    url = "https://docs.aws.amazon.com/ja_jp/aurora-dsql/latest/userguide/x.html"
    with pytest.raises(ValidationError) as problem:
        announcement_with_source(published_on=dt.date(2024, 12, 3), url=url).full_clean()

    assert "another locale" in str(problem.value.message_dict["availability_source"])


def test_an_availability_at_announcement_needs_a_source_from_the_weeks_of_the_event():
    with pytest.raises(ValidationError) as problem:
        announcement_with_source(published_on=dt.date(2025, 5, 27)).full_clean()

    assert "Record later news in the history" in str(problem.value)
    announcement_with_source("in-the-week", published_on=dt.date(2024, 12, 3)).full_clean()


def test_a_change_needs_a_dated_original_source_and_comes_after_the_event():
    announcement = Announcement.objects.get(slug="s3-table-buckets")
    undated = StatusChange(
        announcement=announcement,
        date=dt.date(2025, 3, 13),
        availability=GA,
        source=new_source("undated", None),
    )
    too_early = StatusChange(
        announcement=announcement,
        date=dt.date(2024, 11, 1),
        availability=GA,
        source=new_source("dated", dt.date(2025, 3, 13)),
    )

    with pytest.raises(ValidationError) as undated_problem:
        undated.full_clean()
    with pytest.raises(ValidationError) as early_problem:
        too_early.full_clean()

    assert set(undated_problem.value.message_dict) == {"source"}
    assert set(early_problem.value.message_dict) == {"date"}


def test_a_change_cannot_be_to_not_stated():
    change = StatusChange(
        announcement=Announcement.objects.get(slug="s3-table-buckets"),
        date=dt.date(2025, 3, 13),
        availability=Availability.UNSPECIFIED,
        source=new_source("dated-2", dt.date(2025, 3, 13)),
    )

    with pytest.raises(ValidationError) as problem:
        change.full_clean()

    assert set(problem.value.message_dict) == {"availability"}


# The home page's topics across the years ---------------------------------------------------


def test_the_home_page_counts_announcements_per_topic_per_year(client):
    make_edition(2025, keynotes=1, announcements=3)  # three on the topic "testing"

    chart = client.get("/").context["topics_by_year"]
    rows = {row["slug"]: row for row in chart["rows"]}

    assert chart["years"] == [2024, 2025]
    storage = {cell["year"]: cell["count"] for cell in rows["storage"]["cells"]}
    assert storage == {2024: len(sample.announcements_with(topic="storage")), 2025: 0}
    assert {cell["year"]: cell["count"] for cell in rows["testing"]["cells"]} == {2024: 0, 2025: 3}
    assert max(cell["bar"] for row in chart["rows"] for cell in row["cells"]) == 100


def test_each_number_of_the_topic_chart_opens_its_filtered_list(client):
    html = client.get("/").content.decode()
    chart = html[
        html.index('<table class="chart topic-table">') : html.index(
            "</table>", html.index("topic-table")
        )
    ]
    storage = len(sample.announcements_with(topic="storage"))

    assert (
        f'<a href="/announcements/?topic=storage&amp;year=2024" rel="nofollow">{storage}'
        '<span class="visually-hidden"> Storage announcements in 2024</span></a>'
    ) in chart
    assert listed(client, "topic=storage&year=2024") == sorted(
        a.slug for a in sample.announcements_with(topic="storage")
    )
    assert "style=" not in chart


def test_the_topic_chart_is_counted_once_per_version_of_the_catalog(client, settings):
    settings.PAGE_CACHE = False  # every request renders: only the chart's own store remains
    first = client.get("/").context["topics_by_year"]
    with CaptureQueriesContext(connection) as again:
        client.get("/")
    queries_again = len(again)
    make_edition(2025, keynotes=1, announcements=3)  # a change of the catalog

    after = client.get("/").context["topics_by_year"]

    assert queries_again == 6  # the page's queries without the chart's count
    assert first["years"] == [2024]
    assert after["years"] == [2024, 2025]
