"""What the year commands (load_year, export_year, load_fixtures) share: the YEAR
argument, where a year's file and its backups live, and how a load is reported."""

import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.utils import timezone

FILE_NAME = re.compile(r"^reinvent-(\d{4})\.json$")


def fixtures_folder():
    """fixtures/ (settings.FIXTURES_DIR), which holds one file per year."""
    return Path(settings.FIXTURES_DIR)


def fixture_path(year):
    """fixtures/reinvent-YEAR.json, the file that is the whole truth for that year."""
    return fixtures_folder() / f"reinvent-{year}.json"


def year_files():
    """{year: path} of every fixtures/reinvent-YEAR.json, by year."""
    found = {}
    for path in fixtures_folder().glob("reinvent-*.json"):
        match = FILE_NAME.match(path.name)
        if match:
            found[int(match.group(1))] = path
    return dict(sorted(found.items()))


def write_file(path, text):
    """Write text to path whole or not at all: a reader never sees half a file."""
    path = Path(path)
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise CommandError(f"{path}: cannot be written: {error.strerror}.") from None


def write_backup(year, text):
    """Keep a year as it stood before a forced load, as a file `load_year --file` reads
    back: BACKUP_DIR/reinvent-YEAR-<UTC time>.json. Returns its path."""
    folder = Path(settings.BACKUP_DIR)
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for attempt in range(1, 100):
            suffix = "" if attempt == 1 else f"-{attempt}"
            path = folder / f"reinvent-{year}-{stamp}{suffix}.json"
            try:
                with open(path, "x", encoding="utf-8") as handle:
                    handle.write(text)
                return path
            except FileExistsError:
                continue
    except OSError as error:
        raise CommandError(
            f"{folder}: cannot write the backup of {year}: {error.strerror}; nothing was loaded."
        ) from None
    raise CommandError(f"{folder}: too many backups of {year} this second; nothing was loaded.")


def add_year_argument(parser):
    parser.add_argument("year", help="The edition's year, e.g. 2024.")


def year_argument(value):
    """The YEAR argument as a number; four digits or a CommandError."""
    if not value.isdecimal() or len(value) != 4:
        raise CommandError(f"YEAR must be four digits, like 2024; got {value!r}.")
    return int(value)


def print_report(command, report, *, dry_run):
    """Write a load's Report: counts per kind, and at verbosity 2 each record's change."""
    if command.verbosity == 0:
        return
    verb = "Would load" if dry_run else "Loaded"
    if not report.changed_anything:
        command.stdout.write(f"{report.year}: no change; the database already matches the file.")
        return
    command.stdout.write(f"{verb} {report.year}:")
    for kind, counts in report.counts.items():
        if any(counts.values()):
            command.stdout.write(
                f"  {kind:<14} {counts['created']:>5} created  {counts['changed']:>5} changed  "
                f"{counts['deleted']:>5} deleted  {counts['unchanged']:>5} unchanged"
            )
    if command.verbosity >= 2:
        for action, description in report.details:
            command.stdout.write(f"    {action:<8} {description}")
    if dry_run:
        command.stdout.write("Dry run: nothing was written.")
