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
import re

from .reading import FileError
from .records import BY_LABEL, LABELS, MODELS, SHARED, describe, sort_key
from .snapshot import YearRows


def render_records(records):
    """The canonical file text: kinds in dependency order, records by natural key."""
    out = [
        {"model": LABELS[model], "fields": records[model][key]}
        for model in MODELS
        for key in sorted(records[model], key=sort_key)
    ]
    return json.dumps(out, indent=2, ensure_ascii=False) + "\n"


def year_records(year):
    """The year's records as the database has them; FileError if it has no such edition."""
    snapshot = YearRows.read(year)
    if snapshot.edition is None:
        raise FileError([f"There is no {year} edition in the database to export."])
    return snapshot.values


def export_year(year):
    """The year as the database has it, as the text of its year file."""
    return render_records(year_records(year))


# Other years' files ------------------------------------------------------------------
#
# A speaker, topic or service is one row, but every year that uses it repeats it in its
# file. When an export writes a new version of such a row, the other years' files must
# say the same, or a fresh database could not load them all (the second file to load
# would change a row the first one shares). update_shared_records() rewrites just those
# records of another file: each record's span of text is found by decoding the list one
# record at a time, and only a changed record's text is replaced, laid out as the
# canonical form lays it out, so the rest of the file keeps its bytes.

_SPACE = re.compile(r"\s*")


def _record_spans(text):
    """[(start, end, record)] of each record of a year file's list, in its text."""
    decoder = json.JSONDecoder()
    index = _SPACE.match(text, 0).end()
    if text[index : index + 1] != "[":
        raise ValueError("not a list")
    index = _SPACE.match(text, index + 1).end()
    spans = []
    if text[index : index + 1] == "]":
        return spans
    while True:
        record, end = decoder.raw_decode(text, index)
        spans.append((index, end, record))
        index = _SPACE.match(text, end).end()
        if text[index : index + 1] == "]":
            return spans
        if text[index : index + 1] != ",":
            raise ValueError("not a list")
        index = _SPACE.match(text, index + 1).end()


def update_shared_records(text, records):
    """Bring the speakers, topics and services of another year's file (`text`) up to date
    with `records` (one year's records, as year_records() gives them).

    Returns the new text and the descriptions of the records it changed (none: the same
    text). Raises ValueError if the text is not a list of records.
    """
    try:
        spans = _record_spans(text)
    except json.JSONDecodeError as error:
        raise ValueError(str(error)) from None
    pieces, changed, done = [], [], 0
    for start, end, record in spans:
        if not isinstance(record, dict) or not isinstance(record.get("fields"), dict):
            continue
        model = BY_LABEL.get(record.get("model"))
        if model not in SHARED:
            continue
        key = (record["fields"].get("slug"),)
        values = records[model].get(key)
        if values is None or record["fields"] == values:
            continue
        new_record = {"model": LABELS[model], "fields": values}
        rendered = json.dumps(new_record, indent=2, ensure_ascii=False)
        pieces += [text[done:start], _indent_like(rendered, text, start)]
        done = end
        changed.append(describe(model, key))
    pieces.append(text[done:])
    return "".join(pieces), changed


def _indent_like(rendered, text, start):
    """A record rendered on its own, indented as deep as the one it replaces starts."""
    line_start = text.rfind("\n", 0, start) + 1
    margin = text[line_start:start]
    if margin.strip():
        margin = ""
    return rendered.replace("\n", "\n" + margin)
