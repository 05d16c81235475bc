"""manage.py export_year YEAR: write a year back to its fixture, in the canonical form."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from events.loading import FileError, export_year
from events.management.yearfiles import add_year_argument, fixture_path, year_argument


class Command(BaseCommand):
    help = (
        "Write the year as the database has it to fixtures/reinvent-YEAR.json (or --output, "
        "- for standard output), in the canonical form that load_year reads back byte for byte."
    )

    def add_arguments(self, parser):
        add_year_argument(parser)
        parser.add_argument("--output", help="Write here instead; - for standard output.")

    def handle(self, *args, year, output, **options):
        self.verbosity = options["verbosity"]
        year = year_argument(year)
        try:
            text = export_year(year)
        except FileError as error:
            raise CommandError("\n".join(error.lines)) from None
        if output == "-":
            self.stdout.write(text, ending="")
            return
        path = Path(output) if output else fixture_path(year)
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"{path}: cannot be written: {error.strerror}.") from None
        if self.verbosity >= 1:
            self.stdout.write(f"Wrote {year} to {path}.")
