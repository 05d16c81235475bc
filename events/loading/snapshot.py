"""One read of a year's rows: each row's model instance and canonical values, by natural key.

Loading and exporting both start here. YearRows.read() reads the edition and everything
that belongs to it, the links of its announcements' topics and services, and the
speakers, topics and services it uses: one query per kind and per relation. It points
each row's foreign keys at the instances it read, so naming a referenced record by its
natural key costs no further query, and turns every row into canonical values with
Django's "python" serializer (export.py says what that serializer gives and what the
loader adds). An export renders the values; a load compares them with the file and then
writes to the instances.
"""

import zoneinfo
from collections import defaultdict

from django.core import serializers

from ..models import Announcement, Appearance, Edition, Keynote, KeyPoint, Source, StatusChange
from .records import ACROSS_YEARS, FIELDS, MODELS, SHARED, canonical_value, natural_key_of


class YearRows:
    """A year as the database has it.

    rows[model][key] is the model instance and values[model][key] its canonical values,
    for every kind in records.MODELS, under the record's natural key.
    """

    def __init__(self, year, edition):
        self.year = year
        self.edition = edition
        self.zone = zoneinfo.ZoneInfo(edition.time_zone if edition else "UTC")
        self.rows = {model: {} for model in MODELS}
        self.values = {model: {} for model in MODELS}

    @classmethod
    def read(cls, year, *, lock=False):
        """The year's rows; lock=True first locks its edition row for the transaction."""
        editions = Edition.objects.filter(year=year)
        if lock:
            editions = editions.select_for_update()
        snapshot = cls(year, editions.first())
        edition = snapshot.edition
        if edition is None:
            return snapshot
        rows = {
            Edition: [edition],
            Source: list(Source.objects.filter(edition=edition)),
            Keynote: list(Keynote.objects.filter(edition=edition)),
            Appearance: list(Appearance.objects.filter(keynote__edition=edition)),
            KeyPoint: list(KeyPoint.objects.filter(keynote__edition=edition)),
            Announcement: list(Announcement.objects.filter(edition=edition)),
            StatusChange: list(StatusChange.objects.filter(announcement__edition=edition)),
        }
        links = {f: _link_pairs(f, edition) for f in FIELDS[Announcement] if f.many_to_many}
        used = _shared_pks_used(rows, links)
        for model in SHARED:
            rows[model] = list(model.objects.filter(pk__in=used[model]))
        by_pk = {model: {obj.pk: obj for obj in rows[model]} for model in MODELS}
        _wire_references(rows, by_pk)
        elsewhere = _keys_of_other_years(links, by_pk)
        many = {f.name: defaultdict(list) for f in links}
        for f, pairs in links.items():
            for owner, target in pairs:
                row = by_pk[f.related_model].get(target)
                key = row.natural_key() if row is not None else elsewhere[target]
                many[f.name][owner].append(key)
        for model in MODELS:
            snapshot._add(model, rows[model], many)
        return snapshot

    def add_shared_rows(self, model, slugs):
        """Read the speakers, topics or services (`model`) with these slugs that the year
        does not use yet, e.g. those a file names that another year put in the database."""
        slugs = set(slugs) - {key[0] for key in self.rows[model]}
        if slugs:
            self._add(model, model.objects.filter(slug__in=slugs), many={})

    def _add(self, model, instances, many):
        """Add the instances of `model` and their values; many[field name][pk] lists the
        natural keys of each instance's many-to-many links."""
        instances = list(instances)
        records = serializers.serialize(
            "python",
            instances,
            fields=[f.name for f in FIELDS[model] if not f.many_to_many],
            use_natural_foreign_keys=True,
            use_natural_primary_keys=True,
        )
        for obj, record in zip(instances, records, strict=True):
            serialized = record["fields"]
            for f in FIELDS[model]:
                if f.many_to_many:
                    serialized[f.name] = many[f.name].get(obj.pk, [])
            values = {
                f.name: canonical_value(f, serialized[f.name], self.zone) for f in FIELDS[model]
            }
            key = natural_key_of(model, values)
            self.rows[model][key] = obj
            self.values[model][key] = values


def _link_pairs(f, edition):
    """(announcement pk, target pk) of each of the year's links in many-to-many field f."""
    owner, target = f.m2m_field_name(), f.m2m_reverse_field_name()
    through = f.remote_field.through.objects.filter(**{f"{owner}__edition": edition})
    return list(through.values_list(f"{owner}_id", f"{target}_id"))


def _shared_pks_used(rows, links):
    """{model: pks} of the speakers, topics and services the year's rows refer to."""
    used = {model: set() for model in SHARED}
    for owner, instances in rows.items():
        for f in FIELDS[owner]:
            if f.many_to_one and f.related_model in used:
                used[f.related_model] |= {getattr(obj, f.attname) for obj in instances}
    for f, pairs in links.items():
        if f.related_model in used:
            used[f.related_model] |= {target for _, target in pairs}
    return used


def _keys_of_other_years(links, by_pk):
    """{pk: natural key} of the rows of other years that the year's links name (an
    announcement's `follows`), read in one query, and only when there are any."""
    keys = {}
    for f in ACROSS_YEARS & set(links):
        outside = {target for _, target in links[f] if target not in by_pk[f.related_model]}
        if outside:
            rows = f.related_model.objects.filter(pk__in=outside)
            keys.update(
                (pk, (year, slug))
                for pk, year, slug in rows.values_list("pk", "edition__year", "slug")
            )
    return keys


def _wire_references(rows, by_pk):
    """Point each row's foreign keys at the instances just read, so that the serializer
    names a referenced record by its natural key without a query. A reference to a row
    not read (another year's source, which the models' checks forbid) is left to be read
    when used."""
    for model, instances in rows.items():
        links = [f for f in FIELDS[model] if f.many_to_one]
        for obj in instances:
            for f in links:
                target = by_pk[f.related_model].get(getattr(obj, f.attname))
                if target is not None:
                    setattr(obj, f.name, target)
