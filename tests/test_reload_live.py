"""Reloading a year with real processes: readers through gunicorn, and a killed load.

These run against a fresh database of the configured kind (SQLite in WAL mode, or
PostgreSQL), with load_year in its own process as an operator would run it, on year
files the tests write: the sample catalog (tests/catalog.py) and generated years.
"""

import json
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest

from . import catalog as sample
from .live import BASE, environment, fresh_database, gunicorn, load_sample, manage
from .year_files import write_generated_year, write_year_file

pytestmark = pytest.mark.live

PAGES = [
    "/",
    "/2024/",
    "/2024/keynotes/ceo-keynote/",
    "/announcements/?year=2024&topic=storage",
    "/announcements.json?year=2024",
    "/keynotes.json",
]


def smaller_sample(path):
    """The sample year without its last announcement and with a changed title."""
    records = sample.records()
    announcements = [r for r in records if r["model"] == "events.announcement"]
    records.remove(announcements[-1])
    announcements[0]["fields"]["title"] += " (revised)"
    return write_year_file(path, records)


def test_reads_keep_answering_while_a_year_reloads(tmp_path):
    other = smaller_sample(tmp_path / "sample-smaller.json")
    with fresh_database(tmp_path) as database_url:
        manage(database_url, "migrate", "--noinput", "-v0")
        whole = load_sample(database_url, tmp_path)
        with gunicorn(database_url, workers=3) as url:
            stop = threading.Event()
            outcomes = []
            counts = set()

            def read(offset):
                n = offset
                while not stop.is_set():
                    page = PAGES[n % len(PAGES)]
                    n += 1
                    try:
                        with urllib.request.urlopen(url + page, timeout=30) as response:
                            body = response.read()
                            outcomes.append(response.status)
                            if page.startswith("/announcements.json"):
                                counts.add(json.loads(body)["count"])
                    except urllib.error.HTTPError as error:
                        outcomes.append(error.code)
                    except OSError as error:
                        outcomes.append(repr(error))

            readers = [threading.Thread(target=read, args=(i,)) for i in range(4)]
            for reader in readers:
                reader.start()
            try:
                for round_ in range(6):
                    path = other if round_ % 2 == 0 else whole
                    result = manage(database_url, "load_year", "2024", "--file", str(path))
                    assert "Loaded 2024:" in result.stdout
            finally:
                stop.set()
                for reader in readers:
                    reader.join()

    failures = [outcome for outcome in outcomes if outcome != 200]
    assert len(outcomes) > 50
    assert failures == []
    # A reader sees one whole version of the year or the other.
    assert counts <= {len(sample.ANNOUNCEMENTS) - 1, len(sample.ANNOUNCEMENTS)}


@pytest.mark.parametrize("delay", [0.15, 0.3, 0.45, 0.6, 0.9])
def test_a_load_killed_half_way_leaves_the_year_whole(tmp_path, delay):
    size = {"keynotes": 10, "announcements": 2000}
    before = write_generated_year(tmp_path / "before.json", 2030, revision=1, **size)
    after = write_generated_year(tmp_path / "after.json", 2030, revision=2, **size)
    with fresh_database(tmp_path) as database_url:
        manage(database_url, "migrate", "--noinput", "-v0")
        load_sample(database_url, tmp_path)  # another year, sharing speakers, topics, services
        manage(database_url, "load_year", "2030", "--file", str(before), "-v0")
        expected_before = manage(database_url, "export_year", "2030", "--output", "-").stdout

        process = subprocess.Popen(
            [sys.executable, "manage.py", "load_year", "2030", "--file", str(after), "-v0"],
            cwd=BASE,
            env=environment(database_url),
        )
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        exported = manage(database_url, "export_year", "2030", "--output", "-").stdout
        finished = process.returncode == 0
        manage(database_url, "load_year", "2030", "--file", str(after), "-v0", "--force")
        expected_after = manage(database_url, "export_year", "2030", "--output", "-").stdout

    assert exported in (expected_before, expected_after)
    assert finished or exported == expected_before
    assert expected_before != expected_after
