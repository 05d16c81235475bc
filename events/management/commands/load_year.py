"""manage.py load_year YEAR: make a year in the database exactly what its fixture says."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from events.loading import EditedError, FileError, SharedRowsError, load_year


def fixture_path(year):
    return Path(settings.BASE_DIR) / "fixtures" / f"reinvent-{year}.json"


def print_report(command, report, *, dry_run):
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


def year_argument(value):
    if not value.isdecimal() or len(value) != 4:
        raise CommandError(f"YEAR must be four digits, like 2024; got {value!r}.")
    return int(value)


class Command(BaseCommand):
    help = (
        "Load fixtures/reinvent-YEAR.json (or --file) as the whole truth for that year: "
        "create, update and delete the year's rows so the database matches the file, in one "
        "transaction. Refuses to overwrite admin edits made since the last load unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", help="The edition's year, e.g. 2024.")
        parser.add_argument("--file", help="Load this file instead of fixtures/reinvent-YEAR.json.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would change and write nothing."
        )
        parser.add_argument(
            "--force", action="store_true", help="Overwrite admin edits made since the last load."
        )

    def handle(self, *args, year, file, dry_run, force, **options):
        self.verbosity = options["verbosity"]
        year = year_argument(year)
        path = file or fixture_path(year)
        try:
            report = load_year(year, path, dry_run=dry_run, force=force)
        except FileError as error:
            raise CommandError("\n".join(error.lines)) from None
        except (EditedError, SharedRowsError) as error:
            raise CommandError(str(error)) from None
        print_report(self, report, dry_run=dry_run)
