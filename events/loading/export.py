"""Exporting a year: the database's version of it as a year file, in one canonical form.

The canonical form is what makes load-then-export reproduce a file byte for byte: every
kind of record in dependency order (records.MODELS), each kind's records by natural key
(numbers before text, numbers by value), each record's fields in model order with its
many-to-many last, as JSON with a 2-space indent, non-ASCII characters as themselves and
a final newline.

Each record comes from Django's serializer: YearRows (snapshot.py) reads the year and
passes its rows to serialize("python", ..., use_natural_foreign_keys=True,
use_natural_primary_keys=True), which gives {"model": label, "fields": {...}} with no
database ids and every foreign key as a natural key, as year files have them, with the
fields in records.FIELDS order (concrete fields in model order). Where it differs from
the file, the loader does the rest itself:

- Times. The serializer hands back keynote start and end times as the database has
  them, in UTC, and its "json" form writes them so ("2024-12-03T16:00:00Z"); the file
  gives them in the edition's time zone ("2024-12-03T08:00:00-08:00"). Dates and times
  become ISO text, times in the edition's zone (records.canonical_value).
- Natural keys. It gives them as tuples; comparing with a parsed file needs lists.
- Many-to-many. It reads an announcement's topics and services through a related
  manager per announcement and relation, building a manager and a queryset for each even
  when they are prefetched: for 2,000 announcements that alone doubled the time of a
  load that changes nothing. And it lists them in the related model's default order (by
  name), which need not be natural-key order. So the snapshot reads each relation's link
  table once for the year, and the links are sorted by natural key.
- Record order and layout. It writes records in the order it is given them, and its
  "json" form starts each record at the line's start after "[" or ",", not indented
  inside the list as json.dumps(records, indent=2) indents them. render_records() sorts
  the records and writes the whole list with json.dumps().
"""

import json

from .reading import FileError
from .records import LABELS, MODELS, sort_key
from .snapshot import YearRows


def export_records(year):
    """{model: {natural key: canonical values}} for the year as the database has it."""
    return YearRows.read(year).values


def render_records(records):
    """The canonical file text: kinds in dependency order, records by natural key."""
    out = [
        {"model": LABELS[model], "fields": records[model][key]}
        for model in MODELS
        for key in sorted(records[model], key=sort_key)
    ]
    return json.dumps(out, indent=2, ensure_ascii=False) + "\n"


def export_year(year):
    """The year as the database has it, as the text of its year file."""
    snapshot = YearRows.read(year)
    if snapshot.edition is None:
        raise FileError([f"There is no {year} edition in the database to export."])
    return render_records(snapshot.values)
