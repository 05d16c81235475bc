"""The year commands working on a fixtures folder: every file always loads, and a forced
load keeps a backup.

Each test writes its own fixtures folder into tmp_path (settings.FIXTURES_DIR): the sample
year and a small generated year that shares the sample's speakers, topics and services.
"""

import json
import os
import re
import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from events.loading import MODELS, export_year
from events.models import Announcement, Edition, Speaker, YearLoad

from . import catalog
from .generated_years import write_year_file
from .year_files import write_generated_year, write_sample_year

pytestmark = pytest.mark.django_db

SAMPLE = catalog.YEAR
OTHER = 2030
SPEAKER = "matt-garman"  # on stage in both years


@pytest.fixture
def folder(tmp_path, settings):
    """A fixtures folder holding the sample year and OTHER; backups go to tmp_path too."""
    fixtures = tmp_path / "fixtures"
    fixtures.mkdir()
    settings.FIXTURES_DIR = fixtures
    settings.BACKUP_DIR = tmp_path / "backups"
    write_sample_year(fixtures / f"reinvent-{SAMPLE}.json")
    write_generated_year(fixtures / f"reinvent-{OTHER}.json", OTHER, keynotes=2, announcements=6)
    return fixtures


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def fresh_database():
    """Empty the catalog, as `make run` finds a new database (within the test's transaction)."""
    for model in reversed(MODELS):
        model.objects.all().delete()
    YearLoad.objects.all().delete()


def speaker_record(text, slug):
    record = next(
        r
        for r in json.loads(text)
        if r["model"] == "events.speaker" and r["fields"]["slug"] == slug
    )
    # As a record stands inside a year file's list.
    return json.dumps(record, indent=2, ensure_ascii=False).replace("\n", "\n  ")


def edit_bio(slug, bio):
    speaker = Speaker.objects.get(slug=slug)
    speaker.bio = bio
    speaker.save()


# export_year brings other years' files up to date -----------------------------------


def test_an_exported_shared_edit_reaches_every_file_and_a_fresh_set_up_loads_them_all(folder):
    sample, other = folder / f"reinvent-{SAMPLE}.json", folder / f"reinvent-{OTHER}.json"
    run("load_fixtures")
    edit_bio(SPEAKER, "Edited in the admin.")
    other_before = other.read_text(encoding="utf-8")

    output = run("export_year", str(SAMPLE))

    assert output == (
        f"Wrote {SAMPLE} to {sample}.\n"
        f"Updated {other}, which {OTHER} shares rows with: speaker {SPEAKER}.\n"
    )
    other_after = other.read_text(encoding="utf-8")
    old_record = speaker_record(other_before, SPEAKER)
    new_record = speaker_record(other_after, SPEAKER)
    assert '"bio": "Edited in the admin."' in new_record
    # Only the shared record changed; the rest of the file keeps its bytes.
    assert other_after == other_before.replace(old_record, new_record)

    fresh_database()
    run("load_fixtures")

    assert sorted(Edition.objects.values_list("year", flat=True)) == [SAMPLE, OTHER]
    assert Speaker.objects.get(slug=SPEAKER).bio == "Edited in the admin."


def test_files_that_already_agree_are_left_alone(folder):
    other = folder / f"reinvent-{OTHER}.json"
    run("load_fixtures")
    before = other.read_bytes()

    output = run("export_year", str(SAMPLE))

    assert output == f"Wrote {SAMPLE} to {folder / f'reinvent-{SAMPLE}.json'}.\n"
    assert other.read_bytes() == before


def test_an_updated_canonical_file_still_round_trips_byte_for_byte(folder):
    other = folder / f"reinvent-{OTHER}.json"
    run("load_fixtures")
    run("export_year", str(OTHER))  # now in the canonical form
    edit_bio(SPEAKER, "Edited in the admin.")

    run("export_year", str(SAMPLE))
    fresh_database()
    run("load_fixtures")

    assert export_year(OTHER) == other.read_text(encoding="utf-8")


def test_an_export_elsewhere_leaves_the_fixtures_folder_alone_and_says_so(folder, tmp_path):
    other = folder / f"reinvent-{OTHER}.json"
    run("load_fixtures")
    edit_bio(SPEAKER, "Edited in the admin.")
    before = other.read_bytes()
    elsewhere = tmp_path / "elsewhere.json"

    output = run("export_year", str(SAMPLE), "--output", str(elsewhere))

    assert output == (
        f"Wrote {SAMPLE} to {elsewhere}.\n"
        f"Note: {other} holds another version of speaker {SPEAKER}; "
        f"`manage.py export_year {SAMPLE}` (into the fixtures folder) would bring it up to date.\n"
    )
    assert other.read_bytes() == before


# load_fixtures never leaves a year out silently --------------------------------------


def disagreeing_folder(folder):
    """OTHER's file gives the shared speaker another bio than the sample's file."""
    records = json.loads((folder / f"reinvent-{OTHER}.json").read_text(encoding="utf-8"))
    for record in records:
        if record["model"] == "events.speaker" and record["fields"]["slug"] == SPEAKER:
            record["fields"]["bio"] = "Another bio."
    write_year_file(folder / f"reinvent-{OTHER}.json", records)


def test_set_up_stops_on_files_that_disagree_and_names_them_and_the_fix(folder):
    disagreeing_folder(folder)
    sample, other = folder / f"reinvent-{SAMPLE}.json", folder / f"reinvent-{OTHER}.json"

    with pytest.raises(CommandError) as refused:
        run("load_fixtures")

    assert str(refused.value) == (
        "1 year of 2 could not be loaded:\n\n"
        f"{OTHER} was not loaded: {other} disagrees with {sample}.\n"
        f"{OTHER}'s file changes rows that other years share:\n"
        f"  speaker {SPEAKER}: bio differ from the version {SAMPLE} uses\n"
        f"Keep the version {SAMPLE} uses: `manage.py export_year {SAMPLE}` writes it into "
        "every year file that holds these rows.\n"
        f"Or keep {OTHER}'s: `manage.py load_year {OTHER} --force`, then "
        f"`manage.py export_year {OTHER}` to bring the other years' files up to date."
    )
    assert list(Edition.objects.values_list("year", flat=True)) == [SAMPLE]


def test_the_first_fix_for_disagreeing_files_keeps_the_loaded_version(folder):
    disagreeing_folder(folder)
    with pytest.raises(CommandError):
        run("load_fixtures")

    run("export_year", str(SAMPLE))
    run("load_fixtures")
    fresh_database()
    run("load_fixtures")

    assert sorted(Edition.objects.values_list("year", flat=True)) == [SAMPLE, OTHER]
    assert Speaker.objects.get(slug=SPEAKER).bio == ""


def test_the_second_fix_for_disagreeing_files_keeps_the_other_version(folder):
    disagreeing_folder(folder)
    with pytest.raises(CommandError):
        run("load_fixtures")

    run("load_year", str(OTHER), "--force")
    run("export_year", str(OTHER))
    fresh_database()
    run("load_fixtures")

    assert sorted(Edition.objects.values_list("year", flat=True)) == [SAMPLE, OTHER]
    assert Speaker.objects.get(slug=SPEAKER).bio == "Another bio."


def test_set_up_stops_on_a_bad_file_after_loading_the_others(folder):
    other = folder / f"reinvent-{OTHER}.json"
    records = json.loads(other.read_text(encoding="utf-8"))
    number, announcement = next(
        (n, r) for n, r in enumerate(records, start=1) if r["model"] == "events.announcement"
    )
    announcement["fields"]["availability"] = "sold-out"
    write_year_file(other, records)
    key = f"{OTHER}/{announcement['fields']['slug']}"

    with pytest.raises(CommandError) as refused:
        run("load_fixtures")

    assert str(refused.value) == (
        "1 year of 2 could not be loaded:\n\n"
        f"{OTHER} was not loaded: its file has problems.\n"
        f"{other}: record {number} (announcement {key}), field “availability”: 'sold-out' "
        "is not one of: generally-available, preview, coming-soon, program, unspecified.\n"
        f"Correct {other}, then run `manage.py load_year {OTHER}`."
    )
    assert list(Edition.objects.values_list("year", flat=True)) == [SAMPLE]


def test_set_up_names_every_year_it_could_not_load(folder):
    run("load_fixtures")
    Announcement.objects.filter(edition__year=SAMPLE).update(title="Edited")
    Announcement.objects.filter(edition__year=OTHER).update(title="Edited")

    with pytest.raises(CommandError) as refused:
        run("load_fixtures")

    message = str(refused.value)
    assert message.startswith("2 years of 2 could not be loaded:\n\n")
    assert f"`manage.py export_year {SAMPLE}`" in message
    assert f"`manage.py load_year {OTHER} --force`" in message


# load_year --force backs the year up first -------------------------------------------


def test_force_backs_the_year_up_first_and_the_backup_loads_back(folder, tmp_path):
    run("load_year", str(SAMPLE))
    Announcement.objects.filter(slug="aurora-dsql").update(title="As a curator fixed it")
    as_it_stood = export_year(SAMPLE)

    output = run("load_year", str(SAMPLE), "--force")

    [backup] = (tmp_path / "backups").iterdir()
    assert re.fullmatch(rf"reinvent-{SAMPLE}-\d{{8}}T\d{{6}}Z\.json", backup.name)
    assert backup.read_text(encoding="utf-8") == as_it_stood
    assert output.splitlines()[0] == (
        f"Backed up {SAMPLE} as it stood to {backup} "
        f"(`manage.py load_year {SAMPLE} --file {backup}` puts it back)."
    )
    assert Announcement.objects.get(slug="aurora-dsql").title != "As a curator fixed it"

    run("load_year", str(SAMPLE), "--file", str(backup))

    assert Announcement.objects.get(slug="aurora-dsql").title == "As a curator fixed it"
    assert export_year(SAMPLE) == as_it_stood


def test_force_on_a_year_not_in_the_database_has_nothing_to_back_up(folder, tmp_path):
    output = run("load_year", str(SAMPLE), "--force")

    assert output.splitlines()[0] == f"{SAMPLE} was not in the database: nothing to back up."
    assert not (tmp_path / "backups").exists()


@pytest.mark.parametrize("options", [(), ("--force", "--dry-run")])
def test_only_a_forced_load_that_writes_makes_a_backup(folder, tmp_path, options):
    run("load_year", str(SAMPLE))

    run("load_year", str(SAMPLE), *options)

    assert not (tmp_path / "backups").exists()


def test_force_in_a_process_of_its_own_backs_up_into_django_backup_dir(tmp_path):
    sample = write_sample_year(tmp_path / "sample.json")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_CACHE_DIR": str(tmp_path / "cache"),
        "DJANGO_BACKUP_DIR": str(tmp_path / "kept"),
    }

    def manage(*args):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    manage("migrate", "--noinput", "-v0")
    manage("load_year", str(SAMPLE), "--file", str(sample), "-v0")
    result = manage("load_year", str(SAMPLE), "--file", str(sample), "--force")

    [backup] = (tmp_path / "kept").iterdir()
    assert result.returncode == 0
    assert result.stdout.startswith(f"Backed up {SAMPLE} as it stood to {backup} ")
