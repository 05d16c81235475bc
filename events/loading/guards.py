"""What a load checks before it writes: admin edits, and rows that other years share.

Admin edits. Each load stores a hash of every record it wrote (YearLoad.record_hashes),
and which fields of each kind it hashed (YearLoad.hashed_fields). A record whose hash of
those fields no longer matches, or that appeared or went away, was edited in the admin
since; a load that would overwrite such an edit is refused with EditedError unless
forced. A year never loaded from a file counts all its records as edits. A field that a
migration adds after a load is not an edit: it is compared from the next load on.

Shared rows. Speakers, topics and services belong to no one year. A file that would
change one that another year uses is refused with SharedRowsError unless forced; a
forced change also updates the other years' stored hashes, so their guard does not take
the change for an admin edit. A shared row that the year stops using and no other year
uses is deleted with the load.
"""

from collections import defaultdict

from django.utils import timezone

from ..models import Announcement, Appearance, Service, Speaker, Topic, YearLoad
from .records import (
    FIELDS,
    LABELS,
    MODELS,
    SHARED,
    describe,
    hash_name,
    hashed_fields,
    record_hash,
    record_of_hash_name,
    referenced_shared_slugs,
    sort_key,
)


class EditedError(Exception):
    """The year was edited since its last load and the load would overwrite that."""

    def __init__(self, year, edited):
        self.year = year
        self.edited = edited
        names = "\n".join(f"  {line}" for line in edited)
        super().__init__(
            f"{year} was edited since it was last loaded, and loading would overwrite:\n"
            f"{names}\n"
            f"Keep that work: `manage.py export_year {year}` writes it into the year's file.\n"
            f"Or discard it: `manage.py load_year {year} --force` (it backs the year up first)."
        )


class FollowedError(Exception):
    """The file drops announcements that another year's announcements follow."""

    def __init__(self, year, followed):
        self.year = year
        self.followed = followed
        lines = "\n".join(
            f"  announcement {year}/{slug}, which {' and '.join(by)} "
            f"follow{'s' if len(by) == 1 else ''}"
            for slug, by in followed
        )
        super().__init__(
            f"{year}'s file drops announcements that later years carry on:\n{lines}\n"
            f"Take the link out of the later year's file and load that year first, or keep the "
            f"announcement. `manage.py load_year {year} --force` drops the links instead."
        )


class SharedRowsError(Exception):
    """The file would change speakers, topics or services that other years use too."""

    def __init__(self, year, conflicts):
        self.year = year
        self.conflicts = conflicts
        self.other_years = sorted({y for _, years in conflicts.values() for y in years})
        lines = "\n".join(
            f"  {describe(model, key)}: {', '.join(fields)} differ from the version "
            f"{' and '.join(str(y) for y in years)} use{'s' if len(years) == 1 else ''}"
            for (model, key), (fields, years) in sorted(
                conflicts.items(), key=lambda item: (MODELS.index(item[0][0]), item[0][1])
            )
        )
        other = self.other_years[0]
        super().__init__(
            f"{year}'s file changes rows that other years share:\n{lines}\n"
            f"Keep the version {other} uses: `manage.py export_year {other}` writes it into "
            f"every year file that holds these rows.\n"
            f"Or keep {year}'s: `manage.py load_year {year} --force`, then "
            f"`manage.py export_year {year}` to bring the other years' files up to date."
        )


# Admin edits ------------------------------------------------------------------------


def record_load(year, records):
    """Store what this load wrote: one hash per record, to see later edits against."""
    hashes = {
        hash_name(model, key): record_hash(model, values)
        for model in MODELS
        for key, values in records[model].items()
    }
    YearLoad.objects.update_or_create(
        year=year,
        defaults={
            "loaded_at": timezone.now(),
            "record_hashes": hashes,
            "hashed_fields": hashed_fields(),
        },
    )


def edits_since_load(year, current):
    """(how, model, key) for each record that differs from what the last load wrote.

    A year that was never loaded from a file counts all its records as edits.
    """
    load = YearLoad.objects.filter(year=year).first()
    loaded = load.record_hashes if load else {}
    fields = load.hashed_fields if load else {}
    present = set()
    edits = []
    for model in MODELS:
        for key, values in current[model].items():
            name = hash_name(model, key)
            present.add(name)
            if loaded.get(name) != record_hash(model, values, fields.get(LABELS[model])):
                edits.append(("changed" if name in loaded else "added", model, key))
    for name in loaded:
        if name not in present:
            edits.append(("deleted", *record_of_hash_name(name)))
    return sorted(edits, key=lambda e: (MODELS.index(e[1]), sort_key(e[2])))


def refuse_to_overwrite_edits(year, current, wanted):
    """Raise EditedError naming each admin edit that loading `wanted` would undo."""
    overwritten = [
        f"{describe(model, key)} ({how} in the admin)"
        for how, model, key in edits_since_load(year, current)
        if current[model].get(key) != wanted[model].get(key)
    ]
    if overwritten:
        raise EditedError(year, overwritten)


def refresh_other_years(year, wanted, conflicts):
    """After a forced change to shared rows, other years' loads hold the new version, so
    their edit guard does not mistake it for an admin edit."""
    if not conflicts:
        return
    for load in YearLoad.objects.exclude(year=year):
        for model, key in conflicts:
            name = hash_name(model, key)
            if name in load.record_hashes:
                load.record_hashes[name] = record_hash(
                    model, wanted[model][key], load.hashed_fields.get(LABELS[model])
                )
        load.save(update_fields=["record_hashes"])


# Links across years ---------------------------------------------------------------------


def followed_elsewhere(year, slugs):
    """[(slug, ["2025/x", ...])]: which of the year's announcements with these slugs other
    years' announcements follow, and which ones do."""
    if not slugs:
        return []
    links = (
        Announcement.follows.through.objects.filter(
            to_announcement__edition__year=year, to_announcement__slug__in=slugs
        )
        .exclude(from_announcement__edition__year=year)
        .values_list(
            "to_announcement__slug", "from_announcement__edition__year", "from_announcement__slug"
        )
    )
    by = defaultdict(list)
    for slug, other_year, other_slug in links:
        by[slug].append(f"{other_year}/{other_slug}")
    return sorted((slug, sorted(names)) for slug, names in by.items())


# Shared rows ------------------------------------------------------------------------

# For each kind of shared row: the records that use one, the field they use it by, and
# the path from such a record to its year.
USED_BY = {
    Speaker: (Appearance, "speaker", "keynote__edition__year"),
    Topic: (Announcement, "topics", "edition__year"),
    Service: (Announcement, "services", "edition__year"),
}


def years_using(model, slugs, *, besides):
    """{slug: set of years}: the years other than `besides` that use each of these
    speakers, topics or services (`model`). Slugs no other year uses are left out."""
    owner, relation, year_path = USED_BY[model]
    uses = (
        owner.objects.exclude(**{year_path: besides})
        .filter(**{f"{relation}__slug__in": slugs})
        .values_list(f"{relation}__slug", year_path)
    )
    years = defaultdict(set)
    for slug, other_year in uses:
        years[slug].add(other_year)
    return years


def shared_conflicts(year, current, wanted):
    """{(model, key): (fields, other years)} for shared rows the file would change under
    another year that uses them."""
    conflicts = {}
    for model in SHARED:
        differing = {
            key: [f.name for f in FIELDS[model] if current[model][key][f.name] != values[f.name]]
            for key, values in wanted[model].items()
            if key in current[model] and current[model][key] != values
        }
        if not differing:
            continue
        others = years_using(model, [key[0] for key in differing], besides=year)
        for slug, other_years in others.items():
            conflicts[(model, (slug,))] = (differing[(slug,)], sorted(other_years))
    return conflicts


def unused_shared_rows(year, used_before, wanted):
    """{model: keys} of the shared rows this year used that, after the load, nothing will."""
    unused = {}
    for model in SHARED:
        gone = {key[0] for key in used_before[model]} - referenced_shared_slugs(model, wanted)
        unused[model] = {(slug,) for slug in gone - set(years_using(model, gone, besides=year))}
    return unused
