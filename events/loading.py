"""Each year's fixture is the whole truth for that year: load it, export it, guard edits.

A year file is a list of records in Django's fixture format with natural keys. Loading
checks every record before anything is written, then makes the year's rows exactly what
the file says in one transaction, leaving other years alone. Exporting writes the year
back in one canonical form, so load-then-export reproduces the file byte for byte.

Each load stores a hash per record; when the database no longer matches them, someone
edited the year in the admin, and a load that would overwrite that work is refused.
"""

import hashlib
import json
import zoneinfo
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from .caching import one_change
from .models import (
    CATALOG_MODELS,
    Announcement,
    Appearance,
    Edition,
    Keynote,
    KeyPoint,
    Service,
    Source,
    Speaker,
    Topic,
    YearLoad,
)

MODELS = CATALOG_MODELS
SHARED = [Topic, Service, Speaker]  # rows several years may use
LABELS = {model: model._meta.label_lower for model in MODELS}
BY_LABEL = {label: model for model, label in LABELS.items()}
NOT_IN_FILES = {"id", "updated_at"}


def fields_of(model):
    """The fields a record carries, in the fixed order files use: local, then many-to-many."""
    local = [f for f in model._meta.concrete_fields if f.name not in NOT_IN_FILES]
    many = [f for f in model._meta.many_to_many if f.remote_field.through._meta.auto_created]
    return local + many


FIELDS = {model: fields_of(model) for model in MODELS}


def is_required(f):
    if f.many_to_many:
        return not f.blank
    return not (f.has_default() or f.blank or f.null)


class FileError(Exception):
    """One or more problems with a year file, each a line naming file, record and field."""

    def __init__(self, lines):
        super().__init__("\n".join(lines))
        self.lines = lines


class SharedRowsError(Exception):
    """The file would change speakers, topics or services that other years use too."""

    def __init__(self, year, conflicts):
        self.year = year
        lines = "\n".join(
            f"  {describe(model, key)}: {', '.join(fields)} differ from the version "
            f"{' and '.join(str(y) for y in years)} use{'s' if len(years) == 1 else ''}"
            for (model, key), (fields, years) in sorted(
                conflicts.items(), key=lambda item: (MODELS.index(item[0][0]), item[0][1])
            )
        )
        super().__init__(
            f"{year}'s file changes rows that other years share:\n{lines}\n"
            "Make the year files agree, or load anyway with --force (other years then "
            "show this version too)."
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
            f"Save that work into the file first with `manage.py export_year {year}`, "
            f"or load anyway with --force."
        )


def natural_key_of(model, values):
    """The natural key of a record from its canonical field values."""
    if model is Edition:
        return (values["year"],)
    if model in SHARED:
        return (values["slug"],)
    if model in (Source, Keynote, Announcement):
        return (*values["edition"], values["slug"])
    if model is Appearance:
        return (*values["keynote"], *values["speaker"])
    if model is KeyPoint:
        return (*values["keynote"], values["position"])
    raise ValueError(model)


def describe(model, key):
    return f"{model._meta.model_name} {'/'.join(str(part) for part in key)}"


def record_hash(model, values):
    text = json.dumps([LABELS[model], values], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


# Canonical values -------------------------------------------------------------------


def canonical_value(f, value, zone):
    """A Python value as it appears in a year file."""
    if value is None:
        return None
    if isinstance(f, models.DateTimeField):
        return value.astimezone(zone).isoformat()
    if isinstance(f, models.DateField):
        return value.isoformat()
    return value


class Catalog:
    """Natural keys of the rows a year touches, by primary key, read in a few queries."""

    def __init__(self, year):
        self.year = year
        self.edition = Edition.objects.filter(year=year).first()
        self.keys = defaultdict(dict)  # model -> {pk: natural key}
        if self.edition is None:
            return
        self.keys[Edition][self.edition.pk] = (year,)
        for source in Source.objects.filter(edition=self.edition):
            self.keys[Source][source.pk] = (year, source.slug)
        for keynote in Keynote.objects.filter(edition=self.edition):
            self.keys[Keynote][keynote.pk] = (year, keynote.slug)


def export_records(year):
    """{model: {natural key: canonical values}} for the year as the database has it."""
    catalog = Catalog(year)
    edition = catalog.edition
    records = {model: {} for model in MODELS}
    if edition is None:
        return records
    zone = zoneinfo.ZoneInfo(edition.time_zone)
    keys = catalog.keys

    keynotes = list(Keynote.objects.filter(edition=edition))
    appearances = list(Appearance.objects.filter(keynote__edition=edition))
    key_points = list(KeyPoint.objects.filter(keynote__edition=edition))
    announcements = list(Announcement.objects.filter(edition=edition))
    topic_links = list(
        Announcement.topics.through.objects.filter(announcement__edition=edition).values_list(
            "announcement_id", "topic_id"
        )
    )
    service_links = list(
        Announcement.services.through.objects.filter(announcement__edition=edition).values_list(
            "announcement_id", "service_id"
        )
    )
    used = {
        Topic: {t for _, t in topic_links},
        Service: {s for _, s in service_links},
        Speaker: {a.speaker_id for a in appearances},
    }
    shared_rows = {model: list(model.objects.filter(pk__in=used[model])) for model in SHARED}
    for model, rows in shared_rows.items():
        for row in rows:
            keys[model][row.pk] = (row.slug,)
    m2m = {
        "topics": _group(topic_links, Topic, keys),
        "services": _group(service_links, Service, keys),
    }

    def values_of(model, obj):
        values = {}
        for f in FIELDS[model]:
            if f.many_to_many:
                values[f.name] = sorted(list(k) for k in m2m[f.name].get(obj.pk, []))
            elif f.is_relation:
                pk = getattr(obj, f.attname)
                values[f.name] = None if pk is None else list(keys[f.related_model][pk])
            else:
                values[f.name] = canonical_value(f, getattr(obj, f.attname), zone)
        return values

    rows = {
        Edition: [edition],
        Source: list(Source.objects.filter(edition=edition)),
        Keynote: keynotes,
        Appearance: appearances,
        KeyPoint: key_points,
        Announcement: announcements,
        **shared_rows,
    }
    for model, objs in rows.items():
        for obj in objs:
            values = values_of(model, obj)
            records[model][natural_key_of(model, values)] = values
    return records


def _group(links, model, keys):
    grouped = defaultdict(list)
    for owner, target in links:
        grouped[owner].append(keys[model][target])
    return grouped


def render_records(records):
    """The canonical file text: kinds in dependency order, records by natural key."""
    out = []
    for model in MODELS:
        for key in sorted(records[model], key=_sort_key):
            values = records[model][key]
            out.append({"model": LABELS[model], "fields": values})
    return json.dumps(out, indent=2, ensure_ascii=False) + "\n"


def _sort_key(key):
    return tuple((0, part, "") if isinstance(part, int) else (1, 0, part) for part in key)


def export_year(year):
    records = export_records(year)
    if not records[Edition]:
        raise FileError([f"There is no {year} edition in the database to export."])
    return render_records(records)


# Reading a file ---------------------------------------------------------------------


@dataclass
class YearFile:
    year: int
    path: str
    records: dict = field(default_factory=dict)  # model -> {natural key: canonical values}


def read_year_file(path, year):
    """Parse and check a year file completely; raise FileError listing every problem."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as error:
        raise FileError([f"{path}: cannot be read: {error.strerror}."]) from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise FileError([f"{path}: is not UTF-8 text (byte {error.start})."]) from None
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise FileError([f"{path}: is not valid JSON: {error.msg} at {where}."]) from None
    if not isinstance(data, list):
        raise FileError([f"{path}: must be a list of records, not a {type(data).__name__}."])
    return _check_records(path, year, data)


def _check_records(path, year, data):
    errors = []
    year_file = YearFile(year, path, {model: {} for model in MODELS})
    where = {}  # (model, key) -> record index, for messages about duplicates
    zone = None
    parsed = []

    def error(index, message, model=None, key=None, field_name=None):
        record = f"record {index}"
        if model is not None:
            record += f" ({describe(model, key) if key else model._meta.model_name})"
        place = f", field “{field_name}”" if field_name else ""
        errors.append(f"{path}: {record}{place}: {message}")

    # Pass 1: shape, known models and fields, plain values.
    for index, record in enumerate(data, start=1):
        if not isinstance(record, dict):
            error(index, f"must be an object, not a {type(record).__name__}.")
            continue
        extra = set(record) - {"model", "fields"}
        if extra:
            error(
                index,
                f"unexpected key(s) {', '.join(sorted(map(str, extra)))}; "
                "records carry only “model” and “fields” (no database ids).",
            )
            continue
        label, values = record.get("model"), record.get("fields")
        model = BY_LABEL.get(label) if isinstance(label, str) else None
        if model is None:
            known = ", ".join(LABELS.values())
            error(index, f"unknown model {label!r}; expected one of: {known}.")
            continue
        if not isinstance(values, dict):
            error(index, "“fields” must be an object.", model)
            continue
        known_fields = {f.name: f for f in FIELDS[model]}
        unknown = sorted(set(values) - set(known_fields))
        for name in unknown:
            error(index, "unknown field.", model, field_name=name)
        missing = [f.name for f in FIELDS[model] if is_required(f) and f.name not in values]
        for name in missing:
            error(index, "is required but missing.", model, field_name=name)
        if unknown or missing:
            continue
        parsed.append((index, model, values))
        if model is Edition:
            time_zone = values.get("time_zone", Edition._meta.get_field("time_zone").default)
            try:
                zone = zoneinfo.ZoneInfo(time_zone)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
                error(index, f"unknown time zone {time_zone!r}.", model, field_name="time_zone")

    if errors:
        raise FileError(errors)
    editions = [values for _, model, values in parsed if model is Edition]
    if len(editions) != 1:
        errors.append(f"{path}: must hold exactly one edition record, found {len(editions)}.")
    elif editions[0].get("year") != year:
        errors.append(f"{path}: the edition record is for {editions[0].get('year')!r}, not {year}.")
    if errors:
        raise FileError(errors)
    zone = zone or zoneinfo.ZoneInfo("UTC")

    # Pass 2: canonical values, references shaped right, the record's year.
    for index, model, values in parsed:
        canonical = {}
        ok = True
        for f in FIELDS[model]:
            if f.name not in values:
                default = f.get_default() if not f.many_to_many else []
                canonical[f.name] = (
                    canonical_value(f, default, zone)
                    if not f.is_relation
                    else ([] if f.many_to_many else None)
                )
                continue
            value = values[f.name]
            try:
                canonical[f.name] = _canonical_from_file(f, value, zone)
            except ValidationError as problem:
                error(index, " ".join(problem.messages), model, field_name=f.name)
                ok = False
        if not ok:
            continue
        try:
            key = natural_key_of(model, canonical)
        except (KeyError, TypeError):
            error(index, "its natural key cannot be read.", model)
            continue
        wrong_years = _other_years(model, canonical, year)
        for name, message in wrong_years:
            error(index, message, model, key, name)
        if wrong_years:
            continue
        if key in year_file.records[model]:
            error(
                index,
                f"repeats record {where[model, key]}: the same natural key twice.",
                model,
                key,
            )
            continue
        where[model, key] = index
        year_file.records[model][key] = canonical

    if errors:
        raise FileError(errors)
    _check_references(year_file, where, error)
    _drop_unused_shared_rows(year_file)
    _check_unique_together(year_file, where, error)
    if not errors:
        _check_models(year_file, where, error, zone)
    if errors:
        raise FileError(errors)
    return year_file


def _canonical_from_file(f, value, zone):
    if f.many_to_many:
        if not isinstance(value, list) or not all(_is_key(v) for v in value):
            raise ValidationError('must be a list of natural keys, e.g. [["storage"]].')
        keys = [list(v) for v in value]
        if len({tuple(k) for k in keys}) != len(keys):
            raise ValidationError("names the same record twice.")
        return sorted(keys)
    if f.is_relation:
        if value is None:
            if not f.null:
                raise ValidationError("is required but null.")
            return None
        if not _is_key(value):
            raise ValidationError('must be a natural key, e.g. [2024, "ceo-keynote"].')
        return list(value)
    if value is None and f.null:
        return None
    if isinstance(f, models.DateTimeField) and not isinstance(value, str):
        raise ValidationError("must be a date and time as text, e.g. 2024-12-02T19:30:00-08:00.")
    if isinstance(f, models.DateField) and not isinstance(value, str):
        raise ValidationError("must be a date as text, e.g. 2024-12-02.")
    try:
        python = f.to_python(value)
    except (TypeError, ValueError, OverflowError):
        raise ValidationError("is not a value this field can hold.") from None
    if isinstance(f, models.DateTimeField) and python is not None and timezone.is_naive(python):
        raise ValidationError("must give a time zone offset, e.g. 2024-12-02T19:30:00-08:00.")
    if isinstance(f, (models.CharField, models.TextField)) and not isinstance(value, str):
        raise ValidationError("must be text.")
    if isinstance(f, models.IntegerField) and (
        isinstance(value, bool) or not isinstance(value, int)
    ):
        raise ValidationError("must be a whole number.")
    if isinstance(f, models.BooleanField) and not isinstance(value, bool):
        raise ValidationError("must be true or false.")
    return canonical_value(f, python, zone)


def _is_key(value):
    return (
        isinstance(value, list)
        and value
        and all(isinstance(part, (str, int)) and not isinstance(part, bool) for part in value)
    )


def _year_field(model):
    if model in (Source, Keynote, Announcement):
        return "edition"
    if model in (Appearance, KeyPoint):
        return "keynote"
    return None


YEAR_SCOPED = (Edition, Source, Keynote)


def _other_years(model, values, year):
    """(field, message) for each reference to a record of another year."""
    problems = []
    for f in FIELDS[model]:
        value = values[f.name]
        if f.many_to_many or f.related_model not in YEAR_SCOPED or value is None:
            continue
        if not isinstance(value[0], int) or isinstance(value[0], bool):
            problems.append((f.name, f"the year in {value!r} must be a number, like {year}."))
        elif value[0] != year:
            if f.name == _year_field(model):
                problems.append((f.name, f"belongs to {value[0]}, not {year}."))
            else:
                problems.append(
                    (
                        f.name,
                        f"refers to {describe(f.related_model, tuple(value))}, of another year; "
                        f"a {year} record may only refer to {year}'s records.",
                    )
                )
    return problems


def _check_references(year_file, where, error):
    records = year_file.records
    targets = {model: set(records[model]) for model in MODELS}
    # Shared rows may already be in the database, put there by another year.
    for model in SHARED:
        named = _referenced_shared_slugs(model, records) - {key[0] for key in records[model]}
        targets[model] |= {
            (slug,) for slug in model.objects.filter(slug__in=named).values_list("slug", flat=True)
        }
    for model in MODELS:
        for key, values in records[model].items():
            for f in FIELDS[model]:
                if not f.is_relation:
                    continue
                refs = values[f.name] if f.many_to_many else [values[f.name]]
                for ref in refs:
                    if ref is not None and tuple(ref) not in targets[f.related_model]:
                        error(
                            where[model, key],
                            f"refers to {describe(f.related_model, tuple(ref))}, "
                            "which is neither in the file nor in the database.",
                            model,
                            key,
                            f.name,
                        )


def _drop_unused_shared_rows(year_file):
    """A topic, service or speaker no record of the year uses is not part of the year."""
    for model in SHARED:
        used = _referenced_shared_slugs(model, year_file.records)
        for key in [key for key in year_file.records[model] if key[0] not in used]:
            del year_file.records[model][key]


def _check_unique_together(year_file, where, error):
    for model in MODELS:
        for constraint in model._meta.constraints:
            if not isinstance(constraint, models.UniqueConstraint):
                continue
            names = list(constraint.fields)
            seen = {}
            for key, values in year_file.records[model].items():
                combo = tuple(json.dumps(values[name]) for name in names)
                if combo in seen:
                    error(
                        where[model, key],
                        f"has the same {', '.join(names)} as record {where[model, seen[combo]]}.",
                        model,
                        key,
                        names[-1],
                    )
                else:
                    seen[combo] = key


def _check_models(year_file, where, error, zone):
    """Run each model's full_clean() on an unsaved instance with its references in memory."""
    instances = {model: {} for model in MODELS}
    for model in MODELS:
        for key, values in year_file.records[model].items():
            obj = model()
            for f in FIELDS[model]:
                if f.many_to_many:
                    continue
                value = values[f.name]
                if f.is_relation:
                    target = None
                    if value is not None:
                        target = instances[f.related_model].get(tuple(value))
                        if target is None:  # a shared row from the database
                            target = f.related_model(slug=value[0])
                    setattr(obj, f.name, target)
                else:
                    setattr(obj, f.attname, f.to_python(value))
            instances[model][key] = obj
            exclude = [f.name for f in FIELDS[model] if f.is_relation]
            try:
                obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
            except ValidationError as problem:
                for name, messages in problem.message_dict.items():
                    field_name = None if name == "__all__" else name
                    error(where[model, key], " ".join(messages), model, key, field_name)


# Loading ----------------------------------------------------------------------------


@dataclass
class Report:
    year: int
    counts: dict = field(default_factory=dict)  # kind -> Counter(created/changed/...)
    details: list = field(default_factory=list)  # (action, description)

    @property
    def changed_anything(self):
        return any(c["created"] or c["changed"] or c["deleted"] for c in self.counts.values())


def _hash_name(model, key):
    return f"{LABELS[model]}:{json.dumps(list(key), ensure_ascii=False)}"


def edits_since_load(year, current):
    """(how, model, key) for each record that differs from what the last load wrote.

    A year that was never loaded from a file counts all its records as edits.
    """
    load = YearLoad.objects.filter(year=year).first()
    loaded = load.record_hashes if load else {}
    present = {}
    edits = []
    for model in MODELS:
        for key, values in current[model].items():
            name = _hash_name(model, key)
            present[name] = True
            if loaded.get(name) != record_hash(model, values):
                edits.append(("changed" if name in loaded else "added", model, key))
    for name in loaded:
        if name not in present:
            label, key = name.split(":", 1)
            edits.append(("deleted", BY_LABEL[label], tuple(json.loads(key))))
    return sorted(edits, key=lambda e: (MODELS.index(e[1]), _sort_key(e[2])))


def load_year(year, path, *, dry_run=False, force=False):
    """Make the year in the database exactly what the file says. Returns a Report."""
    year_file = read_year_file(path, year)
    wanted = year_file.records
    with transaction.atomic():
        # Take the write lock before reading, so the state compared is the state replaced.
        list(Edition.objects.select_for_update().filter(year=year))
        current = export_records(year)
        used_before = {model: set(current[model]) for model in SHARED}
        if not force:
            overwritten = [
                f"{describe(model, key)} ({how} in the admin)"
                for how, model, key in edits_since_load(year, current)
                if current[model].get(key) != wanted[model].get(key)
            ]
            if overwritten:
                raise EditedError(year, overwritten)
        _add_shared_rows(current, wanted)
        conflicts = _shared_conflicts(year, current, wanted)
        if conflicts and not force:
            raise SharedRowsError(year, conflicts)
        orphans = _orphans(year, used_before, wanted)
        report = _diff(wanted, current, orphans, year)
        if not dry_run:
            if report.changed_anything:
                with one_change():
                    _apply(year_file, current, orphans)
            _record_load(year, wanted)
            _refresh_other_years(year, wanted, conflicts)
    return report


def _add_shared_rows(current, wanted):
    """Put the database's version of every shared row the file names into `current`."""
    for model in SHARED:
        slugs = {key[0] for key in wanted[model]} - {key[0] for key in current[model]}
        for row in model.objects.filter(slug__in=slugs):
            current[model][(row.slug,)] = {
                f.name: canonical_value(f, getattr(row, f.attname), None) for f in FIELDS[model]
            }


def _shared_conflicts(year, current, wanted):
    """{(model, key): (fields, other years)} for shared rows the file would change under
    another year that uses them."""
    differing = {
        (model, key): [
            f.name for f in FIELDS[model] if current[model][key][f.name] != values[f.name]
        ]
        for model in SHARED
        for key, values in wanted[model].items()
        if key in current[model] and current[model][key] != values
    }
    conflicts = {}
    for model in SHARED:
        slugs = [key[0] for m, key in differing if m is model]
        if not slugs:
            continue
        if model is Speaker:
            uses = (
                Appearance.objects.exclude(keynote__edition__year=year)
                .filter(speaker__slug__in=slugs)
                .values_list("speaker__slug", "keynote__edition__year")
            )
        else:
            relation = "topics" if model is Topic else "services"
            uses = (
                Announcement.objects.exclude(edition__year=year)
                .filter(**{f"{relation}__slug__in": slugs})
                .values_list(f"{relation}__slug", "edition__year")
            )
        years = defaultdict(set)
        for slug, other_year in uses:
            years[slug].add(other_year)
        for slug, other_years in years.items():
            conflicts[(model, (slug,))] = (differing[(model, (slug,))], sorted(other_years))
    return conflicts


def _refresh_other_years(year, wanted, conflicts):
    """After a forced change to shared rows, other years' loads hold the new version, so
    their edit guard does not mistake it for an admin edit."""
    if not conflicts:
        return
    for load in YearLoad.objects.exclude(year=year):
        for model, key in conflicts:
            name = _hash_name(model, key)
            if name in load.record_hashes:
                load.record_hashes[name] = record_hash(model, wanted[model][key])
        load.save(update_fields=["record_hashes"])


def _orphans(year, used_before, wanted):
    """Shared rows this year used that, after the load, nothing will use."""
    orphans = {}
    for model in SHARED:
        gone = {key[0] for key in used_before[model]} - _referenced_shared_slugs(model, wanted)
        if model is Speaker:
            elsewhere = (
                Appearance.objects.exclude(keynote__edition__year=year)
                .filter(speaker__slug__in=gone)
                .values_list("speaker__slug", flat=True)
            )
        else:
            relation = "topics" if model is Topic else "services"
            elsewhere = (
                Announcement.objects.exclude(edition__year=year)
                .filter(**{f"{relation}__slug__in": gone})
                .values_list(f"{relation}__slug", flat=True)
            )
        orphans[model] = {(slug,) for slug in gone - set(elsewhere)}
    return orphans


def _diff(wanted, current, orphans, year):
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
            if action != "unchanged":
                report.details.append((action, describe(model, key)))
        gone = orphans[model] if model in SHARED else set(current[model]) - set(wanted[model])
        for key in sorted(gone, key=_sort_key):
            counts["deleted"] += 1
            report.details.append(("deleted", describe(model, key)))
        report.counts[str(model._meta.verbose_name_plural)] = counts
    return report


def _record_load(year, records):
    hashes = {
        _hash_name(model, key): record_hash(model, values)
        for model in MODELS
        for key, values in records[model].items()
    }
    fingerprint = hashlib.sha256(json.dumps(hashes, sort_keys=True).encode()).hexdigest()
    YearLoad.objects.update_or_create(
        year=year,
        defaults={"loaded_at": timezone.now(), "fingerprint": fingerprint, "record_hashes": hashes},
    )


def _apply(year_file, current, orphans):
    """Write the differences: create and update in dependency order, then delete."""
    wanted = year_file.records
    year = year_file.year
    now = timezone.now()
    objects = _rows_by_key(year, wanted, current)

    def assign(model, obj, values):
        for f in FIELDS[model]:
            if f.many_to_many:
                continue
            value = values[f.name]
            if f.is_relation:
                setattr(
                    obj, f.name, None if value is None else objects[f.related_model][tuple(value)]
                )
            else:
                setattr(obj, f.attname, f.to_python(value))
        if hasattr(obj, "updated_at"):
            obj.updated_at = now

    def delete_gone(models_to_delete):
        for model in models_to_delete:
            gone = orphans[model] if model in SHARED else set(current[model]) - set(wanted[model])
            pks = [objects[model][key].pk for key in gone]
            if pks:
                model.objects.filter(pk__in=pks).delete()

    # Rows the file drops free their slugs and positions before anything takes them;
    # keynotes and sources go last, once nothing refers to them.
    delete_gone([Announcement, KeyPoint, Appearance])
    # Positions are unique within a keynote: every row that changes parks out of the way.
    _park_changing_rows(wanted, current, objects)

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

    for f in FIELDS[Announcement]:
        if f.many_to_many:
            _replace_links(f, wanted, current, objects)

    # Then keynotes and sources, and shared rows nothing uses any more.
    delete_gone([Keynote, Source, Speaker, Service, Topic])


def _rows_by_key(year, wanted, current):
    """The database rows the load touches, by natural key."""
    objects = {model: {} for model in MODELS}
    for model in SHARED:
        slugs = {key[0] for key in current[model]} | _referenced_shared_slugs(model, wanted)
        for row in model.objects.filter(slug__in=slugs):
            objects[model][(row.slug,)] = row
    edition = Edition.objects.filter(year=year).first()
    if edition is None:
        return objects
    objects[Edition][(year,)] = edition
    for row in Source.objects.filter(edition=edition):
        objects[Source][(year, row.slug)] = row
    for row in Keynote.objects.filter(edition=edition):
        objects[Keynote][(year, row.slug)] = row
    appearances = Appearance.objects.filter(keynote__edition=edition).select_related(
        "keynote", "speaker"
    )
    for row in appearances:
        objects[Appearance][(year, row.keynote.slug, row.speaker.slug)] = row
    for row in KeyPoint.objects.filter(keynote__edition=edition).select_related("keynote"):
        objects[KeyPoint][(year, row.keynote.slug, row.position)] = row
    for row in Announcement.objects.filter(edition=edition):
        objects[Announcement][(year, row.slug)] = row
    return objects


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


def _referenced_shared_slugs(model, wanted):
    slugs = set()
    for owner in MODELS:
        for values in wanted[owner].values():
            for f in FIELDS[owner]:
                if f.is_relation and f.related_model is model:
                    refs = values[f.name] if f.many_to_many else [values[f.name]]
                    slugs |= {ref[0] for ref in refs if ref is not None}
    return slugs


def _park_changing_rows(wanted, current, objects):
    """Move every row about to change to a free position above the valid range (9,999)."""
    for model in (Appearance, Announcement):
        changing = [
            objects[model][key]
            for key, values in wanted[model].items()
            if key in current[model] and current[model][key] != values
        ]
        for offset, obj in enumerate(changing):
            obj.position = 32767 - offset
        if changing:
            model.objects.bulk_update(changing, ["position"], batch_size=500)
