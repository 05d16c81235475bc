"""manage.py load_fixtures: load every fixtures/reinvent-*.json, as `make run` does."""

import re

from django.core.management.base import BaseCommand, CommandError

from events.loading import EditedError, FileError, SharedRowsError, load_year
from events.management.yearfiles import fixtures_folder, print_report

FILE_NAME = re.compile(r"^reinvent-(\d{4})\.json$")


class Command(BaseCommand):
    help = (
        "Load every fixtures/reinvent-YEAR.json with load_year. A year with admin edits "
        "since its last load is skipped with a message, so no one's work is lost; a bad "
        "file stops with an error."
    )

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        folder = fixtures_folder()
        files = sorted(p for p in folder.glob("reinvent-*.json") if FILE_NAME.match(p.name))
        if not files:
            self.stdout.write(f"No fixtures/reinvent-YEAR.json files in {folder}.")
        for path in files:
            year = int(FILE_NAME.match(path.name).group(1))
            try:
                report = load_year(year, path)
            except FileError as error:
                raise CommandError("\n".join(error.lines)) from None
            except (EditedError, SharedRowsError) as error:
                self.stdout.write(self.style.WARNING(f"Skipped {year}: {error}"))
                continue
            print_report(self, report, dry_run=False)
