"""A year file carries each announcement's history: loading it sets the status as it
stands now, exporting it gives the file back byte for byte, the admin's edits to the
history are guarded like any other, and a bad change is refused with the others."""

import datetime as dt
import importlib
import json

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.core.management.base import CommandError

from events.enums import Availability
from events.loading import MODELS, export_year
from events.loading.records import LABELS, record_hash, record_of_hash_name
from events.loading.snapshot import YearRows
from events.models import Announcement, StatusChange, YearLoad

from . import catalog
from .generated_years import write_year_file
from .year_files import write_sample_year

pytestmark = pytest.mark.django_db

YEAR = catalog.YEAR
STAMP = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
GA = Availability.GENERALLY_AVAILABLE


def load(path, *options):
    call_command("load_year", str(YEAR), "--file", str(path), *options, verbosity=0)


def status(slug):
    return Announcement.objects.get(slug=slug).status


def without_history(records, slug):
    return [
        r
        for r in records
        if not (r["model"] == "events.statuschange" and r["fields"]["announcement"][1] == slug)
    ]


def test_loading_a_year_sets_each_status_from_its_history(tmp_path):
    load(write_sample_year(tmp_path / "year.json"))

    assert StatusChange.objects.count() == sum(len(a.history) for a in catalog.ANNOUNCEMENTS)
    assert status("aurora-dsql") == GA
    assert status("trainium-3") == Announcement.objects.get(slug="trainium-3").availability


def test_a_year_with_history_exports_byte_for_byte(tmp_path):
    load(write_sample_year(tmp_path / "sample.json"))
    exported = tmp_path / "exported.json"
    exported.write_text(export_year(YEAR), encoding="utf-8")
    for model in reversed(MODELS):
        model.objects.all().delete()

    load(exported, "--force")

    text = exported.read_text(encoding="utf-8")
    assert export_year(YEAR) == text
    changes = [r for r in json.loads(text) if r["model"] == "events.statuschange"]
    assert changes[0]["fields"] == {
        "announcement": [YEAR, "aurora-dsql"],
        "date": "2025-05-27",
        "availability": "generally-available",
        "source": [YEAR, catalog.AURORA_GA.slug],
    }


def test_a_change_dropped_from_the_file_is_deleted_and_the_status_follows(tmp_path):
    path = write_sample_year(tmp_path / "year.json")
    load(path)
    write_year_file(path, without_history(catalog.records(), "aurora-dsql"))

    load(path)

    assert not StatusChange.objects.filter(announcement__slug="aurora-dsql").exists()
    assert status("aurora-dsql") == Availability.PREVIEW
    assert status("s3-metadata") == GA


def test_a_change_added_to_the_file_moves_the_status(tmp_path):
    records = without_history(catalog.records(), "s3-metadata")
    path = write_year_file(tmp_path / "year.json", records)
    load(path)
    before = status("s3-metadata")

    load(write_sample_year(path))

    assert (before, status("s3-metadata")) == (Availability.PREVIEW, GA)


def test_an_announcement_whose_history_changed_counts_as_changed_for_feeds(tmp_path):
    records = without_history(catalog.records(), "s3-metadata")
    path = write_year_file(tmp_path / "year.json", records)
    load(path)
    Announcement.objects.update(updated_at=STAMP)

    load(write_sample_year(path))

    changed = Announcement.objects.exclude(updated_at=STAMP).values_list("slug", flat=True)
    assert list(changed) == ["s3-metadata"]


def test_loading_the_same_file_again_changes_nothing(tmp_path, capsys):
    path = write_sample_year(tmp_path / "year.json")
    load(path)

    call_command("load_year", str(YEAR), "--file", str(path), "--dry-run")

    assert "no change" in capsys.readouterr().out


def test_a_history_edited_in_the_admin_is_guarded_like_any_other_record(tmp_path):
    path = write_sample_year(tmp_path / "year.json")
    load(path)
    change = StatusChange.objects.get(announcement__slug="aurora-dsql")
    change.availability = Availability.PREVIEW
    change.save()

    with pytest.raises(CommandError) as refused:
        load(path)

    assert "statuschange 2024/aurora-dsql/2025-05-27" in str(refused.value)


def test_a_change_with_an_undated_source_is_refused_naming_the_record(tmp_path):
    records = catalog.records()
    for record in records:
        if record["model"] == "events.source" and record["fields"]["slug"] == (
            catalog.AURORA_GA.slug
        ):
            record["fields"]["published_on"] = None
    path = write_year_file(tmp_path / "year.json", records)

    with pytest.raises(CommandError) as refused:
        load(path)

    message = str(refused.value)
    assert "statuschange 2024/aurora-dsql/2025-05-27" in message
    assert "must carry its date" in message
    assert not Announcement.objects.exists()


def test_a_change_for_an_announcement_not_in_the_file_is_refused(tmp_path):
    records = catalog.records()
    bad = json.loads(json.dumps(next(r for r in records if r["model"] == "events.statuschange")))
    bad["fields"]["announcement"] = [YEAR, "no-such-item"]
    path = write_year_file(tmp_path / "year.json", [*records, bad])

    with pytest.raises(CommandError) as refused:
        load(path)

    assert "refers to announcement 2024/no-such-item" in str(refused.value)


# Upgrading a database whose years were loaded before history existed ---------------------

MIGRATION = importlib.import_module("events.migrations.0007_announcement_history")


def test_a_load_records_which_fields_it_hashed(tmp_path):
    load(write_sample_year(tmp_path / "year.json"))

    fields = YearLoad.objects.get(year=YEAR).hashed_fields

    assert "other_names" in fields["events.announcement"]
    assert fields["events.statuschange"] == ["announcement", "date", "availability", "source"]


def test_fields_a_migration_adds_after_a_load_are_not_taken_for_admin_edits(tmp_path):
    path = write_sample_year(tmp_path / "year.json")
    load(path)
    # As a year loaded before the migration stands after it: hashed without the new
    # fields, which now hold values its file will bring.
    MIGRATION.loads_so_far_hashed_the_fields_before(django_apps, None)
    year_load = YearLoad.objects.get(year=YEAR)
    for name in year_load.record_hashes:
        model, key = record_of_hash_name(name)
        values = YearRows.read(YEAR).values[model][key]
        year_load.record_hashes[name] = record_hash(
            model, values, year_load.hashed_fields.get(LABELS[model])
        )
    year_load.save()
    Announcement.objects.filter(slug="sagemaker-studio").update(other_names="")

    load(path)  # not refused: the new field is not an admin edit

    assert Announcement.objects.get(slug="sagemaker-studio").other_names == (
        "Amazon SageMaker Studio"
    )
    assert "other_names" in YearLoad.objects.get(year=YEAR).hashed_fields["events.announcement"]


def test_an_edit_to_a_field_the_load_hashed_is_still_guarded_after_the_migration(tmp_path):
    path = write_sample_year(tmp_path / "year.json")
    load(path)
    MIGRATION.loads_so_far_hashed_the_fields_before(django_apps, None)
    Announcement.objects.filter(slug="sagemaker-studio").update(title="Edited in the admin")

    with pytest.raises(CommandError) as refused:
        load(path)

    assert "announcement 2024/sagemaker-studio (changed in the admin)" in str(refused.value)
