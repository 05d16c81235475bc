"""Search that reads an index, not every announcement.

An announcement's own words (title, other names, summary, section) are indexed by
trigrams: SQLite keeps them in an FTS5 table with the trigram tokenizer, filled by
triggers on the announcements table, and PostgreSQL in a GIN index (pg_trgm) on the same
words, lowercased. Either answers "which announcements contain this text anywhere" from
the index, so a search costs what it finds, not the size of the catalog. A word that
finds many, or is shorter than three characters (it has no trigram), is checked on each
row the other filters leave instead (`matches`; AnnouncementFilter.found chooses).

The index is the database's own. `install` makes it (migration 0011) and makes it again
after every migrate: SQLite drops a table's triggers when a migration rebuilds the table.
"""

import logging

from django.db import DatabaseError, connection, transaction
from django.db.models import Count, Q

from .models import Announcement, Appearance, Keynote, Service

log = logging.getLogger(__name__)

TABLE = Announcement._meta.db_table
FTS_TABLE = f"{TABLE}_search"
PG_INDEX = f"{TABLE}_words_trgm"
OWN_TEXT = ("title", "other_names", "summary", "section")
SHORTEST_INDEXED = 3


def _words(prefix=""):
    """The announcement's own words as one text, its fields a space apart."""
    return " || ' ' || ".join(f"{prefix}{name}" for name in OWN_TEXT)


TRIGGERS = {
    f"{FTS_TABLE}_insert": f"""
        CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_insert AFTER INSERT ON {TABLE} BEGIN
            INSERT INTO {FTS_TABLE}(rowid, words) VALUES (new.id, {_words("new.")});
        END""",
    f"{FTS_TABLE}_update": f"""
        CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_update
        AFTER UPDATE OF {", ".join(OWN_TEXT)} ON {TABLE} BEGIN
            UPDATE {FTS_TABLE} SET words = {_words("new.")} WHERE rowid = new.id;
        END""",
    f"{FTS_TABLE}_delete": f"""
        CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_delete AFTER DELETE ON {TABLE} BEGIN
            DELETE FROM {FTS_TABLE} WHERE rowid = old.id;
        END""",
}


def install(using=None):
    """Make the index if it is missing, and fill it. Safe to run any number of times."""
    using = using or connection
    if using.vendor == "sqlite":
        _install_sqlite(using)
    elif using.vendor == "postgresql":
        _install_postgresql(using)


def _install_sqlite(using):
    with using.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master"
            " WHERE name = %s OR (type = 'trigger' AND tbl_name = %s)",
            [FTS_TABLE, TABLE],
        )
        present = {name for (name,) in cursor.fetchall()}
        if FTS_TABLE in present and set(TRIGGERS) <= present:
            return
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(words, tokenize='trigram')"
        )
        for sql in TRIGGERS.values():
            cursor.execute(sql)
        # A missing trigger may have missed writes: fill the index afresh.
        cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608
        cursor.execute(
            f"INSERT INTO {FTS_TABLE}(rowid, words) SELECT id, {_words()} FROM {TABLE}"  # noqa: S608
        )


def _install_postgresql(using):
    try:
        # In a savepoint: a refusal must not spoil the migration's own transaction.
        with transaction.atomic(using=using.alias), using.cursor() as cursor:
            # pg_trgm is a trusted extension: the database's owner may create it.
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON {TABLE} "
                f"USING gin ((lower({_words()})) gin_trgm_ops)"
            )
    except DatabaseError as error:
        # Search still answers without the index, by reading every row.
        log.warning("The search index could not be made: %s", error)


def uninstall(using=None):
    using = using or connection
    with using.cursor() as cursor:
        if using.vendor == "sqlite":
            for name in TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
        elif using.vendor == "postgresql":
            cursor.execute(f"DROP INDEX IF EXISTS {PG_INDEX}")


def _like_pattern(term):
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def index_sql(term, vendor):
    """(sql, params) of the read of the index that finds the term, or None where the
    index cannot help: a word shorter than a trigram, or another database."""
    if len(term) < SHORTEST_INDEXED:
        return None
    if vendor == "sqlite":
        phrase = '"' + term.replace('"', '""') + '"'
        return f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [phrase]  # noqa: S608
    if vendor == "postgresql":
        sql = f"SELECT id FROM {TABLE} WHERE lower({_words()}) LIKE lower(%s)"  # noqa: S608
        return sql, [_like_pattern(term)]
    return None


def own_words_keys(term, limit):
    """The keys of the announcements whose own words contain the word, read from the
    index; None when the index cannot read the word, or when it finds more than `limit`
    (the read stops just past it)."""
    indexed = index_sql(term, connection.vendor)
    if indexed is None:
        return None
    sql, params = indexed
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} LIMIT {int(limit) + 1}", params)
        keys = [pk for (pk,) in cursor.fetchall()]
    return keys if len(keys) <= limit else None


class Names:
    """Every keynote's and AWS service's searchable names, casefolded, and how many
    announcements each has: a few hundred rows in any catalog, read once per catalog
    version, so that a search word is matched against them here rather than by a scan of
    their tables in every query."""

    def __init__(self):
        names = {}
        rows = Keynote.objects.values_list("pk", "title", "appearances__speaker__name")
        for pk, title, speaker in rows:
            names.setdefault(pk, [title]).extend([speaker] if speaker else [])
        # A word has no whitespace, so it never matches across two names.
        self.keynotes = [(pk, "\n".join(each).casefold()) for pk, each in names.items()]
        self.keynote_sizes = dict(
            Announcement.objects.order_by().values_list("keynote").annotate(n=Count("pk"))
        )
        services = Service.objects.annotate(n=Count("announcements")).values_list("pk", "name", "n")
        self.services = [(pk, name.casefold()) for pk, name, _ in services]
        self.service_sizes = {pk: n for pk, _, n in services}

    def keynotes_named(self, term):
        """Keynotes whose title or a speaker's name contains the word."""
        term = term.casefold()
        return [pk for pk, names in self.keynotes if term in names]

    def services_named(self, term):
        term = term.casefold()
        return [pk for pk, name in self.services if term in name]


def few_found(term, names, limit):
    """When the word finds at most `limit` announcements in all (by their own words, told
    from the index, and by the names' sizes), the keys its own words find; else None."""
    keys = own_words_keys(term, limit)
    if keys is None:
        return None
    found = len(keys)
    found += sum(names.keynote_sizes.get(pk, 0) for pk in names.keynotes_named(term))
    found += sum(names.service_sizes.get(pk, 0) for pk in names.services_named(term))
    return keys if found <= limit else None


def announcements_matching(term, names, own_keys):
    """The announcements a word that finds few finds: those its own words find
    (`own_keys`, from few_found), and those of the keynotes, speakers and AWS services it
    names (`names`, a Names), as one union of primary keys."""
    parts = []
    if own_keys:
        parts.append(Announcement.objects.filter(pk__in=own_keys).order_by().values("pk"))
    keynotes = names.keynotes_named(term)
    if keynotes:
        parts.append(Announcement.objects.filter(keynote__in=keynotes).order_by().values("pk"))
    services = names.services_named(term)
    if services:
        through = Announcement.services.through.objects.filter(service__in=services)
        parts.append(through.order_by().values("announcement_id"))
    if not parts:
        return Announcement.objects.none().values("pk")
    return parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]


def matches(term):
    """The same as a condition on each announcement: for a word that finds many, which
    is cheaper checked on the rows the other filters leave than gathered whole. Names are
    matched in SQL here: such a word may name every keynote."""
    condition = Q()
    for name in OWN_TEXT:
        condition |= Q(**{f"{name}__icontains": term})
    speakers = Appearance.objects.filter(speaker__name__icontains=term).values("keynote_id")
    services = Announcement.services.through.objects.filter(
        service__in=Service.objects.filter(name__icontains=term).values("pk")
    ).values("announcement_id")
    return (
        condition | Q(keynote__title__icontains=term) | Q(keynote__in=speakers) | Q(pk__in=services)
    )
