"""load_year and export_year with synthetic years made from the committed 2024 file."""

import copy
import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.validators import MaxValueValidator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.loading import FIELDS, MODELS, SHARED, YearRows, export_year, year_records
from events.loading.guards import USED_BY
from events.loading.parking import PARKED_MODELS, park, parking_area
from events.models import (
    POSITION_RANGE,
    Announcement,
    Appearance,
    Edition,
    Keynote,
    KeyPoint,
    Speaker,
    Topic,
    YearLoad,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reinvent_2024")]

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "reinvent-2024.json"


@pytest.fixture(autouse=True)
def backups_in_tmp_path(settings, tmp_path):
    """A forced load backs the year up: into the test's folder, never into var/."""
    settings.BACKUP_DIR = tmp_path / "backups"


def records_for(year):
    """The 2024 file rewritten as another year."""
    records = json.loads(FIXTURE.read_text(encoding="utf-8"))
    for record in records:
        fields = record["fields"]
        if record["model"] == "events.announcement":
            fields["follows"] = []  # links to 2023 stay with the real 2024
        for name, value in fields.items():
            if isinstance(value, list) and value and value[0] == 2024:
                value[0] = year
            elif isinstance(value, str) and value.startswith("2024-12-"):
                fields[name] = str(year) + value[4:]
        if record["model"] == "events.edition":
            fields["year"] = year
            fields["name"] = f"AWS re:Invent {year}"
    return records


def write(tmp_path, records, name="year.json"):
    path = tmp_path / name
    path.write_text(json.dumps(records, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return str(path)


def load(year, path, *options):
    out = StringIO()
    call_command("load_year", str(year), "--file", path, *options, stdout=out)
    return out.getvalue()


def find(records, model, **fields):
    return next(
        r
        for r in records
        if r["model"] == f"events.{model}"
        and all(r["fields"].get(k) == v for k, v in fields.items())
    )


def remove(records, predicate):
    return [r for r in records if not predicate(r)]


def snapshot():
    """Everything in the catalog, to show a refused load changed nothing."""
    return {year: year_records(year) for year in Edition.objects.values_list("year", flat=True)}


def last_load(year):
    """What the year's last load stored: when, and the hash of every record it wrote."""
    load = YearLoad.objects.get(year=year)
    return load.loaded_at, load.record_hashes


def test_load_then_export_reproduces_the_committed_file_byte_for_byte(tmp_path):
    out = tmp_path / "export.json"

    call_command("load_year", "2024", stdout=StringIO())
    call_command("export_year", "2024", "--output", str(out), stdout=StringIO())

    assert out.read_bytes() == FIXTURE.read_bytes()
    assert export_year(2024).encode() == FIXTURE.read_bytes()


def test_second_load_of_the_same_file_changes_nothing():
    before = {a.pk: a.updated_at for a in Announcement.objects.all()}

    output = StringIO()
    call_command("load_year", "2024", stdout=output)

    assert output.getvalue() == "2024: no change; the database already matches the file.\n"
    assert {a.pk: a.updated_at for a in Announcement.objects.all()} == before


def test_two_years_side_by_side_share_speakers_topics_and_services(tmp_path):
    output = load(2022, write(tmp_path, records_for(2022)))

    assert "Loaded 2022:" in output
    assert "announcements     40 created      0 changed      0 deleted      0 unchanged" in output
    assert "speakers           0 created      0 changed      0 deleted     10 unchanged" in output
    assert Announcement.objects.filter(edition__year__in=[2022, 2024]).count() == 80
    on_stage = Speaker.objects.filter(appearances__keynote__edition__year__in=[2022, 2024])
    assert on_stage.distinct().count() == 10
    assert Appearance.objects.filter(speaker__slug="tom-brown").count() == 2
    assert export_year(2024).encode() == FIXTURE.read_bytes()


def test_removing_a_keynote_keeps_speakers_another_year_uses(tmp_path):
    load(2022, write(tmp_path, records_for(2022)))
    records = records_for(2022)
    records = remove(
        records,
        lambda r: (
            (r["fields"].get("keynote") == [2022, "monday-night-live"])
            or (r["model"] == "events.keynote" and r["fields"]["slug"] == "monday-night-live")
            or (
                r["model"] == "events.speaker"
                and r["fields"]["slug"] in {"peter-desantis", "david-brown", "tom-brown"}
            )
        ),
    )
    # Announcement records name their keynote too.
    records = remove(
        records,
        lambda r: (
            r["model"] == "events.announcement"
            and r["fields"]["keynote"] == [2022, "monday-night-live"]
        ),
    )

    output = load(2022, write(tmp_path, records))

    assert "keynotes           0 created      0 changed      1 deleted      4 unchanged" in output
    assert "announcements      0 created      0 changed      2 deleted     38 unchanged" in output
    assert not Keynote.objects.filter(edition__year=2022, slug="monday-night-live").exists()
    assert Speaker.objects.filter(slug="tom-brown").exists()  # 2024 still has him
    assert Appearance.objects.filter(speaker__slug="tom-brown").count() == 1


def test_speakers_and_topics_nothing_uses_any_more_are_removed(tmp_path):
    records = records_for(2022)
    records.append(
        {"model": "events.speaker", "fields": {"slug": "new-person", "name": "New Person"}}
    )
    records.append({"model": "events.topic", "fields": {"slug": "quantum", "name": "Quantum"}})
    records.append(
        {
            "model": "events.appearance",
            "fields": {
                "keynote": [2022, "partner-keynote"],
                "speaker": ["new-person"],
                "position": 2,
                "role": "guest",
                "job_title": "Founder",
                "organization": "Example",
            },
        }
    )
    find(records, "announcement", slug="buy-with-aws")["fields"]["topics"].append(["quantum"])
    path = write(tmp_path, records)
    load(2022, path)
    assert Speaker.objects.filter(slug="new-person").exists()

    output = load(2022, write(tmp_path, records_for(2022), "plain.json"))

    assert not Speaker.objects.filter(slug="new-person").exists()
    assert not Topic.objects.filter(slug="quantum").exists()
    assert "speakers           0 created      0 changed      1 deleted     10 unchanged" in output
    assert "topics             0 created      0 changed      1 deleted     15 unchanged" in output


def test_an_announcement_removed_from_the_file_is_deleted(tmp_path):
    records = without_announcement(json.loads(FIXTURE.read_text()), "aurora-dsql")

    output = load(2024, write(tmp_path, records))

    assert "announcements      0 created      0 changed      1 deleted     39 unchanged" in output
    assert "status changes     0 created      0 changed      1 deleted" in output
    assert not Announcement.objects.filter(slug="aurora-dsql").exists()
    assert Announcement.objects.for_year(2024).count() == 39


def test_a_renamed_keynote_slug_moves_its_rows_and_keeps_announcement_ids(tmp_path):
    ids = dict(Announcement.objects.values_list("slug", "pk"))
    text = FIXTURE.read_text().replace('"ceo-keynote"', '"matt-garman-keynote"')

    output = load(2024, write(tmp_path, json.loads(text)), "-v", "2")

    assert "keynotes           1 created      0 changed      1 deleted      4 unchanged" in output
    assert "announcements      0 created     14 changed      0 deleted     26 unchanged" in output
    assert "    created  keynote 2024/matt-garman-keynote" in output
    assert "    deleted  keynote 2024/ceo-keynote" in output
    keynote = Keynote.objects.get(slug="matt-garman-keynote")
    assert keynote.announcements.count() == 14
    assert keynote.appearances.count() == 3
    assert KeyPoint.objects.filter(keynote=keynote).count() == 9
    assert dict(Announcement.objects.values_list("slug", "pk")) == ids


def test_reordering_announcements_swaps_positions(tmp_path):
    records = json.loads(FIXTURE.read_text())
    first = find(records, "announcement", slug="p6-nvidia-blackwell-gpus")["fields"]
    second = find(records, "announcement", slug="trainium-3")["fields"]
    first["position"], second["position"] = second["position"], first["position"]

    load(2024, write(tmp_path, records))

    ceo = Keynote.objects.for_year(2024).get(slug="ceo-keynote")
    assert list(ceo.announcements.order_by("position").values_list("slug", flat=True)[:3]) == [
        "trainium-3",
        "trainium-2-instances-ultraservers",
        "p6-nvidia-blackwell-gpus",
    ]


def test_changed_rows_get_a_new_updated_time_and_the_rest_keep_theirs(tmp_path):
    before = dict(Announcement.objects.values_list("slug", "updated_at"))
    records = json.loads(FIXTURE.read_text())
    find(records, "announcement", slug="s3-metadata")["fields"]["summary"] += " Updated."

    load(2024, write(tmp_path, records))

    after = dict(Announcement.objects.values_list("slug", "updated_at"))
    assert after["s3-metadata"] > before["s3-metadata"]
    assert {k: v for k, v in after.items() if k != "s3-metadata"} == {
        k: v for k, v in before.items() if k != "s3-metadata"
    }


def test_dry_run_prints_the_changes_and_writes_nothing(tmp_path):
    records = json.loads(FIXTURE.read_text())
    find(records, "announcement", slug="s3-metadata")["fields"]["title"] = "S3 Metadata, renamed"
    before = snapshot()
    loaded_at = YearLoad.objects.get(year=2024).loaded_at

    output = load(2024, write(tmp_path, records), "--dry-run", "-v", "2")

    assert output.splitlines()[0] == "Would load 2024:"
    assert "    changed  announcement 2024/s3-metadata: title" in output.splitlines()
    assert output.splitlines()[-1] == "Dry run: nothing was written."
    assert snapshot() == before
    assert YearLoad.objects.get(year=2024).loaded_at == loaded_at


def test_dry_run_names_the_fields_that_change(tmp_path):
    records = json.loads(FIXTURE.read_text())
    edit(records, "announcement", "aurora-dsql", title="Aurora DSQL", summary="Shorter.")
    edit(records, "speaker", "andy-jassy", bio="A new bio.")

    output = load(2024, write(tmp_path, records), "--dry-run", "-v", "2")

    changes = [line for line in output.splitlines() if line.startswith("    ")]
    assert changes == [
        "    changed  speaker andy-jassy: bio",
        "    changed  announcement 2024/aurora-dsql: title, summary",
    ]


def test_admin_edits_are_guarded_and_named(tmp_path):
    announcement = Announcement.objects.get(slug="aurora-dsql")
    announcement.title = "Amazon Aurora DSQL, as a curator fixed it"
    announcement.save()
    Announcement.objects.get(slug="trainium-3").delete()
    before = snapshot()

    with pytest.raises(CommandError) as refused:
        call_command("load_year", "2024", stdout=StringIO())

    assert str(refused.value) == (
        "2024 was edited since it was last loaded, and loading would overwrite:\n"
        "  announcement 2024/aurora-dsql (changed in the admin)\n"
        "  announcement 2024/trainium-3 (deleted in the admin)\n"
        "  statuschange 2024/trainium-3/2025-12-02 (deleted in the admin)\n"
        "Keep that work: `manage.py export_year 2024` writes it into the year's file.\n"
        "Or discard it: `manage.py load_year 2024 --force` (it backs the year up first)."
    )
    assert snapshot() == before


def test_force_overwrites_admin_edits(tmp_path):
    Announcement.objects.filter(slug="aurora-dsql").update(title="Edited")

    call_command("load_year", "2024", "--force", stdout=StringIO())

    assert Announcement.objects.get(slug="aurora-dsql").title == "Amazon Aurora DSQL"
    assert len(list((tmp_path / "backups").iterdir())) == 1


def test_exported_edits_load_without_force(tmp_path):
    announcement = Announcement.objects.get(slug="aurora-dsql")
    announcement.title = "Amazon Aurora DSQL, fixed"
    announcement.save()
    path = tmp_path / "curated.json"

    call_command("export_year", "2024", "--output", str(path), stdout=StringIO())
    output = load(2024, str(path))

    assert output == "2024: no change; the database already matches the file.\n"
    assert Announcement.objects.get(slug="aurora-dsql").title == "Amazon Aurora DSQL, fixed"


def test_load_fixtures_stops_on_a_year_with_unsaved_edits_and_says_how_to_go_on():
    Announcement.objects.filter(slug="aurora-dsql").update(title="Edited in the admin")

    with pytest.raises(CommandError) as refused:
        call_command("load_fixtures", stdout=StringIO())

    assert str(refused.value) == (
        "1 year of 3 could not be loaded:\n\n"
        "2024 was not loaded: 2024 was edited since it was last loaded, and loading would "
        "overwrite:\n"
        "  announcement 2024/aurora-dsql (changed in the admin)\n"
        "Keep that work: `manage.py export_year 2024` writes it into the year's file.\n"
        "Or discard it: `manage.py load_year 2024 --force` (it backs the year up first)."
    )
    assert Announcement.objects.for_year(2024).get(slug="aurora-dsql").title == (
        "Edited in the admin"
    )


def test_load_fixtures_loads_every_year_file_and_is_idempotent():
    first, again = StringIO(), StringIO()

    call_command("load_fixtures", stdout=first)
    call_command("load_fixtures", stdout=again)

    assert first.getvalue().startswith(
        "2023: no change; the database already matches the file.\n"
        "2024: no change; the database already matches the file.\n"
        "Loaded 2025:\n"
    )
    assert again.getvalue() == "".join(
        f"{year}: no change; the database already matches the file.\n"
        for year in (2023, 2024, 2025)
    )


def base():
    return json.loads(FIXTURE.read_text())


def history_of(records, slug):
    """The status changes of one announcement, as the file holds them."""
    return [
        r
        for r in records
        if r["model"] == "events.statuschange" and r["fields"]["announcement"] == [2024, slug]
    ]


def without_announcement(records, slug):
    """The records without one announcement and its history, as a curator would drop it."""
    return remove(
        records,
        lambda r: (
            (r["model"] == "events.announcement" and r["fields"]["slug"] == slug)
            or r in history_of(records, slug)
        ),
    )


def edit(records, model, slug, **changes):
    find(records, model, slug=slug)["fields"].update(changes)
    return records


# Bad files break one announcement with no history, so each problem is named once.
TARGET = "s3-table-buckets"
TARGET_NUMBER = next(
    number
    for number, r in enumerate(json.loads(FIXTURE.read_text()), start=1)
    if r["model"] == "events.announcement" and r["fields"]["slug"] == TARGET
)
BROKEN = f"record {TARGET_NUMBER} (announcement 2024/{TARGET})"
BAD_FILES = [
    ("not-json", "{ not json", "is not valid JSON: Expecting property name enclosed in double"),
    ("not-utf8", b"\xff\xfe[]", "is not UTF-8 text (byte 0)."),
    ("not-a-list", {"model": "events.edition"}, "must be a list of records, not a dict."),
    ("record-not-object", [1], "record 1: must be an object, not a int."),
    (
        "unknown-model",
        [{"model": "events.sponsor", "fields": {}}],
        "unknown model 'events.sponsor'",
    ),
    ("carries-an-id", [{"model": "events.topic", "pk": 3, "fields": {}}], "unexpected key(s) pk"),
    ("no-edition", [], "must hold exactly one edition record, found 0."),
    ("edition-of-another-year", "EDITION_2022", "the edition record is for 2022, not 2024."),
    ("unknown-field", "UNKNOWN_FIELD", f"{BROKEN}, field “colour”: unknown field."),
    ("missing-field", "MISSING_FIELD", f"{BROKEN}, field “title”: is required"),
    ("wrong-type", "WRONG_TYPE", "field “position”: “six” value must be an integer."),
    ("bad-datetime", "BAD_DATETIME", "field “start”: “soon” value has an invalid format."),
    ("naive-datetime", "NAIVE_DATETIME", "field “start”: must give a time zone offset"),
    ("unknown-reference", "UNKNOWN_REFERENCE", f"{BROKEN}, field “topics”: refers to topic no-"),
    ("another-year", "ANOTHER_YEAR", f"(announcement 2022/{TARGET}), field “edition”: belongs"),
    ("duplicate-slug", "DUPLICATE_SLUG", f"2024/{TARGET}): repeats record {TARGET_NUMBER}: the"),
    ("duplicate-position", "DUPLICATE_POSITION", "has the same keynote, position as record"),
    ("end-before-start", "END_BEFORE_START", "field “end”: The keynote must end after it starts."),
    ("no-source", "NO_SOURCE", f"{BROKEN}, field “availability_source”: Say where this"),
    (
        "bad-choice",
        "BAD_CHOICE",
        f"{BROKEN}, field “availability”: 'sold-out' is not one of: generally-available, "
        "preview, coming-soon, program, unspecified.",
    ),
    ("bad-role", "BAD_ROLE", "field “role”: 'speaker' is not one of: host, guest."),
    ("bad-kind", "BAD_KIND", "field “kind”: 'blog' is not one of: article, schedule, official"),
    (
        "bad-time-zone",
        "BAD_TIME_ZONE",
        "record 1 (edition 2024), field “time_zone”: 'Vegas' is not a time zone; give an IANA zone "
        "such as America/Los_Angeles.",
    ),
    ("bad-url", "BAD_URL", f"{BROKEN}, field “link”: Enter a valid URL."),
    ("bad-slug", "BAD_SLUG", "field “slug”: Enter a valid “slug”"),
    ("blank-title", "BLANK_TITLE", f"{BROKEN}, field “title”: This field cannot be blank."),
    ("date-as-number", "DATE_AS_NUMBER", "field “start_date”: must be a date as text"),
    ("time-as-number", "TIME_AS_NUMBER", "field “start”: must be a date and time as text"),
    ("control-character", "CONTROL_CHARACTER", "Remove the invisible control character U+000B."),
    ("lone-surrogate", "LONE_SURROGATE", "Remove the invisible control character U+D800."),
    ("year-as-text", "YEAR_AS_TEXT", "field “edition”: the year in ['2024'] must be a number"),
    ("other-years-source", "OTHER_YEARS_SOURCE", "of another year; a 2024 record may only refer"),
    ("position-too-high", "POSITION_TOO_HIGH", "less than or equal to 9999."),
]


def bad_content(kind):
    records = base()
    index = next(i for i, r in enumerate(records) if r["fields"].get("slug") == TARGET)
    announcement = records[index]["fields"]
    if kind == "EDITION_2022":
        records[0]["fields"]["year"] = 2022
    elif kind == "UNKNOWN_FIELD":
        announcement["colour"] = "blue"
    elif kind == "MISSING_FIELD":
        del announcement["title"]
    elif kind == "WRONG_TYPE":
        announcement["position"] = "six"
    elif kind == "BAD_DATETIME":
        find(records, "keynote", slug="ceo-keynote")["fields"]["start"] = "soon"
    elif kind == "NAIVE_DATETIME":
        find(records, "keynote", slug="ceo-keynote")["fields"]["start"] = "2024-12-03T08:00:00"
    elif kind == "UNKNOWN_REFERENCE":
        announcement["topics"].append(["no-such-topic"])
    elif kind == "ANOTHER_YEAR":
        announcement["edition"] = [2022]
    elif kind == "DUPLICATE_SLUG":
        records.append(copy.deepcopy(records[index]))
        records[-1]["fields"]["position"] = 99
    elif kind == "DUPLICATE_POSITION":
        find(records, "announcement", slug="s3-metadata")["fields"]["position"] = 6
    elif kind == "END_BEFORE_START":
        find(records, "keynote", slug="ceo-keynote")["fields"]["end"] = "2024-12-03T07:00:00-08:00"
    elif kind == "NO_SOURCE":
        announcement["availability_source"] = None
    elif kind == "BAD_CHOICE":
        announcement["availability"] = "sold-out"
    elif kind == "BAD_ROLE":
        find(records, "appearance", speaker=["benoit-dupin"])["fields"]["role"] = "speaker"
    elif kind == "BAD_KIND":
        next(r for r in records if r["model"] == "events.source")["fields"]["kind"] = "blog"
    elif kind == "BAD_TIME_ZONE":
        records[0]["fields"]["time_zone"] = "Vegas"
    elif kind == "BAD_URL":
        announcement["link"] = "not a link"
    elif kind == "BAD_SLUG":
        announcement["slug"] = "not a slug"
    elif kind == "BLANK_TITLE":
        announcement["title"] = ""
    elif kind == "DATE_AS_NUMBER":
        records[0]["fields"]["start_date"] = 20241202
    elif kind == "TIME_AS_NUMBER":
        find(records, "keynote", slug="ceo-keynote")["fields"]["start"] = 1733241600
    elif kind == "CONTROL_CHARACTER":
        announcement["summary"] = "abc\u000bdef"
    elif kind == "LONE_SURROGATE":
        announcement["title"] = "abc\ud800"
    elif kind == "YEAR_AS_TEXT":
        announcement["edition"] = ["2024"]
    elif kind == "OTHER_YEARS_SOURCE":
        announcement["availability_source"] = [2022, "aws-keynote-agenda"]
    elif kind == "POSITION_TOO_HIGH":
        announcement["position"] = 40000
    return records


@pytest.mark.parametrize(("name", "content", "message"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_a_bad_file_is_refused_with_one_line_and_changes_nothing(tmp_path, name, content, message):
    path = tmp_path / f"{name}.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif isinstance(content, str) and content.isupper():
        path.write_text(json.dumps(bad_content(content)), encoding="utf-8")
    elif isinstance(content, str):
        path.write_text(content)
    else:
        path.write_text(json.dumps(content))
    before = snapshot()
    loaded = last_load(2024)

    with pytest.raises(CommandError) as refused:
        call_command("load_year", "2024", "--file", str(path), stdout=StringIO())

    lines = str(refused.value).splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{path}: ")
    assert message in lines[0]
    assert snapshot() == before
    assert last_load(2024) == loaded


def test_a_missing_file_is_named():
    with pytest.raises(CommandError) as refused:
        call_command("load_year", "2031", stdout=StringIO())

    path = Path(settings.BASE_DIR) / "fixtures" / "reinvent-2031.json"
    assert str(refused.value) == f"{path}: cannot be read: No such file or directory."


def test_every_problem_in_a_file_gets_its_own_line(tmp_path):
    records = base()
    edit(records, "announcement", "aurora-dsql", link="nope")
    edit(records, "announcement", "s3-metadata", availability="sold-out")

    with pytest.raises(CommandError) as refused:
        load(2024, write(tmp_path, records))

    assert len(str(refused.value).splitlines()) == 2


def test_problems_found_in_different_passes_are_all_named_at_once(tmp_path):
    records = base()
    edit(records, "announcement", "aurora-dsql", colour="blue")  # shape: pass 1
    edit(records, "announcement", "s3-metadata", availability="sold-out")  # values: pass 3
    edit(records, "announcement", "poolside-in-bedrock", link="not a link")  # pass 4
    # A keynote with a bad time: what refers to it is not named again.
    find(records, "keynote", slug="ceo-keynote")["fields"]["start"] = "soon"
    path = write(tmp_path, records)

    with pytest.raises(CommandError) as refused:
        load(2024, path)

    number = {r["fields"].get("slug"): n for n, r in enumerate(records, start=1)}
    # In the file's order, whichever pass found them.
    assert str(refused.value).splitlines() == [
        f"{path}: record {number['ceo-keynote']} (keynote 2024/ceo-keynote), field “start”: "
        "“soon” value has an invalid format. It must be in YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ] "
        "format.",
        f"{path}: record {number['aurora-dsql']} (announcement 2024/aurora-dsql), "
        "field “colour”: unknown field.",
        f"{path}: record {number['poolside-in-bedrock']} "
        "(announcement 2024/poolside-in-bedrock), field “link”: Enter a valid URL.",
        f"{path}: record {number['s3-metadata']} (announcement 2024/s3-metadata), "
        "field “availability”: 'sold-out' is not one of: generally-available, preview, "
        "coming-soon, program, unspecified.",
    ]


def test_a_bad_file_exits_1_without_a_traceback(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("[")

    result = subprocess.run(
        [sys.executable, "manage.py", "load_year", "2024", "--file", str(path)],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        f"CommandError: {path}: is not valid JSON: Expecting value at line 1, column 2."
    )


@pytest.mark.parametrize("year", ["24", "20x4", "12345"])
def test_year_must_be_four_digits(year):
    with pytest.raises(CommandError) as refused:
        call_command("load_year", year, stdout=StringIO())

    assert str(refused.value) == f"YEAR must be four digits, like 2024; got {year!r}."


def test_export_of_a_missing_year_is_refused():
    with pytest.raises(CommandError) as refused:
        call_command("export_year", "2031", "--output", "-", stdout=StringIO())

    assert str(refused.value) == "There is no 2031 edition in the database to export."


def test_export_to_standard_output():
    out = StringIO()

    call_command("export_year", "2024", "--output", "-", stdout=out)

    assert out.getvalue().encode() == FIXTURE.read_bytes()


def test_a_topic_no_record_uses_is_not_part_of_the_year(tmp_path):
    records = base()
    records.insert(20, {"model": "events.topic", "fields": {"slug": "lonely", "name": "Lonely"}})

    output = load(2024, write(tmp_path, records))

    assert output == "2024: no change; the database already matches the file.\n"
    assert not Topic.objects.filter(slug="lonely").exists()


def test_renaming_an_announcement_slug_in_place(tmp_path):
    records = base()
    find(records, "announcement", slug="aurora-dsql")["fields"]["slug"] = "amazon-aurora-dsql"
    for change in history_of(records, "aurora-dsql"):
        change["fields"]["announcement"] = [2024, "amazon-aurora-dsql"]

    output = load(2024, write(tmp_path, records))

    assert "announcements      1 created      0 changed      1 deleted     39 unchanged" in output
    assert Announcement.objects.get(slug="amazon-aurora-dsql").position == 6


def test_replacing_a_speaker_at_the_same_position(tmp_path):
    records = base()
    appearance = find(records, "appearance", speaker=["benoit-dupin"])
    appearance["fields"]["speaker"] = ["tom-brown"]

    load(2024, write(tmp_path, records))

    lineup = Appearance.objects.filter(
        keynote__edition__year=2024, keynote__slug="ceo-keynote"
    ).order_by("position")
    assert [a.speaker.slug for a in lineup] == ["matt-garman", "tom-brown", "andy-jassy"]


def test_swapping_announcements_between_keynotes_at_the_same_position(tmp_path):
    records = base()
    first = find(records, "announcement", slug="p6-nvidia-blackwell-gpus")["fields"]
    other = find(records, "announcement", slug="hyperpod-flexible-training-plans")["fields"]
    first["keynote"], other["keynote"] = other["keynote"], first["keynote"]

    load(2024, write(tmp_path, records))

    assert Announcement.objects.get(slug="p6-nvidia-blackwell-gpus").keynote.slug == (
        "swami-sivasubramanian-keynote"
    )
    assert Announcement.objects.get(slug="hyperpod-flexible-training-plans").keynote.slug == (
        "ceo-keynote"
    )


def test_deleting_one_announcement_and_moving_another_into_its_slot(tmp_path):
    records = without_announcement(base(), "aurora-dsql")
    moved = find(records, "announcement", slug="poolside-in-bedrock")["fields"]
    moved.update(keynote=[2024, "ceo-keynote"], position=6)

    load(2024, write(tmp_path, records))

    assert Announcement.objects.get(slug="poolside-in-bedrock").keynote.slug == "ceo-keynote"
    assert not Announcement.objects.filter(slug="aurora-dsql").exists()


def test_changing_a_row_another_year_shares_is_refused_then_forced(tmp_path):
    load(2022, write(tmp_path, records_for(2022)))
    records = records_for(2022)
    find(records, "speaker", slug="andy-jassy")["fields"]["bio"] = "A different bio."
    path = write(tmp_path, records, "changed.json")
    before = snapshot()

    with pytest.raises(CommandError) as refused:
        load(2022, path)

    assert str(refused.value) == (
        "2022's file changes rows that other years share:\n"
        "  speaker andy-jassy: bio differ from the version 2024 uses\n"
        "Keep the version 2024 uses: `manage.py export_year 2024` writes it into every year "
        "file that holds these rows.\n"
        "Or keep 2022's: `manage.py load_year 2022 --force`, then `manage.py export_year 2022` "
        "to bring the other years' files up to date."
    )
    assert snapshot() == before
    load(2022, path, "--force")
    assert Speaker.objects.get(slug="andy-jassy").bio == "A different bio."
    # 2024's guard knows the change came from a load, not from the admin: loading the
    # 2024 file now reports the disagreement between the files, not an admin edit.
    with pytest.raises(CommandError) as disagreement:
        call_command("load_year", "2024", stdout=StringIO())
    assert str(disagreement.value).startswith("2024's file changes rows that other years share")


def test_one_read_of_a_year_gives_instances_and_values_under_the_same_keys():
    year = YearRows.read(2024)

    assert year.values == year_records(2024)
    assert len(year.values[Announcement]) == 40
    for model in MODELS:
        assert year.rows[model].keys() == year.values[model].keys()
        for key, obj in year.rows[model].items():
            assert obj.natural_key() == key  # the models' natural keys and the loader's agree


def test_one_read_of_a_year_costs_the_same_few_queries_at_any_size(tmp_path):
    records = records_for(2022)
    for number in range(1, 201):
        extra = copy.deepcopy(find(records, "announcement", slug="aurora-dsql"))
        extra["fields"].update(slug=f"extra-{number}", position=100 + number)
        records.append(extra)
    load(2022, write(tmp_path, records))

    counts = {}
    for year in (2024, 2022):
        with CaptureQueriesContext(connection) as queries:
            rows = YearRows.read(year)
        counts[len(rows.rows[Announcement])] = len(queries)

    # The edition, its six kinds of rows, three link tables and three kinds of shared rows;
    # and for 2024, one more to name the 2023 announcements its own follow.
    assert counts == {40: 14, 240: 13}


def test_one_helper_knows_every_record_that_uses_a_shared_row():
    for model in SHARED:
        uses = [
            (owner, f.name) for owner in MODELS for f in FIELDS[owner] if f.related_model is model
        ]
        owner, relation, _ = USED_BY[model]
        assert uses == [(owner, relation)]


def test_the_parking_area_lies_above_every_valid_position_and_within_the_column():
    highest_valid = max(v.limit_value for v in POSITION_RANGE if isinstance(v, MaxValueValidator))
    for model in PARKED_MODELS:
        field = model._meta.get_field("position")
        area = parking_area(model)

        assert len(area) > 0
        assert min(area) > highest_valid
        field.run_validators(highest_valid)
        with pytest.raises(ValidationError):
            field.run_validators(min(area))  # no valid row can stand in the parking area
        assert max(area) == 32767  # a smallint column's limit, on every database


def test_parking_more_rows_than_the_area_holds_is_refused():
    rows = [Announcement() for _ in range(len(parking_area(Announcement)) + 1)]

    with pytest.raises(ValueError, match="Cannot park 22769 announcements"):
        park(Announcement, rows)
