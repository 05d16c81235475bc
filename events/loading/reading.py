"""Reading a year file: parse it, check every record, and say what is wrong all at once.

read_year_file() either returns a YearFile whose records are all sound, or raises FileError
with one line per problem, in the file's order, each naming the file, the record (by its
number in the file, and its natural key when that can be read) and the field. It checks
in passes, each relying on what the ones before it checked:

1. the JSON and each record's shape: known models, known fields, nothing required missing;
2. the file holds exactly one edition, and it is this year's;
3. each value, made canonical (see records.canonical_value) and within its choices, and
   each record's natural key, its year and that no key repeats;
4. across records (validation.py): references, unique fields, each model's full_clean().

A record that fails pass 1 or 3 is left out of the later passes, and so are the checks
that would only repeat its problem: a reference to it, and full_clean() of a record that
refers to it. Every other record goes on through every pass, so that one refusal names
each independent problem of the file. Only an unusable JSON text or edition (passes 1
and 2) stops the checks early: without the year and its time zone nothing else can be read.
"""

import json
import zoneinfo
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from ..models import Edition
from . import validation
from .records import (
    ACROSS_YEARS,
    BY_LABEL,
    FIELDS,
    LABELS,
    MODELS,
    YEAR_SCOPED,
    canonical_value,
    describe,
    is_required,
    natural_key_of,
)


class FileError(Exception):
    """One or more problems with a year file, each a line naming file, record and field."""

    def __init__(self, lines):
        super().__init__("\n".join(lines))
        self.lines = lines


@dataclass
class YearFile:
    """A year file that passed every check: its records, by kind and natural key."""

    year: int
    path: str
    records: dict = field(default_factory=dict)  # model -> {natural key: canonical values}
    numbers: dict = field(default_factory=dict)  # (model, key) -> record's number in the file
    # The records left out for a problem already named: model -> natural keys, and the
    # models of which a record was left out whose key could not be read (any key may be it).
    unreadable: dict = field(default_factory=dict)
    unreadable_kinds: set = field(default_factory=set)

    def leave_out(self, model, values):
        """Note a record left out for its problems, so that no check repeats them."""
        if model is None:
            self.unreadable_kinds.update(MODELS)
            return
        key = _raw_key(model, values)
        if key is None:
            self.unreadable_kinds.add(model)
        else:
            self.unreadable.setdefault(model, set()).add(key)

    def was_left_out(self, model, key):
        """Whether `key` may be a record of the file left out for its problems."""
        return model in self.unreadable_kinds or key in self.unreadable.get(model, ())


class Problems:
    """The problems found in one file so far, each a line for FileError."""

    def __init__(self, path):
        self.path = path
        self.found = []  # (record number, or 0 for the whole file; line)

    @property
    def lines(self):
        """The lines in the file's order, whichever pass found them."""
        return [line for _, line in sorted(self.found, key=lambda found: found[0])]

    def add(self, number, message, model=None, key=None, field_name=None):
        """A problem with record `number`, and the record's model, key and field if known."""
        record = f"record {number}"
        if model is not None:
            record += f" ({describe(model, key) if key else model._meta.model_name})"
        place = f", field “{field_name}”" if field_name else ""
        self.found.append((number, f"{self.path}: {record}{place}: {message}"))

    def add_to_file(self, message):
        """A problem with the file as a whole."""
        self.found.append((0, f"{self.path}: {message}"))

    def raise_if_any(self):
        if self.found:
            raise FileError(self.lines)


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
    problems = Problems(path)
    year_file = YearFile(year, path, {model: {} for model in MODELS})
    parsed, zone = _check_shapes(data, problems, year_file)
    editions = [values for _, model, values in parsed if model is Edition]
    if len(editions) != 1:
        # With no well-shaped edition, a record whose shape was wrong may be the edition.
        if editions or not problems.lines:
            problems.add_to_file(f"must hold exactly one edition record, found {len(editions)}.")
        problems.raise_if_any()
    if editions[0].get("year") != year:
        problems.add_to_file(f"the edition record is for {editions[0].get('year')!r}, not {year}.")
        problems.raise_if_any()
    _read_values(parsed, year_file, zone or zoneinfo.ZoneInfo("UTC"), problems)
    validation.check_across_records(year_file, problems)
    problems.raise_if_any()
    return year_file


def _raw_key(model, values):
    """A record's natural key read from its values as the file gives them, if it can be."""
    try:
        key = natural_key_of(model, values)
    except (KeyError, TypeError, ValueError):
        return None
    if all(isinstance(part, (str, int)) for part in key):
        return key
    return None


def _check_shapes(data, problems, year_file):
    """Pass 1: [(number, model, raw values)] of the well-shaped records, and the file's zone
    (None if it has none that is valid: pass 3 names the problem)."""
    parsed = []
    zone = None
    for number, record in enumerate(data, start=1):
        if not isinstance(record, dict):
            problems.add(number, f"must be an object, not a {type(record).__name__}.")
            year_file.leave_out(None, None)
            continue
        extra = set(record) - {"model", "fields"}
        if extra:
            problems.add(
                number,
                f"unexpected key(s) {', '.join(sorted(map(str, extra)))}; "
                "records carry only “model” and “fields” (no database ids).",
            )
            label, values = record.get("model"), record.get("fields")
            year_file.leave_out(BY_LABEL.get(label) if isinstance(label, str) else None, values)
            continue
        label, values = record.get("model"), record.get("fields")
        model = BY_LABEL.get(label) if isinstance(label, str) else None
        if model is None:
            known = ", ".join(LABELS.values())
            problems.add(number, f"unknown model {label!r}; expected one of: {known}.")
            year_file.leave_out(None, None)
            continue
        if not isinstance(values, dict):
            problems.add(number, "“fields” must be an object.", model)
            year_file.leave_out(model, None)
            continue
        known_fields = {f.name for f in FIELDS[model]}
        unknown = sorted(set(values) - known_fields)
        key = _raw_key(model, values)
        for name in unknown:
            problems.add(number, "unknown field.", model, key, name)
        missing = [f.name for f in FIELDS[model] if is_required(f) and f.name not in values]
        for name in missing:
            problems.add(number, "is required but missing.", model, key, name)
        if unknown or missing:
            year_file.leave_out(model, values)
            continue
        parsed.append((number, model, values))
        if model is Edition:
            time_zone = values.get("time_zone", Edition._meta.get_field("time_zone").default)
            try:
                zone = zoneinfo.ZoneInfo(time_zone)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
                zone = None
    return parsed, zone


def _read_values(parsed, year_file, zone, problems):
    """Pass 3: each record's canonical values under its natural key, in year_file."""
    year = year_file.year
    for number, model, values in parsed:
        canonical = {}
        ok = True
        for f in FIELDS[model]:
            if f.name not in values:
                canonical[f.name] = _absent_value(f, zone)
                continue
            try:
                canonical[f.name] = _canonical_from_file(f, values[f.name], zone)
            except ValidationError as problem:
                key = _raw_key(model, values)
                problems.add(number, " ".join(problem.messages), model, key, f.name)
                ok = False
        if not ok:
            year_file.leave_out(model, values)
            continue
        try:
            key = natural_key_of(model, canonical)
        except (KeyError, TypeError):
            problems.add(number, "its natural key cannot be read.", model)
            year_file.leave_out(model, None)
            continue
        wrong_years = _other_years(model, canonical, year)
        for name, message in wrong_years:
            problems.add(number, message, model, key, name)
        if wrong_years:
            year_file.leave_out(model, canonical)
            continue
        if key in year_file.records[model]:
            first = year_file.numbers[model, key]
            problems.add(number, f"repeats record {first}: the same natural key twice.", model, key)
            continue
        year_file.numbers[model, key] = number
        year_file.records[model][key] = canonical


def _absent_value(f, zone):
    """The value of a field the record leaves out: its default, or empty."""
    if f.many_to_many:
        return []
    if f.is_relation:
        return None
    return canonical_value(f, f.get_default(), zone)


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
    _check_choice(f, python)
    return canonical_value(f, python, zone)


def _check_choice(f, value):
    """A value outside the field's choices, named with the valid ones."""
    if not f.choices or (f.blank and value in f.empty_values):
        return
    valid = [str(choice) for choice, _ in f.flatchoices]
    if value in valid:
        return
    if f.name == "time_zone":
        raise ValidationError(
            f"{value!r} is not a time zone; give an IANA zone such as America/Los_Angeles."
        )
    raise ValidationError(f"{value!r} is not one of: {', '.join(valid)}.")


def _is_key(value):
    return (
        isinstance(value, list)
        and value
        and all(isinstance(part, (str, int)) and not isinstance(part, bool) for part in value)
    )


def _year_field(model):
    """The field that places a record in its year: its edition, or its keynote."""
    names = {f.name for f in FIELDS[model]}
    return next((name for name in ("edition", "keynote") if name in names), None)


def _other_years(model, values, year):
    """(field, message) for each reference to a record of another year."""
    problems = []
    for f in FIELDS[model]:
        value = values[f.name]
        if f in ACROSS_YEARS:
            problems += _not_earlier_years(f, value, year)
            continue
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


def _not_earlier_years(f, keys, year):
    """(field, message) for each link across years that names no earlier year's record."""
    problems = []
    for key in keys:
        if len(key) != 2 or not isinstance(key[0], int) or isinstance(key[0], bool):
            problems.append((f.name, f'{key!r} is not a year and a slug, like [{year - 1}, "x"].'))
        elif key[0] >= year:
            problems.append(
                (
                    f.name,
                    f"names {describe(f.related_model, tuple(key))}: a {year} record may only "
                    f"follow announcements of earlier years; the later year's file keeps the link.",
                )
            )
    return problems
