"""The public pages the foundation serves: home, an edition, a keynote, an announcement,
a speaker, the 404 page and the health check."""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management.utils import get_random_secret_key
from django.test import Client
from django.urls import reverse

from events.models import Announcement, Edition, Keynote

from .catalog import ARTICLE, CEO_KEYNOTE, KEYNOTES, slugs
from .factories import SCALES, make_edition, make_years

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sample_catalog")]

KEYNOTES_IN_TIME_ORDER = slugs(KEYNOTES)
ANNOUNCEMENT_COUNTS = [len(k.announcements) for k in KEYNOTES]


def test_home_lists_the_latest_editions_keynotes_in_time_order(client):
    response = client.get("/")

    assert response.status_code == 200
    assert response.context["edition"].year == 2024
    assert [k.slug for k in response.context["keynotes"]] == KEYNOTES_IN_TIME_ORDER


def test_home_shows_each_keynotes_speakers_and_announcement_count(client):
    response = client.get("/")
    html = response.content.decode()

    assert [k.announcement_count for k in response.context["keynotes"]] == ANNOUNCEMENT_COUNTS
    assert ANNOUNCEMENT_COUNTS[-1] == 0  # Werner Vogels made no announcements
    assert f"{len(CEO_KEYNOTE.announcements)} announcements" in html
    assert "0 announcements" in html
    for name in ("Peter DeSantis", "Tom Brown", "Andy Jassy", "Brendan Humphreys"):
        assert name in html
    assert "Co-Founder and Chief Compute Officer, Anthropic" in html


def test_home_shows_times_in_the_venues_time_zone(client):
    html = client.get("/").content.decode()

    assert "Monday 2 December 2024, 19:30" in html
    assert "21:00" in html
    assert 'datetime="2024-12-02T19:30:00-08:00"' in html


def test_home_picks_the_latest_published_edition(client):
    make_edition(2025)
    make_edition(2026, published=False)

    response = client.get("/")

    assert response.context["edition"].year == 2025


def test_home_without_a_published_edition_says_so(client):
    Edition.objects.update(published=False)

    response = client.get("/")

    assert response.status_code == 200
    assert "No edition has been published yet" in response.content.decode()


def test_edition_page_lists_its_keynotes(client):
    make_edition(2025)

    response = client.get("/2024/")

    assert response.status_code == 200
    assert [k.slug for k in response.context["keynotes"]] == KEYNOTES_IN_TIME_ORDER


def test_every_page_credits_the_editions_sources(client):
    for url in ("/", "/2024/", "/2024/keynotes/ceo-keynote/", "/2024/announcements/aurora-dsql/"):
        html = client.get(url).content.decode()

        assert ARTICLE.url in html, url
        assert ARTICLE.author in html, url


@pytest.mark.parametrize(
    "url",
    [
        "/2023/",
        "/1999/",
        "/12345/",
        "/0/",
        "/nope/",
        "/2024/keynotes/nope/",
        "/2024/announcements/nope/",
        "/2023/keynotes/ceo-keynote/",
        "/speakers/nobody/",
        "/2024/keynotes/ceo-keynote/extra/",
        "/%00/",
    ],
)
def test_unknown_paths_get_the_sites_own_404_page(client, url):
    response = client.get(url)

    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert 'href="#main"' in html  # the site's own layout, with its navigation
    assert 'aria-label="Main"' in html


def test_unpublished_edition_is_not_found(client):
    make_edition(2025, published=False)

    assert client.get("/2025/").status_code == 404
    assert client.get("/2025/keynotes/keynote-1/").status_code == 404


def test_keynote_page_shows_time_place_speakers_points_and_sections(client):
    response = client.get(reverse("events:keynote", kwargs={"year": 2024, "slug": "ceo-keynote"}))
    html = response.content.decode()

    assert response.status_code == 200
    assert "Tuesday 3 December 2024, 08:00" in html
    assert "10:30" in html
    assert "The Venetian" in html
    assert "Benoit Dupin" in html
    assert "Customer obsession" in html
    assert [section for section, _ in response.context["sections"]] == [
        "Compute",
        "Storage",
        "Database",
        "AI and Developer Tools",
        "Analytics",
    ]
    assert [len(items) for _, items in response.context["sections"]] == [3, 2, 2, 3, 4]


def test_draft_keynote_is_hidden_everywhere(client):
    Keynote.objects.filter(slug="ceo-keynote").update(published=False)

    home = client.get("/")

    assert "ceo-keynote" not in [k.slug for k in home.context["keynotes"]]
    assert client.get("/2024/keynotes/ceo-keynote/").status_code == 404
    assert client.get("/2024/announcements/aurora-dsql/").status_code == 404
    assert client.get("/speakers/benoit-dupin/").status_code == 404
    assert client.get("/speakers/matt-garman/").status_code == 404


def test_draft_announcement_is_hidden_and_not_counted(client):
    Announcement.objects.filter(slug="aurora-dsql").update(published=False)

    keynote_page = client.get("/2024/keynotes/ceo-keynote/")
    home = client.get("/")

    assert "Amazon Aurora DSQL" not in keynote_page.content.decode()
    assert client.get("/2024/announcements/aurora-dsql/").status_code == 404
    expected = ANNOUNCEMENT_COUNTS.copy()
    expected[KEYNOTES.index(CEO_KEYNOTE)] -= 1
    assert [k.announcement_count for k in home.context["keynotes"]] == expected


def test_announcement_page_shows_its_facts(client):
    response = client.get("/2024/announcements/aurora-dsql/")
    html = response.content.decode()

    assert response.status_code == 200
    assert response.context["announcement"].slug == "aurora-dsql"
    assert "<h1>Amazon Aurora DSQL</h1>" in html
    assert '<p class="eyebrow">Database · No. 6</p>' in html
    assert '<dt>Status now</dt><dd><a class="tag tag-status" href="/announcements/?status=' in html
    assert 'href="/2024/keynotes/ceo-keynote/">CEO Keynote with Matt Garman</a>' in html
    assert (
        '<dt>Official page</dt><dd><a href="https://aws.amazon.com/blogs/database/'
        'introducing-amazon-aurora-dsql/" rel="external">' in html
    )


def test_speaker_page_lists_appearances_with_the_title_held_then(client):
    response = client.get("/speakers/tom-brown/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "<h1>Tom Brown</h1>" in html
    assert [a.keynote.slug for a in response.context["speaker"].public_appearances] == [
        "monday-night-live"
    ]
    assert "Guest · Co-Founder and Chief Compute Officer, Anthropic · AWS re:Invent 2024" in html


def test_healthz_answers_ok(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")


def test_healthz_answers_503_when_the_database_is_unreachable():
    # A real process whose database is a PostgreSQL port nothing listens on.
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz', HTTP_HOST='localhost');"
        "print(r.status_code, r.content.decode())"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "reinvent.settings",
        "DJANGO_SECRET_KEY": get_random_secret_key(),
        "DATABASE_URL": "postgres://nobody:nothing@127.0.0.1:9/nowhere?connect_timeout=2",
    }

    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    assert result.stdout.strip() == "503 database unavailable"


@SCALES
@pytest.mark.parametrize(
    ("page", "queries"),
    [("home", 7), ("edition", 6), ("keynote", 7), ("announcement", 9), ("speaker", 4)],
)
def test_pages_run_a_fixed_number_of_queries(
    client, django_assert_num_queries, page, queries, years, keynotes, announcements
):
    # speaker-1 hosts keynote-1 of every generated year, so the large case also
    # gives the speaker page six appearances.
    make_years(years, keynotes, announcements)
    latest = 2030 + years - 1
    url = {
        "home": "/",
        "edition": f"/{latest}/",
        "keynote": f"/{latest}/keynotes/keynote-1/",
        "announcement": f"/{latest}/announcements/k1-item-1/",
        "speaker": "/speakers/speaker-1/",
    }[page]

    with django_assert_num_queries(queries):
        response = client.get(url)

    assert response.status_code == 200
    if page == "speaker":
        assert len(response.context["speaker"].public_appearances) == years


def test_keynote_page_keeps_one_heading_per_section_whatever_the_order(client):
    keynote = Keynote.objects.get(slug="ceo-keynote")
    late = Announcement.objects.create(
        edition=keynote.edition,
        keynote=keynote,
        slug="late-compute-item",
        title="A late compute item",
        position=15,
        section="Compute",
        summary="Added by a curator after the rest.",
        published=True,
    )

    response = client.get(keynote.get_absolute_url())
    sections = dict(response.context["sections"])

    assert list(sections) == [
        "Compute",
        "Storage",
        "Database",
        "AI and Developer Tools",
        "Analytics",
    ]
    assert sections["Compute"][-1] == late
    assert response.content.decode().count('<h3 class="section-title">Compute</h3>') == 1


@pytest.mark.parametrize("url", ["/", "/announcements/", "/announcements.json", "/keynotes/"])
def test_pages_only_answer_safe_methods(url):
    client = Client(enforce_csrf_checks=True)

    assert client.head(url).status_code == 200
    assert client.post(url).status_code == 405


def _edition_links(html):
    nav = html[html.index('<nav class="edition-nav"') :]
    nav = nav[: nav.index("</nav>")]
    return re.findall(r'<a href="(/\d{4}/)"', nav)


def test_home_links_every_published_edition_newest_first(client):
    make_edition(2023)
    make_edition(2025)
    make_edition(2026, published=False)

    html = client.get("/").content.decode()

    assert _edition_links(html) == ["/2025/", "/2024/", "/2023/"]
    assert '<a href="/2025/" aria-current="true">2025</a>' in html
    assert "/2026/" not in html


def test_edition_page_links_the_other_editions_and_marks_its_own(client):
    make_edition(2023)

    html = client.get("/2023/").content.decode()

    assert _edition_links(html) == ["/2024/", "/2023/"]
    assert '<a href="/2023/" aria-current="page">2023</a>' in html


def test_a_single_edition_needs_no_year_links(client):
    assert 'class="edition-nav"' not in client.get("/").content.decode()


def test_keynote_list_is_grouped_under_a_heading_per_year_newest_first(client):
    make_edition(2023, keynotes=2)
    make_edition(2025, keynotes=2)
    make_edition(2026, keynotes=1, published=False)

    html = client.get("/keynotes/").content.decode()
    headings = re.findall(r'<h2 id="year-(\d{4})" class="year-heading"><a href="/(\d{4})/">', html)
    groups = re.split(r'<h2 id="year-\d{4}"', html)[1:]
    titles = [re.findall(r'<h3><a href="/\d{4}/keynotes/([\w-]+)/">', group) for group in groups]

    assert headings == [("2025", "2025"), ("2024", "2024"), ("2023", "2023")]
    assert titles == [
        ["keynote-1", "keynote-2"],
        KEYNOTES_IN_TIME_ORDER,
        ["keynote-1", "keynote-2"],
    ]
    assert '<section class="year-group" aria-labelledby="year-2025">' in html


def test_list_pages_put_a_search_box_before_the_results(client):
    html = client.get("/announcements/?topic=storage&sort=title&q=s3").content.decode()
    search = html[html.index('<form method="get" action="/announcements/" class="quick-search"') :]
    search = search[: search.index("</form>")]

    assert '<label for="search-q">Search announcements</label>' in search
    assert 'name="q" value="s3"' in search
    # Searching again keeps the other filters.
    assert '<input type="hidden" name="topic" value="storage">' in search
    assert '<input type="hidden" name="sort" value="title">' in search
    assert html.index('class="quick-search"') < html.index('class="result-list"')
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    ("url", "results"),
    [("/keynotes/", '<ol class="cards'), ("/speakers/", '<ul class="speaker-list"')],
)
def test_every_list_page_has_the_search_box_first(client, url, results):
    html = client.get(url).content.decode()

    assert html.index('id="search-q"') < html.index(results)
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
