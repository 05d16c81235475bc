"""Cold pages at one year and at twenty-one, on SQLite and on PostgreSQL.

Cold means the page cache is off (DJANGO_PAGE_CACHE=0): every request renders from the
database, as every page does after an edit and every new filter combination does the
first time. One year is the committed 2024 file alone; twenty-one years are that and
twenty generated years of 2,000 announcements each. Each list and data page is measured
with wrk against the static file served by the same gunicorn in the same run, and its
rate at twenty-one years is set against its rate at one.
"""

import json
import os
import sys
from pathlib import Path

from bench import http
from bench.years import FIXTURE_2024, write_year

ROOT = Path(__file__).resolve().parent.parent
WORKERS = "2"
STATIC_GOAL = 0.05
SCALE_GOAL = 0.5
GENERATED_YEARS = range(2030, 2050)

PAGES = [
    ("/announcements/", "/announcements/"),
    ("/announcements/?q=metadata", "/announcements/?q=metadata"),
    ("/keynotes/", "/keynotes/"),
    ("/speakers/", "/speakers/"),
    ("/announcements.json", "/announcements.json"),
    ("/announcements.atom", "/announcements.atom"),
]


ANALYZE = (
    "from django.db import connection; "
    "tables = [t for t in connection.introspection.table_names() if t.startswith('events_')]; "
    "connection.cursor().execute('ANALYZE ' + ', '.join(tables))"
)


def one_year_file(path):
    """The 2024 file as a catalog of its own: without its links to 2023's announcements,
    which a database holding 2024 alone cannot resolve."""
    records = json.loads(FIXTURE_2024.read_text(encoding="utf-8"))
    for record in records:
        if record["model"] == "events.announcement":
            record["fields"]["follows"] = []
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


def postgres_url():
    """A fresh PostgreSQL database for the benchmark, or None when no server answers."""
    base = os.environ.get(
        "BENCH_POSTGRES_URL", "postgres://reinvent:reinvent@127.0.0.1:5432/reinvent"
    )
    import dj_database_url
    import psycopg

    settings = dj_database_url.parse(base)
    name = f"{settings['NAME']}_bench"
    try:
        with psycopg.connect(
            host=settings["HOST"] or "127.0.0.1",
            port=settings["PORT"] or 5432,
            user=settings["USER"],
            password=settings["PASSWORD"],
            dbname="postgres",
            autocommit=True,
        ) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as error:
        print(f"PostgreSQL not measured: {error}".strip(), flush=True)
        return None
    return base.rsplit("/", 1)[0] + f"/{name}"


def measure(env, seconds, connections):
    """{page: (rps, p50, p99, ratio)} with the page cache off, and the static ceiling."""
    env = {**env, "DJANGO_PAGE_CACHE": "0", "WEB_CONCURRENCY": WORKERS}
    return http.against_static(env, 8733, PAGES, seconds, connections)


def run_database(workdir, database_url, seconds, connections):
    """{1: results, 21: results} for one database, loaded one year then twenty more."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "off",
        "DJANGO_HTTPS": "on",
        "DJANGO_CACHE_DIR": str(workdir / "cold-cache"),
    }
    http.manage(env, "migrate", "--noinput", "-v0")
    http.manage(env, "collectstatic", "--noinput", "-v0")
    one = one_year_file(workdir / "reinvent-2024-alone.json")
    http.manage(env, "load_year", "2024", "--file", str(one), "--force", "-v0")
    sizes = {1: measure(env, seconds, connections)}
    for year in GENERATED_YEARS:
        path = write_year(workdir / f"cold-{year}.json", year, announcements=2000)
        http.manage(env, "load_year", str(year), "--file", str(path), "--force", "-v0")
    if database_url.startswith("postgres"):
        # As autovacuum would within a minute of the load: the planner learns the new sizes.
        http.manage(env, "shell", "-c", ANALYZE)
    sizes[21] = measure(env, seconds, connections)
    return sizes


def table(database, sizes):
    """Markdown rows for one database, and the goals each page missed."""
    one, many = sizes[1], sizes[21]
    rows = [
        f"### {database}",
        "",
        f"Ceiling (static CSS): {one['static'][0]:,.0f} requests/s at 1 year, "
        f"{many['static'][0]:,.0f} at 21 years.",
        "",
        "| page | req/s, 1 year | ratio to static | req/s, 21 years | ratio to static "
        "| 21 years ÷ 1 year | p99 ms, 21 years |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    misses = []
    for name, _ in PAGES:
        rps1, _, _, ratio1 = one[name]
        rps21, _, p99, ratio21 = many[name]
        kept = ratio21 / ratio1
        rows.append(
            f"| `{name}` | {rps1:,.0f} | {ratio1:.3f} | {rps21:,.0f} | {ratio21:.3f} "
            f"| {kept:.2f} | {p99:.1f} |"
        )
        if ratio1 < STATIC_GOAL:
            misses.append(f"{database} {name} at {ratio1:.3f}x static")
        if kept < SCALE_GOAL:
            misses.append(f"{database} {name} keeps {kept:.2f} of its one-year rate")
    return rows, misses


def run(workdir, seconds=5, connections=8):
    """The cold section of docs/benchmarks.md, as lines."""
    databases = [("SQLite", f"sqlite:///{workdir / 'cold.sqlite3'}")]
    url = postgres_url()
    if url:
        databases.append(("PostgreSQL", url))
    lines = [
        f"gunicorn with {WORKERS} workers, page cache off; wrk, {connections} connections, "
        f"{seconds} s a page. One year: the 2024 file alone (40 announcements). 21 years: "
        "that and 20 generated years of 2,000 announcements (40,040). The ratio is to the "
        "static file in the same run; the kept share divides the ratio at 21 years by "
        "the ratio at one, so it is 1.00 when the catalog's size costs nothing.",
        "",
    ]
    misses = []
    for database, database_url in databases:
        print(f"Cold pages on {database}: 1 year, then 21…", flush=True)
        sizes = run_database(workdir, database_url, seconds, connections)
        rows, missed = table(database, sizes)
        print("\n".join(rows), "\n", flush=True)
        lines += [*rows, ""]
        misses += missed
    if len(databases) < 2:
        misses.append("PostgreSQL was not measured (no server answered)")
    goal = (
        f"Goal: every page at least {STATIC_GOAL}x the static file at one year, and at 21 "
        f"years at least {SCALE_GOAL:.0%} of its one-year ratio: "
    )
    lines.append(goal + ("met." if not misses else "missed for " + "; ".join(misses) + "."))
    return lines


if __name__ == "__main__":
    import tempfile

    print("\n".join(run(Path(tempfile.mkdtemp(prefix="reinvent-cold-")), int(sys.argv[1]))))
