"""What a year file is made of: the kinds of record, their fields, keys and values.

Every other module of the loader speaks in these terms. A record is a model and a dict
of canonical values, the values exactly as the file writes them: natural keys as lists,
dates and times as ISO text. Records of one kind are kept by natural key, a tuple, in
dicts shaped {model: {natural key: canonical values}}.
"""

import hashlib
import json

from django.db import models

from .. import models as catalog

# Every kind of record, in dependency order: a record only refers to kinds before it.
MODELS = catalog.CATALOG_MODELS
# Rows that belong to no one year: several years may use them.
SHARED = [catalog.Topic, catalog.Service, catalog.Speaker]
# Rows a record may refer to only in its own year (an announcement's `follows` aside: it
# names announcements of earlier years).
YEAR_SCOPED = (catalog.Edition, catalog.Source, catalog.Keynote, catalog.Announcement)
# The many-to-many fields whose records belong to other, earlier years.
ACROSS_YEARS = {catalog.Announcement._meta.get_field("follows")}
LABELS = {model: model._meta.label_lower for model in MODELS}
BY_LABEL = {label: model for model, label in LABELS.items()}
# Not in files: ids, and what the database derives (when a row changed, an announcement's
# status as it stands now, which its history gives).
NOT_IN_FILES = {"id", "updated_at", "status"}


def fields_of(model):
    """The fields a record carries, in the fixed order files use: local, then many-to-many."""
    local = [f for f in model._meta.concrete_fields if f.name not in NOT_IN_FILES]
    many = [f for f in model._meta.many_to_many if f.remote_field.through._meta.auto_created]
    return local + many


FIELDS = {model: fields_of(model) for model in MODELS}


def is_required(f):
    """Whether a record must name the field: it has no default and may not be left empty."""
    if f.many_to_many:
        return not f.blank
    return not (f.has_default() or f.blank or f.null)


def natural_key_of(model, values):
    """The natural key of a record from its canonical field values.

    The same tuple as the model's own natural_key(), read from values instead of an instance.
    """
    if model is catalog.Edition:
        return (values["year"],)
    if model in SHARED:
        return (values["slug"],)
    if model in (catalog.Source, catalog.Keynote, catalog.Announcement):
        return (*values["edition"], values["slug"])
    if model is catalog.Appearance:
        return (*values["keynote"], *values["speaker"])
    if model is catalog.KeyPoint:
        return (*values["keynote"], values["position"])
    if model is catalog.StatusChange:
        return (*values["announcement"], values["date"])
    raise ValueError(model)


def describe(model, key):
    """A record as messages name it, e.g. “announcement 2024/aurora-dsql”."""
    return f"{model._meta.model_name} {'/'.join(str(part) for part in key)}"


def sort_key(key):
    """The order of natural keys in files and messages: numbers before text, numerically."""
    return tuple((0, part, "") if isinstance(part, int) else (1, 0, part) for part in key)


def canonical_value(f, value, zone):
    """A Python value as it appears in a year file.

    Natural keys (tuples or lists) become lists, a many-to-many's sorted; dates and times
    become ISO text, a time in `zone`, the edition's time zone.
    """
    if value is None:
        return None
    if f.many_to_many:
        return sorted(list(key) for key in value)
    if f.is_relation:
        return list(value)
    if isinstance(f, models.DateTimeField):
        return value.astimezone(zone).isoformat()
    if isinstance(f, models.DateField):
        return value.isoformat()
    return value


def references(values, f):
    """The natural keys (lists) one record's relation field names; none for an empty one."""
    refs = values[f.name] if f.many_to_many else [values[f.name]]
    return [ref for ref in refs if ref is not None]


def referenced_shared_slugs(model, records):
    """The slugs of the speakers, topics or services (`model`) that the records refer to."""
    slugs = set()
    for owner in MODELS:
        for f in FIELDS[owner]:
            if f.is_relation and f.related_model is model:
                for values in records[owner].values():
                    slugs |= {ref[0] for ref in references(values, f)}
    return slugs


def rows_in_database(model, keys):
    """{(year, slug): row} of the rows of `model` with these natural keys, in one query."""
    if not keys:
        return {}
    wanted = models.Q()
    for year, slug in keys:
        wanted |= models.Q(edition__year=year, slug=slug)
    rows = model.objects.filter(wanted).select_related("edition")
    return {(row.edition.year, row.slug): row for row in rows}


# The hashes each load stores, one per record, to see later what the admin changed.


def record_hash(model, values, fields=None):
    """A hash of the record's values; of only the named `fields` when given (those a load
    hashed, before a migration added more)."""
    if fields is not None:
        values = {name: value for name, value in values.items() if name in fields}
    text = json.dumps([LABELS[model], values], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def hashed_fields():
    """{label: field names}: the fields each kind of record carries now, and so hashes."""
    return {LABELS[model]: [f.name for f in FIELDS[model]] for model in MODELS}


def hash_name(model, key):
    """The name a record's hash is stored under, e.g. 'events.topic:["storage"]'."""
    return f"{LABELS[model]}:{json.dumps(list(key), ensure_ascii=False)}"


def record_of_hash_name(name):
    """(model, natural key) back from a hash_name()."""
    label, key = name.split(":", 1)
    return BY_LABEL[label], tuple(json.loads(key))
