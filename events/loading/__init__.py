"""Each year's fixture is the whole truth for that year: load it, export it, guard edits.

A year file is a list of records in Django's fixture format with natural keys. Loading
checks every record before anything is written, then makes the year's rows exactly what
the file says in one transaction, leaving other years alone. Exporting writes the year
back in one canonical form, so load-then-export reproduces the file byte for byte.

Each load stores a hash per record; when the database no longer matches them, someone
edited the year in the admin, and a load that would overwrite that work is refused.

The modules, in the order a load uses them:

- records.py: the kinds of record, their fields, natural keys and canonical values;
- reading.py and validation.py: read a year file and check all of it, or say what is wrong;
- snapshot.py: read a year from the database once, as instances and canonical values;
- guards.py: refuse to overwrite admin edits or rows that other years share;
- sync.py: load_year(), which writes the difference between file and database;
- parking.py: how rows trade positions without a unique-constraint clash;
- export.py: the year as the database has it, as the text of its file, and the other
  years' files brought up to date with the speakers, topics and services it shares.
"""

from .export import (
    export_year,
    render_records,
    update_shared_records,
    year_records,
)
from .guards import EditedError, FollowedError, SharedRowsError, edits_since_load
from .reading import FileError, YearFile, read_year_file
from .records import (
    BY_LABEL,
    FIELDS,
    LABELS,
    MODELS,
    NOT_IN_FILES,
    SHARED,
    YEAR_SCOPED,
    canonical_value,
    describe,
    fields_of,
    is_required,
    natural_key_of,
    record_hash,
)
from .snapshot import YearRows
from .sync import Report, load_year

__all__ = [
    "BY_LABEL",
    "FIELDS",
    "LABELS",
    "MODELS",
    "NOT_IN_FILES",
    "SHARED",
    "YEAR_SCOPED",
    "EditedError",
    "FollowedError",
    "FileError",
    "Report",
    "SharedRowsError",
    "YearFile",
    "YearRows",
    "canonical_value",
    "describe",
    "edits_since_load",
    "export_year",
    "fields_of",
    "is_required",
    "load_year",
    "natural_key_of",
    "read_year_file",
    "record_hash",
    "render_records",
    "update_shared_records",
    "year_records",
]
