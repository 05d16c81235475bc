"""Production behaviour: headers on every response, no cookies, caching, errors."""

import pytest
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import get_cache_key
from django.utils.http import http_date

from events.caching import KEY_FORMAT, current_version
from events.models import Announcement, CatalogVersion, Edition

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sample_catalog")]

PUBLIC = [
    "/",
    "/2024/",
    "/2024/keynotes/ceo-keynote/",
    "/2024/announcements/aurora-dsql/",
    "/announcements/?topic=storage",
    "/keynotes/",
    "/speakers/",
    "/speakers/matt-garman/",
    "/announcements.json",
    "/keynotes.json",
    "/announcements.csv",
    "/announcements.atom",
    "/2024/keynotes.ics",
    "/2024/keynotes/ceo-keynote.ics",
    "/sitemap.xml",
    "/robots.txt",
]


@pytest.mark.parametrize("url", [*PUBLIC, "/healthz", "/nope/", "/announcements.json?topic=x"])
def test_every_response_carries_the_security_headers(client, url):
    response = client.get(url)
    policy = response["Content-Security-Policy"]

    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "base-uri 'none'" in policy
    assert "form-action 'self'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("url", PUBLIC)
def test_anonymous_public_pages_set_no_cookies_and_revalidate(client, url):
    response = client.get(url)

    assert response.status_code == 200
    assert response.cookies == {}
    assert set(response["Cache-Control"].split(", ")) == {"public", "no-cache"}
    assert "Cookie" in response["Vary"]
    assert response["ETag"].startswith('"')


def test_pages_answer_conditional_requests_until_the_data_changes(client):
    first = client.get("/2024/")
    etag, modified = first["ETag"], first["Last-Modified"]

    by_etag = client.get("/2024/", HTTP_IF_NONE_MATCH=etag)
    by_date = client.get("/2024/", HTTP_IF_MODIFIED_SINCE=modified)
    Announcement.objects.get(slug="aurora-dsql").save()  # any edit
    after_edit = client.get("/2024/", HTTP_IF_NONE_MATCH=etag)

    assert by_etag.status_code == 304
    assert by_date.status_code == 304
    assert by_etag.content == b""
    assert after_edit.status_code == 200
    assert after_edit["ETag"] != etag


def test_every_kind_of_edit_bumps_the_catalog_version(client):
    versions = [current_version()[0]]

    announcement = Announcement.objects.get(slug="aurora-dsql")
    announcement.title = "Edited"
    announcement.save()
    versions.append(current_version()[0])
    announcement.topics.clear()
    versions.append(current_version()[0])
    announcement.delete()
    versions.append(current_version()[0])

    assert versions == sorted(set(versions))
    assert len(versions) == 4


def test_a_cached_page_is_not_served_after_an_edit(client):
    before = client.get("/2024/announcements/s3-metadata/").content.decode()
    Announcement.objects.filter(slug="s3-metadata").update(title="Renamed behind the cache")
    still_cached = client.get("/2024/announcements/s3-metadata/").content.decode()
    announcement = Announcement.objects.get(slug="s3-metadata")
    announcement.save()  # the admin's way: a save, which bumps the version

    after = client.get("/2024/announcements/s3-metadata/").content.decode()

    assert "<h1>S3 Metadata</h1>" in before
    assert still_cached == before  # proves the page came from the cache
    assert "<h1>Renamed behind the cache</h1>" in after


def test_signed_in_pages_are_private_and_never_cached(admin_client):
    response = admin_client.get("/2024/")

    assert set(response["Cache-Control"].split(", ")) == {"private", "no-cache"}
    assert "ETag" not in response


def test_health_check_is_never_cached(client):
    assert "no-store" in client.get("/healthz")["Cache-Control"]


def test_hashed_static_files_are_cached_for_a_year(client):
    html = client.get("/").content.decode()
    stylesheet = html.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]

    response = client.get(stylesheet)

    assert stylesheet.startswith("/static/css/site.")
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"


def test_a_server_error_shows_the_sites_own_page(client):
    # A corrupt time zone, written past the admin's validation, makes pages fail.
    Edition.objects.filter(year=2024).update(time_zone="Nowhere/Land")
    client.raise_request_exception = False

    response = client.get("/2024/")

    assert response.status_code == 500
    html = response.content.decode()
    assert "<h1>Something went wrong</h1>" in html
    assert "Traceback" not in html


def test_last_modified_is_the_time_of_the_last_change(client):
    Announcement.objects.get(slug="aurora-dsql").save()
    _, changed_at = current_version()

    response = client.get("/announcements.json")

    assert response["Last-Modified"] == http_date(changed_at)


def test_an_unreadable_cache_entry_is_ignored(client, rf):
    client.get("/2024/")  # stores the page, and learns its key
    version, _ = current_version()
    for store in (caches["local"], caches["default"]):  # where pages are kept
        key = get_cache_key(rf.get("/2024/"), f"{KEY_FORMAT}.{version}", "GET", cache=store)
        assert isinstance(store.get(key), HttpResponse)
        store.set(key, "an entry from another release")

    response = client.get("/2024/")

    assert response.status_code == 200
    assert "<h1>AWS re:Invent 2024</h1>" in response.content.decode()


def test_pages_still_answer_when_the_version_cannot_be_read(client):
    CatalogVersion.objects.all().delete()

    assert client.get("/2024/").status_code == 200
