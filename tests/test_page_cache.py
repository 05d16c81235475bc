"""The page cache keys each page by the scheme and host it was made for.

A page rendered for one host name carries that host in its links (the sitemap, robots.txt,
feeds), so it must never be served to another; a host outside ALLOWED_HOSTS is refused on
every path, whether the page is cached or not.
"""

import pytest
from django.core.cache import caches

from .factories import make_edition

pytestmark = pytest.mark.django_db

ONE = {"HTTP_HOST": "one.example.org"}
TWO = {"HTTP_HOST": "two.example.org"}
FOREIGN = {"HTTP_HOST": "evil.example.net"}


@pytest.fixture(autouse=True)
def two_hosts(settings):
    settings.ALLOWED_HOSTS = ["one.example.org", "two.example.org"]


@pytest.fixture
def behind_tls_proxy(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


@pytest.fixture
def edition():
    return make_edition(2031, keynotes=1, announcements=2)


def stored_pages():
    return sum(len(caches[alias]._cache) for alias in ("local", "default"))


@pytest.mark.parametrize("path", ["/sitemap.xml", "/robots.txt"])
def test_a_page_made_for_one_host_is_never_served_to_another(client, edition, path):
    first = client.get(path, **ONE).content.decode()
    first_again = client.get(path, **ONE).content.decode()
    second = client.get(path, **TWO).content.decode()

    assert "http://one.example.org/" in first
    assert first_again == first
    assert "http://two.example.org/" in second
    assert "one.example.org" not in second


def test_each_host_gets_its_own_etag(client, edition):
    one = client.get("/robots.txt", **ONE)
    two = client.get("/robots.txt", **TWO)
    # The first host's ETag does not make a 304 on the second.
    revalidated = client.get("/robots.txt", HTTP_IF_NONE_MATCH=one["ETag"], **TWO)

    assert one["ETag"] != two["ETag"]
    assert revalidated.status_code == 200
    assert "http://two.example.org/sitemap.xml" in revalidated.content.decode()


@pytest.mark.usefixtures("behind_tls_proxy")
def test_http_and_https_behind_the_proxy_are_cached_apart(client, edition):
    plain = client.get("/robots.txt", **ONE).content.decode()
    secure = client.get("/robots.txt", HTTP_X_FORWARDED_PROTO="https", **ONE).content.decode()
    plain_again = client.get("/robots.txt", **ONE).content.decode()
    secure_again = client.get("/robots.txt", HTTP_X_FORWARDED_PROTO="https", **ONE).content.decode()

    assert "Sitemap: http://one.example.org/sitemap.xml" in plain
    assert "Sitemap: https://one.example.org/sitemap.xml" in secure
    assert plain_again == plain
    assert secure_again == secure


@pytest.mark.usefixtures("behind_tls_proxy")
def test_the_feed_links_to_the_scheme_it_was_asked_on(client, edition):
    client.get("/announcements.atom", **ONE)

    secure = client.get("/announcements.atom", HTTP_X_FORWARDED_PROTO="https", **ONE)

    assert 'href="https://one.example.org/announcements/"' in secure.content.decode()


@pytest.mark.parametrize(
    "path", ["/", "/2031/", "/announcements/", "/announcements.json", "/sitemap.xml"]
)
def test_a_foreign_host_gets_400_on_a_cached_page(client, edition, path):
    cached = client.get(path, **ONE)
    assert cached.status_code == 200
    assert stored_pages() > 0

    response = client.get(path, **FOREIGN)

    assert response.status_code == 400
    assert "evil.example.net" not in response.content.decode()


@pytest.mark.parametrize("path", ["/healthz", "/admin/login/", "/nope/", "/favicon.ico"])
def test_a_foreign_host_gets_400_on_pages_never_cached(client, path):
    assert client.get(path, **FOREIGN).status_code == 400


def test_a_foreign_host_gets_400_for_static_files(client):
    html = client.get("/", **ONE).content.decode()
    stylesheet = html.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]

    assert client.get(stylesheet, **ONE).status_code == 200
    assert client.get(stylesheet, **FOREIGN).status_code == 400


def test_a_foreign_host_caches_nothing(client, edition):
    client.get("/2031/", **FOREIGN)

    assert stored_pages() == 0


def test_the_page_cache_stores_each_page_once_per_host(client, edition):
    client.get("/2031/", **ONE)
    after_one = stored_pages()
    client.get("/2031/", **ONE)
    after_repeat = stored_pages()
    client.get("/2031/", **TWO)

    assert after_one > 0
    assert after_repeat == after_one
    assert stored_pages() == 2 * after_one
