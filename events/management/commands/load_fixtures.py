"""manage.py load_fixtures: load every fixtures/reinvent-*.json, as `make run` does."""

from django.core.management.base import BaseCommand, CommandError

from events.loading import EditedError, FileError, FollowedError, SharedRowsError, load_year
from events.management.yearfiles import fixtures_folder, print_report, year_files


class Command(BaseCommand):
    help = (
        "Load every fixtures/reinvent-YEAR.json with load_year, oldest first. A year that "
        "cannot be loaded (a bad file, admin edits since its last load, rows it shares with "
        "another year's file that disagree) does not stop the others, but the command then "
        "fails, naming each such year, why, and the command that fixes it."
    )

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        files = year_files()
        if not files:
            self.stdout.write(f"No reinvent-YEAR.json files in {fixtures_folder()}.")
        failures = []
        for year, path in files.items():
            try:
                report = load_year(year, path)
            except FileError as error:
                failures.append(
                    f"{year} was not loaded: its file has problems.\n"
                    + "\n".join(error.lines)
                    + f"\nCorrect {path}, then run `manage.py load_year {year}`."
                )
                continue
            except (EditedError, FollowedError) as error:
                failures.append(f"{year} was not loaded: {error}")
                continue
            except SharedRowsError as error:
                others = ", ".join(
                    str(files[y]) if y in files else f"the {y} in the database"
                    for y in error.other_years
                )
                failures.append(f"{year} was not loaded: {path} disagrees with {others}.\n{error}")
                continue
            print_report(self, report, dry_run=False)
        if failures:
            count = "1 year" if len(failures) == 1 else f"{len(failures)} years"
            raise CommandError(
                f"{count} of {len(files)} could not be loaded:\n\n" + "\n\n".join(failures)
            )
