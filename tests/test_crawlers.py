"""Crawlers stay on the pages worth indexing: a filtered or re-sorted list asks not to be
indexed and names the unfiltered list as canonical, and every link that leads to a
filtered list says nofollow. Unfiltered lists and every page of the sitemap stay
indexable."""

import re
from html.parser import HTMLParser

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sample_catalog")]

NOINDEX = '<meta name="robots" content="noindex, follow">'
FILTERED_LISTS = [
    "/announcements/?topic=storage",
    "/announcements/?q=aurora",
    "/announcements/?sort=title",
    "/announcements/?status=preview&year=2024",
    "/keynotes/?year=2024",
    "/speakers/?q=brown",
]
PAGES = ["/", "/2024/", "/2024/keynotes/ceo-keynote/", "/2024/announcements/aurora-dsql/"]


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            attrs = dict(attrs)
            self.links.append((attrs.get("href", ""), (attrs.get("rel") or "").split()))


def links_of(html):
    parser = Links()
    parser.feed(html)
    return parser.links


@pytest.mark.parametrize("path", FILTERED_LISTS)
def test_a_filtered_list_asks_not_to_be_indexed_and_names_the_unfiltered_one(client, path):
    html = client.get(path).content.decode()
    unfiltered = path.split("?")[0]

    assert NOINDEX in html
    assert f'<link rel="canonical" href="http://testserver{unfiltered}">' in html


@pytest.mark.parametrize(
    "path", ["/announcements/", "/keynotes/", "/speakers/", "/announcements/?page=2"]
)
def test_the_unfiltered_lists_stay_indexable(client, path):
    html = client.get(path).content.decode()

    assert "noindex" not in html
    assert 'rel="canonical"' not in html


def test_every_page_of_the_sitemap_stays_indexable(client):
    sitemap = client.get("/sitemap.xml").content.decode()
    paths = [
        re.sub(r"^https?://[^/]+", "", url) for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)
    ]

    assert len(paths) > 10
    for path in paths:
        assert "noindex" not in client.get(path).content.decode(), path


@pytest.mark.parametrize(
    "path", [*PAGES, "/announcements/?topic=storage", "/announcements/?sort=title"]
)
def test_every_link_to_a_filtered_list_says_nofollow(client, path):
    html = client.get(path).content.decode()
    to_filtered = [
        (href, rel)
        for href, rel in links_of(html)
        if "?" in href and not href.startswith(("http", "mailto")) and href.split("?")[1]
    ]

    assert to_filtered, "the page links no filtered list"
    assert [href for href, rel in to_filtered if "nofollow" not in rel] == []


def test_links_to_unfiltered_pages_are_followed(client):
    html = client.get("/2024/announcements/aurora-dsql/").content.decode()
    plain = [
        (href, rel) for href, rel in links_of(html) if href.startswith("/") and "?" not in href
    ]

    assert plain
    assert all("nofollow" not in rel for _, rel in plain)
