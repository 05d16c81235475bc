"""The page cache with real processes: gunicorn workers, and edits from another process."""

import urllib.error
import urllib.request

from . import catalog
from .live import fresh_database, gunicorn, manage
from .year_files import write_sample_year

PAGE = "/2024/announcements/aurora-dsql/"
EDIT = (
    "from events.models import Announcement;"
    "a = Announcement.objects.get(slug='aurora-dsql');"
    "a.title = 'Aurora DSQL, as edited';"
    "a.save()"
)


def fetch(url, etag=None):
    request = urllib.request.Request(url, headers={"If-None-Match": etag} if etag else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get("ETag"), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("ETag"), ""


def titles(url, times=40):
    found = set()
    for _ in range(times):
        status, _, body = fetch(url)
        assert status == 200
        found.add(body.split("<h1>", 1)[1].split("</h1>", 1)[0])
    return found


def test_no_worker_serves_a_stale_page_after_an_edit_in_another_process(tmp_path):
    with fresh_database(tmp_path) as database_url:
        sample = write_sample_year(tmp_path / "sample.json")
        manage(database_url, "migrate", "--noinput", "-v0")
        manage(database_url, "load_year", str(catalog.YEAR), "--file", str(sample), "-v0")
        cache = {"DJANGO_CACHE_DIR": str(tmp_path / "cache")}
        with gunicorn(database_url, workers=3, env=cache) as url:
            before = titles(url + PAGE)  # every worker has now served and cached it
            _, old_etag, _ = fetch(url + PAGE)
            manage(database_url, "shell", "-c", EDIT)
            after_edit = titles(url + PAGE)
            revalidated, _, _ = fetch(url + PAGE, etag=old_etag)
            reload = ("load_year", str(catalog.YEAR), "--file", str(sample), "--force", "-v0")
            manage(database_url, *reload)
            after_reload = titles(url + PAGE)
            unchanged, _, _ = fetch(url + PAGE, etag=fetch(url + PAGE)[1])

    assert before == {"Amazon Aurora DSQL"}
    assert after_edit == {"Aurora DSQL, as edited"}
    assert revalidated == 200
    assert after_reload == {"Amazon Aurora DSQL"}
    assert unchanged == 304


def fetch_as(url, host):
    request = urllib.request.Request(url, headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


def test_workers_keep_each_hosts_pages_apart_and_refuse_other_hosts(tmp_path):
    # 127.0.0.1 answers the start-up health check.
    hosts = {"DJANGO_ALLOWED_HOSTS": "one.example.org,two.example.org,127.0.0.1"}
    with fresh_database(tmp_path) as database_url:
        manage(database_url, "migrate", "--noinput", "-v0")
        cache = {"DJANGO_CACHE_DIR": str(tmp_path / "cache"), **hosts}
        with gunicorn(database_url, workers=2, env=cache) as url:
            ones = [fetch_as(url + "/sitemap.xml", "one.example.org") for _ in range(6)]
            twos = [fetch_as(url + "/sitemap.xml", "two.example.org") for _ in range(6)]
            robots = fetch_as(url + "/robots.txt", "two.example.org")
            foreign = [
                fetch_as(url + path, "evil.example.net")[0]
                for path in ("/sitemap.xml", "/robots.txt", "/healthz", "/nope/")
            ]

    assert {status for status, _ in ones + twos} == {200}
    assert all("http://one.example.org/" in body for _, body in ones)
    assert not any("one.example.org" in body for _, body in twos)
    assert all("http://two.example.org/" in body for _, body in twos)
    assert robots[0] == 200
    assert "Sitemap: http://two.example.org/sitemap.xml" in robots[1]
    assert foreign == [400, 400, 400, 400]
