"""Loading a year: make the database hold exactly what the year's file says.

load_year() reads and checks the whole file first (reading.py), then, in one transaction:

1. locks the year's edition row and reads the year as it stands (snapshot.YearRows);
2. when forced, hands the year as it stands to a backup first; then runs the guards
   (guards.py), which refuse, unless forced, to overwrite admin edits made since the last
   load or to change rows that other years share;
3. compares the file with the database, record by record, into a Report;
4. unless it is a dry run, writes the difference (_apply), as one change of the catalog
   for the page cache, and stores the load's record hashes for the next guard.

Rows that are the same in the file and the database are not written at all, so a second
load of the same file changes nothing, not even a row's updated_at.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from ..caching import one_change
from ..models import (
    Announcement,
    Appearance,
    Keynote,
    KeyPoint,
    Service,
    Source,
    Speaker,
    StatusChange,
    Topic,
)
from . import guards
from .export import render_records
from .parking import PARKED_MODELS, park
from .reading import read_year_file
from .records import (
    ACROSS_YEARS,
    FIELDS,
    MODELS,
    SHARED,
    describe,
    referenced_shared_slugs,
    rows_in_database,
    sort_key,
)
from .snapshot import YearRows


@dataclass
class Report:
    """What a load creates, changes, deletes and leaves: counts per kind, and each record."""

    year: int
    counts: dict = field(default_factory=dict)  # kind -> Counter(created/changed/...)
    # (action, description); a changed record's description ends with the fields that change
    details: list = field(default_factory=list)

    @property
    def changed_anything(self):
        return any(c["created"] or c["changed"] or c["deleted"] for c in self.counts.values())


def load_year(year, path, *, dry_run=False, force=False, backup=None):
    """Make the year in the database exactly what the file says. Returns a Report.

    backup, if given, is called before a forced load writes anything, with the year as it
    stands in the canonical file form (export.render_records), read under the load's lock:
    exactly what the load overwrites. A year not in the database has nothing to back up.
    """
    year_file = read_year_file(path, year)
    wanted = year_file.records
    with transaction.atomic():
        # Take the write lock before reading, so the state compared is the state replaced.
        snapshot = YearRows.read(year, lock=True)
        current = snapshot.values
        used_before = {model: set(current[model]) for model in SHARED}
        if force and not dry_run and backup is not None and snapshot.edition is not None:
            backup(render_records(current))
        if not force:
            guards.refuse_to_overwrite_edits(year, current, wanted)
        # Shared rows the file refers to that the year did not use yet join the snapshot
        # (and so `current`): the file's version is compared with the database's, and new
        # records refer to them.
        for model in SHARED:
            snapshot.add_shared_rows(model, referenced_shared_slugs(model, wanted))
        conflicts = guards.shared_conflicts(year, current, wanted)
        if conflicts and not force:
            raise guards.SharedRowsError(year, conflicts)
        unused = guards.unused_shared_rows(year, used_before, wanted)
        dropped = [key[1] for key in set(current[Announcement]) - set(wanted[Announcement])]
        followed = guards.followed_elsewhere(year, dropped)
        if followed and not force:
            raise guards.FollowedError(year, followed)
        report = _compare(year, wanted, current, unused)
        if not dry_run:
            if report.changed_anything:
                with one_change():
                    _apply(wanted, snapshot, unused)
            guards.record_load(year, wanted)
            guards.refresh_other_years(year, wanted, conflicts)
    return report


def _deleted(model, wanted, current, unused):
    """The keys of the rows of `model` the load deletes."""
    if model in SHARED:
        return unused[model]
    return set(current[model]) - set(wanted[model])


def _compare(year, wanted, current, unused):
    """What the load creates, changes, deletes and leaves, per kind and per record."""
    report = Report(year)
    for model in MODELS:
        counts = Counter(created=0, changed=0, deleted=0, unchanged=0)
        for key, values in wanted[model].items():
            if key not in current[model]:
                action = "created"
            elif current[model][key] != values:
                action = "changed"
            else:
                action = "unchanged"
            counts[action] += 1
            if action == "changed":
                was = current[model][key]
                fields = [name for name, value in values.items() if was[name] != value]
                report.details.append((action, f"{describe(model, key)}: {', '.join(fields)}"))
            elif action == "created":
                report.details.append((action, describe(model, key)))
        for key in sorted(_deleted(model, wanted, current, unused), key=sort_key):
            counts["deleted"] += 1
            report.details.append(("deleted", describe(model, key)))
        report.counts[str(model._meta.verbose_name_plural)] = counts
    return report


def _apply(wanted, snapshot, unused):
    """Write the differences: create and update in dependency order, then delete."""
    current = snapshot.values
    objects = {model: dict(snapshot.rows[model]) for model in MODELS}  # new rows join them
    now = timezone.now()

    def assign(model, obj, values):
        for f in FIELDS[model]:
            if f.many_to_many:
                continue
            value = values[f.name]
            if f.is_relation:
                target = None if value is None else objects[f.related_model][tuple(value)]
                setattr(obj, f.name, target)
            else:
                setattr(obj, f.attname, f.to_python(value))
        if hasattr(obj, "updated_at"):
            obj.updated_at = now

    def delete_gone(models_to_delete):
        for model in models_to_delete:
            gone = _deleted(model, wanted, current, unused)
            pks = [objects[model][key].pk for key in gone]
            if pks:
                model.objects.filter(pk__in=pks).delete()

    # Rows the file drops free their slugs and positions before anything takes them;
    # keynotes and sources go last, once nothing refers to them.
    delete_gone([StatusChange, Announcement, KeyPoint, Appearance])
    # Positions are unique within a keynote: every row that changes parks out of the way.
    for model in PARKED_MODELS:
        park(model, [objects[model][key] for key in _changing(model, wanted, current)])

    for model in MODELS:
        created, changed = [], []
        for key, values in wanted[model].items():
            if current[model].get(key) == values:
                continue
            obj = objects[model].get(key)
            if obj is None:
                obj = objects[model][key] = model()
                created.append(obj)
            else:
                changed.append(obj)
            assign(model, obj, values)
        if created:
            model.objects.bulk_create(created, batch_size=500)
        if changed:
            names = [f.attname for f in FIELDS[model] if not f.many_to_many]
            if hasattr(model, "updated_at"):
                names.append("updated_at")
            model.objects.bulk_update(changed, names, batch_size=500)

    # Announcements of earlier years that the year's announcements follow.
    for f in ACROSS_YEARS:
        named = {tuple(ref) for values in wanted[f.model].values() for ref in values[f.name]}
        objects[f.related_model].update(
            rows_in_database(f.related_model, named - set(objects[f.related_model]))
        )
    for f in FIELDS[Announcement]:
        if f.many_to_many:
            _replace_links(f, wanted, current, objects)

    # Then keynotes and sources, and shared rows nothing uses any more.
    delete_gone([Keynote, Source, Speaker, Service, Topic])
    # Each announcement's status as it stands now follows from its history, and one whose
    # history changed has changed, for feeds.
    Announcement.objects.filter(edition__year=snapshot.year).refresh_status()
    history_changed = {
        key[:-1]
        for key in set(wanted[StatusChange]) | set(current[StatusChange])
        if wanted[StatusChange].get(key) != current[StatusChange].get(key)
    }
    if history_changed:
        pks = [objects[Announcement][key].pk for key in history_changed]
        Announcement.objects.filter(pk__in=pks).update(updated_at=now)


def _changing(model, wanted, current):
    """The keys of the rows of `model` that exist and that the load changes."""
    return [
        key
        for key, values in wanted[model].items()
        if key in current[model] and current[model][key] != values
    ]


def _replace_links(f, wanted, current, objects):
    """Rewrite the many-to-many links of the announcements whose links changed."""
    through = f.remote_field.through
    owner, target = f.m2m_field_name(), f.m2m_reverse_field_name()
    touched = [
        key
        for key, values in wanted[Announcement].items()
        if current[Announcement].get(key, {}).get(f.name) != values[f.name]
    ]
    if not touched:
        return
    through.objects.filter(
        **{f"{owner}__in": [objects[Announcement][key].pk for key in touched]}
    ).delete()
    links = [
        through(**{owner: objects[Announcement][key], target: objects[f.related_model][tuple(ref)]})
        for key in touched
        for ref in wanted[Announcement][key][f.name]
    ]
    through.objects.bulk_create(links, batch_size=1000)
