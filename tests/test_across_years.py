"""Announcements across years: a later year's file names the earlier announcements it
carries on (`follows`); loading, exporting, pages, JSON and the admin keep the links, and
no load silently drops one."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from events.loading import export_year
from events.models import Announcement

from . import catalog
from .admin_posts import announcement_form
from .generated_years import generated_year, write_year_file
from .year_files import shared_records, write_sample_year

pytestmark = pytest.mark.django_db

EARLIER = catalog.YEAR  # 2024, the sample year
LATER = 2025


def later_year(follows):
    """A small generated 2025 whose first announcement follows the given 2024 slugs."""
    records = generated_year(LATER, shared_records(), keynotes=1, announcements=3)
    first = next(r for r in records if r["model"] == "events.announcement")
    first["fields"]["follows"] = [[EARLIER, slug] for slug in follows]
    return records


def load(year, path, *options):
    call_command("load_year", str(year), "--file", str(path), *options, verbosity=0)


@pytest.fixture
def two_years(tmp_path):
    load(EARLIER, write_sample_year(tmp_path / "2024.json"))
    path = write_year_file(tmp_path / "2025.json", later_year(["trainium-3", "aurora-dsql"]))
    load(LATER, path)
    return path


def test_a_later_year_links_the_earlier_announcements_it_carries_on(two_years):
    later = Announcement.objects.get(edition__year=LATER, slug="keynote-01-item-0001")
    trainium_3 = Announcement.objects.get(edition__year=EARLIER, slug="trainium-3")

    assert sorted(a.slug for a in later.follows.all()) == ["aurora-dsql", "trainium-3"]
    assert [a.slug for a in trainium_3.follow_ups.all()] == ["keynote-01-item-0001"]


def test_the_links_round_trip_byte_for_byte_and_stay_with_the_later_year(tmp_path, two_years):
    exported = write_year_file(tmp_path / "exported.json", [])
    exported.write_text(export_year(LATER), encoding="utf-8")
    load(LATER, exported)

    assert export_year(LATER) == exported.read_text(encoding="utf-8")
    first = next(
        r["fields"]
        for r in json.loads(export_year(LATER))
        if r["model"] == "events.announcement" and r["fields"]["slug"] == "keynote-01-item-0001"
    )
    assert first["follows"] == [[EARLIER, "aurora-dsql"], [EARLIER, "trainium-3"]]
    assert '"follows": []' in export_year(EARLIER)  # the earlier year's file holds no links


def test_a_second_load_of_the_later_year_changes_nothing(two_years, capsys):
    call_command("load_year", str(LATER), "--file", str(two_years))

    assert "no change" in capsys.readouterr().out


def test_pages_show_what_came_before_and_what_came_next(client, two_years):
    Announcement.objects.filter(edition__year=LATER).update(published=True)
    before = client.get("/2024/announcements/trainium-3/").content.decode()
    after = client.get(f"/{LATER}/announcements/keynote-01-item-0001/").content.decode()

    assert "<h3>What came next</h3>" in before
    assert f'href="/{LATER}/announcements/keynote-01-item-0001/"' in before
    assert "<h3>What came before</h3>" in after
    assert 'href="/2024/announcements/trainium-3/"' in after
    assert 'href="/2024/announcements/aurora-dsql/"' in after


def test_json_carries_the_links_both_ways(client, two_years):
    results = client.get(f"/announcements.json?year={LATER}").json()["results"]
    later = next(r for r in results if r["slug"] == "keynote-01-item-0001")
    found = client.get("/announcements.json?q=Trainium+3").json()["results"]
    earlier = next(r for r in found if r["slug"] == "trainium-3")

    assert sorted(later["follows"]) == [
        "/2024/announcements/aurora-dsql/",
        "/2024/announcements/trainium-3/",
    ]
    assert earlier["follow_ups"] == [f"/{LATER}/announcements/keynote-01-item-0001/"]
    assert earlier["follows"] == []


def test_a_link_to_an_announcement_not_loaded_is_refused_naming_it(tmp_path):
    load(EARLIER, write_sample_year(tmp_path / "2024.json"))
    path = write_year_file(tmp_path / "2025.json", later_year(["no-such-item"]))

    with pytest.raises(CommandError) as refused:
        load(LATER, path)

    assert "refers to announcement 2024/no-such-item, which is neither in the file nor" in str(
        refused.value
    )
    assert not Announcement.objects.filter(edition__year=LATER).exists()


def test_a_year_cannot_follow_its_own_or_a_later_year(tmp_path):
    records = later_year([])
    first = next(r for r in records if r["model"] == "events.announcement")
    first["fields"]["follows"] = [[LATER, "keynote-01-item-0002"], [2031, "x"]]
    path = write_year_file(tmp_path / "2025.json", records)

    with pytest.raises(CommandError) as refused:
        load(LATER, path)

    message = str(refused.value)
    assert "field “follows”: names announcement 2025/keynote-01-item-0002: a 2025 record" in message
    assert "names announcement 2031/x" in message


def test_the_earlier_year_cannot_drop_an_announcement_a_later_year_follows(tmp_path, two_years):
    records = [
        r
        for r in catalog.records()
        if not (r["model"] == "events.announcement" and r["fields"]["slug"] == "trainium-3")
    ]
    path = write_year_file(tmp_path / "2024-without.json", records)

    with pytest.raises(CommandError) as refused:
        load(EARLIER, path)

    assert str(refused.value).startswith(
        "2024's file drops announcements that later years carry on:\n"
        f"  announcement 2024/trainium-3, which {LATER}/keynote-01-item-0001 follows\n"
    )
    assert Announcement.objects.filter(edition__year=EARLIER, slug="trainium-3").exists()
    load(EARLIER, path, "--force")
    later = Announcement.objects.get(edition__year=LATER, slug="keynote-01-item-0001")
    assert [a.slug for a in later.follows.all()] == ["aurora-dsql"]


def test_reloading_the_earlier_year_keeps_the_links(tmp_path, two_years):
    load(EARLIER, write_sample_year(tmp_path / "2024-again.json"), "--force")

    later = Announcement.objects.get(edition__year=LATER, slug="keynote-01-item-0001")
    assert sorted(a.slug for a in later.follows.all()) == ["aurora-dsql", "trainium-3"]


def test_a_curator_links_an_earlier_years_announcement_but_not_a_later_ones(
    admin_client, two_years
):
    trainium_3 = Announcement.objects.get(edition__year=EARLIER, slug="trainium-3")
    later = Announcement.objects.get(edition__year=LATER, slug="keynote-01-item-0002")
    url = reverse("admin:events_announcement_change", args=[later.pk])

    accepted = admin_client.post(url, announcement_form(later, follows=[trainium_3.pk]))
    refused = admin_client.post(
        reverse("admin:events_announcement_change", args=[trainium_3.pk]),
        announcement_form(trainium_3, follows=[later.pk]),
    )

    assert accepted.status_code == 302
    assert [a.slug for a in later.follows.all()] == ["trainium-3"]
    assert refused.status_code == 200
    assert "follows announcements of earlier years only" in refused.content.decode()


def test_json_lists_the_links_oldest_first_and_published_only(client, two_years):
    def follows():
        results = client.get(f"/announcements.json?year={LATER}").json()["results"]
        return next(r for r in results if r["slug"] == "keynote-01-item-0001")["follows"]

    # Both are items of 2024's CEO keynote: Trainium 3 is numbered before Aurora DSQL.
    assert follows() == ["/2024/announcements/trainium-3/", "/2024/announcements/aurora-dsql/"]

    draft = Announcement.objects.get(edition__year=EARLIER, slug="aurora-dsql")
    draft.published = False
    draft.save()

    assert follows() == ["/2024/announcements/trainium-3/"]


def test_json_reads_the_links_only_for_a_page_that_has_some(
    client, two_years, settings, django_assert_num_queries
):
    """One query reads both directions of the links of the page's linked announcements;
    a page with none asks nothing (which of them have links is kept per catalog version)."""
    settings.PAGE_CACHE = False
    client.get("/announcements.json?q=keep")  # what the catalog's version keeps

    # version, count, rows, topics, services, speakers, history; and the links
    with django_assert_num_queries(8):
        client.get(f"/announcements.json?year={LATER}")
    # A search that finds only an announcement without links: the search's two reads,
    # and no links.
    with django_assert_num_queries(9):
        client.get(f"/announcements.json?year={LATER}&q=announcement+3")
