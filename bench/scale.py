"""Scale: query counts and cold render time with one generated year and with twenty.

Each size gets its own database; pages are rendered in-process with the page cache
off, so the time is the database and Django's work alone: once more with the catalog
unchanged, and right after an edit.
"""

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILTERED = (
    "/announcements/?year=2030&topic=storage&service=amazon-s3&availability=unspecified&q=keynote"
)
PAGES = [
    ("home", "/"),
    ("edition", "/2030/"),
    ("keynote page", "/2030/keynotes/keynote-01/"),
    ("announcement page", "/2030/announcements/keynote-01-item-0001/"),
    ("announcements", "/announcements/"),
    ("announcements, 3 filters + q", FILTERED),
    ("announcements.json", "/announcements.json"),
    ("keynotes", "/keynotes/"),
    ("speakers", "/speakers/"),
]


def measure(repeats=7):
    """In a process whose DATABASE_URL holds the data:
    {page: (queries, median ms, median ms right after an edit)}.

    Repeated renders reuse what a list keeps per catalog version (events/memo.py); the
    first render after an edit computes it afresh, as after every curator's save.
    """
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from events.models import CatalogVersion

    client = Client(HTTP_HOST="localhost")
    results = {}
    for name, path in PAGES:
        client.get(path)  # connect, warm Python's own caches
        with CaptureQueriesContext(connection) as context:
            response = client.get(path)
        queries = len(context.captured_queries)  # read now: the next request resets the log
        assert response.status_code == 200, (path, response.status_code)
        timings = []
        for _ in range(repeats):
            started = time.perf_counter()
            client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
        after_edit = []
        for _ in range(repeats):
            CatalogVersion.bump()
            started = time.perf_counter()
            client.get(path)
            after_edit.append((time.perf_counter() - started) * 1000)
        results[name] = (queries, statistics.median(timings), statistics.median(after_edit))
    return results


def run(workdir, sizes=(1, 20)):
    from bench.years import write_year

    results = {}
    for size in sizes:
        env = {
            **os.environ,
            "DJANGO_DEBUG": "off",
            "DJANGO_PAGE_CACHE": "off",
            "DJANGO_SETTINGS_MODULE": "reinvent.settings",
            "DATABASE_URL": f"sqlite:///{workdir / f'scale-{size}.sqlite3'}",
        }
        if os.environ.get("DATABASE_URL"):
            env["DATABASE_URL"] = os.environ["DATABASE_URL"]
        manage = [sys.executable, "manage.py"]
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        subprocess.run([*manage, "flush", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        for year in range(2030, 2030 + size):
            path = write_year(workdir / f"scale-{year}.json", year, announcements=2000)
            subprocess.run(
                [*manage, "load_year", str(year), "--file", str(path), "--force", "-v0"],
                cwd=ROOT,
                env=env,
                check=True,
            )
        output = subprocess.run(
            [sys.executable, "-m", "bench.scale", "measure"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        results[size] = json.loads(output.strip().splitlines()[-1])
    return results


if __name__ == "__main__" and sys.argv[1:] == ["measure"]:
    print(json.dumps(measure()))
