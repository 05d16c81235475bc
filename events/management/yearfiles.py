"""What the year commands (load_year, export_year, load_fixtures) share: the YEAR
argument, where a year's file lives, and how a load is reported."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError


def fixtures_folder():
    return Path(settings.BASE_DIR) / "fixtures"


def fixture_path(year):
    """fixtures/reinvent-YEAR.json, the file that is the whole truth for that year."""
    return fixtures_folder() / f"reinvent-{year}.json"


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
