"""Search reads a trigram index of each announcement's own words (events/search.py): an
FTS5 table kept by triggers on SQLite, a GIN index on PostgreSQL. It must find what a
scan of every row would find, follow every write, and come back after a migration."""

import pytest
from django.db import connection

from events import filters, search
from events.apps import keep_search_index
from events.models import Announcement, Keynote, Service, Speaker

from .factories import make_edition

pytestmark = pytest.mark.django_db


def found(client, q, **params):
    body = client.get("/announcements.json", {"q": q, **params}).json()
    return sorted(result["slug"] for result in body["results"])


@pytest.fixture
def items():
    edition = make_edition(2030, keynotes=1, announcements=4)
    one, two, three, four = Announcement.objects.filter(edition=edition).order_by("position")
    one.title = "Amazon S3 Metadata"
    one.save()
    two.other_names = "Trainium2 UltraServers"
    two.save()
    three.summary = 'Cuts cost by 100% on_demand, for a "quoted" price.'
    three.save()
    four.section = "Databases and analytics"
    four.save()
    return one, two, three, four


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("metadata", ["k1-item-1"]),  # a whole word
        ("ETADAT", ["k1-item-1"]),  # inside a word, in any case
        ("trainium2", ["k1-item-2"]),  # the other names
        ("ultraserv", ["k1-item-2"]),
        ("100%", ["k1-item-3"]),  # LIKE's wildcards are plain characters
        ("on_demand", ["k1-item-3"]),
        ("n_d", ["k1-item-3"]),
        ("%", ["k1-item-3"]),
        ("_", ["k1-item-3"]),
        ('"quoted"', ["k1-item-3"]),  # FTS5's quote is a plain character too
        ('"', ["k1-item-3"]),
        ("analytics", ["k1-item-4"]),  # the section
        ("s3", ["k1-item-1"]),  # shorter than a trigram: read from the rows
        ("metadata s3", ["k1-item-1"]),  # every word must match
        ("metadata analytics", []),
        ("nowhere-to-be-found", []),
    ],
)
def test_search_finds_text_anywhere_in_an_announcements_own_words(client, items, q, expected):
    assert found(client, q) == expected


def test_the_index_follows_every_write(client, items):
    one = items[0]

    one.title = "Amazon S3 Tables"
    one.save()
    assert found(client, "metadata") == []
    assert found(client, "s3 tables") == ["k1-item-1"]

    Announcement.objects.filter(pk=one.pk).update(summary="Now with Iceberg support.")
    assert found(client, "iceberg") == ["k1-item-1"]

    one.delete()
    assert found(client, "iceberg") == []
    assert found(client, "tables") == []


def test_rows_written_in_bulk_are_found(client):
    make_edition(2031, keynotes=2, announcements=3)

    assert found(client, "item") == [f"k{k}-item-{n}" for k in (1, 2) for n in (1, 2, 3)]


def test_a_search_that_finds_many_gives_the_same_results(client, items, monkeypatch):
    """A search finding more than FOUND_INLINE announcements passes its query, not keys."""
    expected = found(client, "keynote")
    monkeypatch.setattr(filters, "FOUND_INLINE", 1)

    again = client.get("/announcements/?q=keynote&sort=title")

    assert len(expected) == 4
    assert again.context["listing"].total == 4
    assert {a.slug for a in again.context["listing"].page.object_list} == set(expected)


def index_in_place():
    """Whether the database's search index is all there."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master")
            names = {name for (name,) in cursor.fetchall()}
            return {search.FTS_TABLE, *search.TRIGGERS} <= names
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [search.PG_INDEX])
        return cursor.fetchone() is not None


def lose_index():
    """What a migration can do: SQLite drops a table's triggers when it rebuilds the table."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for name in search.TRIGGERS:
                cursor.execute(f"DROP TRIGGER {name}")
        else:
            cursor.execute(f"DROP INDEX {search.PG_INDEX}")


def test_the_index_comes_back_after_a_migration_loses_it(client, items):
    """Every migrate ends by making the index again, and filling it afresh: rows written
    while it was gone are found."""
    assert index_in_place()
    lose_index()
    Announcement.objects.create(
        edition=items[0].edition,
        keynote=items[0].keynote,
        slug="written-without-the-index",
        title="Written while the index was gone",
        position=50,
        section="Late",
        summary="It must still be found.",
        published=True,
    )
    assert not index_in_place()
    if connection.vendor == "postgresql":
        # As at the end of a migration's transaction: PostgreSQL builds no index on a
        # table with checks still pending in the transaction.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    keep_search_index(using="default")

    assert index_in_place()
    assert found(client, "index was gone") == ["written-without-the-index"]


def test_the_database_answers_a_search_from_its_index(items):
    """The read the search makes uses the index: the FTS5 table on SQLite, the GIN index
    on PostgreSQL (with the plans that avoid it turned off, since a table this small would
    be read whole)."""
    sql, params = search.index_sql("metadata", connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        assert [pk for (pk,) in cursor.fetchall()] == [items[0].pk]
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = "\n".join(str(row[-1]) for row in cursor.fetchall())
            assert f"{search.FTS_TABLE} VIRTUAL TABLE INDEX" in plan
        else:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert f"Bitmap Index Scan on {search.PG_INDEX}" in plan


def test_the_index_is_made_again_safely(items):
    """install() runs after every migrate: it must change nothing when all is in place."""
    search.install(connection)
    search.install(connection)

    keys = search.own_words_keys("metadata", 10)
    assert list(Announcement.objects.filter(pk__in=keys).values_list("slug", flat=True)) == [
        "k1-item-1"
    ]


def test_a_database_that_refuses_the_index_still_answers(items, monkeypatch, caplog):
    """A PostgreSQL role that may not make the index gets a warning, not a failed
    migration: the refusal is rolled back to a savepoint, the transaction goes on, and
    search reads the rows instead. (On SQLite the PostgreSQL statements fail as well.)"""
    monkeypatch.setattr(search, "TABLE", "no_such_table")

    search._install_postgresql(connection)

    assert "The search index could not be made" in caplog.text
    assert Announcement.objects.count() == 4  # the transaction is still usable


def test_search_finds_keynote_speaker_and_service_names_at_once_after_an_edit(client, items):
    """Keynote, speaker and service names are matched from a list kept per catalog
    version: a rename is found by the next search."""
    one = items[0]
    one.services.add(Service.objects.create(slug="amazon-s3", name="Amazon S3"))

    assert found(client, "AMAZON s3") == ["k1-item-1"]
    assert found(client, "SPEAKER") == ["k1-item-1", "k1-item-2", "k1-item-3", "k1-item-4"]
    assert found(client, "keynote 1 of 2030") == found(client, "speaker")
    assert found(client, "Grace") == []

    speaker = Speaker.objects.get(slug="speaker-1")
    speaker.name = "Grace Hopper"
    speaker.save()
    keynote = Keynote.objects.get(slug="keynote-1")
    keynote.title = "Opening keynote"
    keynote.save()

    assert found(client, "grace") == ["k1-item-1", "k1-item-2", "k1-item-3", "k1-item-4"]
    assert found(client, "opening") == found(client, "grace")
    assert found(client, "speaker") == []


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("metadata keynote", ["k1-item-1"]),  # a word that finds few, one that finds many
        ("keynote item", ["k1-item-2", "k1-item-3", "k1-item-4"]),  # both find many
        ("keynote zz", []),  # a word shorter than a trigram counts as finding many
        ("metadata s3", ["k1-item-1"]),
    ],
)
def test_words_that_find_many_are_checked_row_by_row_with_the_same_results(
    client, items, monkeypatch, q, expected
):
    monkeypatch.setattr(filters, "FOUND_INLINE", 1)

    assert found(client, q) == expected
