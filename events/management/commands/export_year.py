"""manage.py export_year YEAR: write a year back to its fixture, in the canonical form."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from events.loading import FileError, render_records, update_shared_records, year_records
from events.management.yearfiles import (
    add_year_argument,
    fixture_path,
    write_file,
    year_argument,
    year_files,
)


class Command(BaseCommand):
    help = (
        "Write the year as the database has it to fixtures/reinvent-YEAR.json (or --output, "
        "- for standard output), in the canonical form that load_year reads back byte for byte. "
        "Writing into fixtures/, it also brings the speakers, topics and services of the other "
        "years' files there up to date, so that they all still load together."
    )

    def add_arguments(self, parser):
        add_year_argument(parser)
        parser.add_argument(
            "--output",
            help="Write here instead; - for standard output. Other years' files are only "
            "brought up to date when writing into the fixtures folder.",
        )

    def handle(self, *args, year, output, **options):
        self.verbosity = options["verbosity"]
        year = year_argument(year)
        try:
            records = year_records(year)
        except FileError as error:
            raise CommandError("\n".join(error.lines)) from None
        text = render_records(records)
        if output == "-":
            self.stdout.write(text, ending="")
            return
        path = Path(output) if output else fixture_path(year)
        into_fixtures = path.resolve() == fixture_path(year).resolve()
        # Every file is checked before any is written, so a file that cannot be read
        # leaves all of them as they were.
        updates = self.other_years_files(year, records)
        write_file(path, text)
        if self.verbosity >= 1:
            self.stdout.write(f"Wrote {year} to {path}.")
        for other, (other_path, new_text, changed) in updates.items():
            if into_fixtures:
                write_file(other_path, new_text)
                if self.verbosity >= 1:
                    self.stdout.write(
                        f"Updated {other_path}, which {other} shares rows with: "
                        f"{', '.join(changed)}."
                    )
            elif self.verbosity >= 1:
                self.stdout.write(
                    f"Note: {other_path} holds another version of {', '.join(changed)}; "
                    f"`manage.py export_year {year}` (into the fixtures folder) would bring it "
                    "up to date."
                )

    def other_years_files(self, year, records):
        """{other year: (path, new text, changed records)} of the fixtures folder's files
        whose speakers, topics or services differ from this year's."""
        updates = {}
        for other, path in year_files().items():
            if other == year:
                continue
            try:
                old = path.read_text(encoding="utf-8")
                new, changed = update_shared_records(old, records)
            except (OSError, UnicodeDecodeError, ValueError) as error:
                raise CommandError(
                    f"{path}: cannot be brought up to date with {year}'s shared rows ({error}); "
                    "nothing was written."
                ) from None
            if changed:
                updates[other] = (path, new, changed)
        return updates
