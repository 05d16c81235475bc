"""manage.py load_year YEAR: make a year in the database exactly what its fixture says."""

from django.core.management.base import BaseCommand, CommandError

from events.loading import EditedError, FileError, FollowedError, SharedRowsError, load_year
from events.management.yearfiles import (
    add_year_argument,
    fixture_path,
    print_report,
    write_backup,
    year_argument,
)


class Command(BaseCommand):
    help = (
        "Load fixtures/reinvent-YEAR.json (or --file) as the whole truth for that year: "
        "create, update and delete the year's rows so the database matches the file, in one "
        "transaction. Refuses to overwrite admin edits made since the last load unless --force, "
        "which first backs the year up under var/backups/."
    )

    def add_arguments(self, parser):
        add_year_argument(parser)
        parser.add_argument("--file", help="Load this file instead of fixtures/reinvent-YEAR.json.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print what would change and write nothing; with -v 2, each record and field.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Overwrite admin edits made since the last load, and rows other years share; "
            "the year as it stood is backed up first.",
        )

    def handle(self, *args, year, file, dry_run, force, **options):
        self.verbosity = options["verbosity"]
        year = year_argument(year)
        path = file or fixture_path(year)
        backed_up = []

        def backup(text):
            # Said at once, so the path is known even if the load then fails.
            kept = write_backup(year, text)
            backed_up.append(kept)
            if self.verbosity >= 1:
                self.stdout.write(
                    f"Backed up {year} as it stood to {kept} "
                    f"(`manage.py load_year {year} --file {kept}` puts it back)."
                )

        try:
            report = load_year(year, path, dry_run=dry_run, force=force, backup=backup)
        except FileError as error:
            raise CommandError("\n".join(error.lines)) from None
        except (EditedError, FollowedError, SharedRowsError) as error:
            raise CommandError(str(error)) from None
        if force and not dry_run and not backed_up and self.verbosity >= 1:
            self.stdout.write(f"{year} was not in the database: nothing to back up.")
        print_report(self, report, dry_run=dry_run)
