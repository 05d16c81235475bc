"""The checks of a year file that look across its records, and at the models' own rules.

They run once every record has canonical values and a natural key (reading.py), and add
what they find to the same Problems, so that one refusal names all of it.
"""

import json

from django.core.exceptions import ValidationError
from django.db import models

from .records import (
    ACROSS_YEARS,
    FIELDS,
    MODELS,
    SHARED,
    describe,
    referenced_shared_slugs,
    references,
    rows_in_database,
)


def check_across_records(year_file, problems):
    """References, unique fields and full_clean(); drops shared rows nothing uses."""
    unresolved = _check_references(year_file, problems)
    _drop_unused_shared_rows(year_file)
    _check_unique_together(year_file, problems)
    _check_models(year_file, problems, unresolved)


def _check_references(year_file, problems):
    """Every natural key a record names is a record of the file, or a shared row in the
    database (put there by another year). A reference to a record left out for problems
    already named is not named again.

    Returns the (model, key) of the records with a reference that does not resolve."""
    records = year_file.records
    targets = {model: set(records[model]) for model in MODELS}
    for model in SHARED:
        named = referenced_shared_slugs(model, records) - {key[0] for key in records[model]}
        targets[model] |= {
            (slug,) for slug in model.objects.filter(slug__in=named).values_list("slug", flat=True)
        }
    for f in ACROSS_YEARS:
        named = {tuple(ref) for values in records[f.model].values() for ref in values[f.name]}
        targets[f.related_model] |= set(rows_in_database(f.related_model, named))
    unresolved = set()
    for model in MODELS:
        for key, values in records[model].items():
            for f in FIELDS[model]:
                if not f.is_relation:
                    continue
                for ref in references(values, f):
                    if tuple(ref) in targets[f.related_model]:
                        continue
                    unresolved.add((model, key))
                    if not year_file.was_left_out(f.related_model, tuple(ref)):
                        problems.add(
                            year_file.numbers[model, key],
                            f"refers to {describe(f.related_model, tuple(ref))}, "
                            "which is neither in the file nor in the database.",
                            model,
                            key,
                            f.name,
                        )
    return unresolved


def _drop_unused_shared_rows(year_file):
    """A topic, service or speaker no record of the year uses is not part of the year."""
    for model in SHARED:
        used = referenced_shared_slugs(model, year_file.records)
        for key in [key for key in year_file.records[model] if key[0] not in used]:
            del year_file.records[model][key]


def _check_unique_together(year_file, problems):
    """The models' unique constraints within the file, e.g. one position per keynote."""
    for model in MODELS:
        for constraint in model._meta.constraints:
            if not isinstance(constraint, models.UniqueConstraint):
                continue
            names = list(constraint.fields)
            seen = {}
            for key, values in year_file.records[model].items():
                combo = tuple(json.dumps(values[name]) for name in names)
                if combo in seen:
                    first = year_file.numbers[model, seen[combo]]
                    problems.add(
                        year_file.numbers[model, key],
                        f"has the same {', '.join(names)} as record {first}.",
                        model,
                        key,
                        names[-1],
                    )
                else:
                    seen[combo] = key


def _check_models(year_file, problems, unresolved):
    """Run each model's full_clean() on an unsaved instance with its references in memory.

    A record with a reference that does not resolve is left out (its clean() could not
    follow it), and so is, in turn, a record that refers to one left out."""
    instances = {model: {} for model in MODELS}
    for model in MODELS:
        for key, values in year_file.records[model].items():
            if (model, key) in unresolved:
                continue
            obj = model()
            complete = True
            for f in FIELDS[model]:
                if f.many_to_many:
                    continue
                value = values[f.name]
                if f.is_relation:
                    target = None
                    if value is not None:
                        target = instances[f.related_model].get(tuple(value))
                        if target is None and f.related_model in SHARED:
                            target = f.related_model(slug=value[0])  # a row from the database
                        complete = complete and target is not None
                    setattr(obj, f.name, target)
                else:
                    setattr(obj, f.attname, f.to_python(value))
            if not complete:
                continue
            instances[model][key] = obj
            exclude = [f.name for f in FIELDS[model] if f.is_relation]
            try:
                obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
            except ValidationError as problem:
                for name, messages in problem.message_dict.items():
                    field_name = None if name == "__all__" else name
                    problems.add(
                        year_file.numbers[model, key], " ".join(messages), model, key, field_name
                    )
