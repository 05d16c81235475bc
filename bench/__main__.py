"""`make bench`: every measurement, printed and written to docs/benchmarks.md.

Environment: BENCH_SECONDS (per wrk run, default 5), BENCH_CONNECTIONS (default 8),
DATABASE_URL (default: temporary SQLite files), WEB_CONCURRENCY (gunicorn workers).
"""

import datetime as dt
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import cold, http, scale

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "docs" / "benchmarks.md"
WARM_GOAL = 0.6
SCALE_GOAL = 2.0


def machine():
    cpu = "unknown processor"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    database = os.environ.get("DATABASE_URL", "sqlite").split(":", 1)[0]
    return (
        f"{os.cpu_count()} cores, {cpu}; Python {platform.python_version()}; "
        f"database {database}; gunicorn workers "
        f"{os.environ.get('WEB_CONCURRENCY', 2 * (os.cpu_count() or 1) + 1)}"
    )


def main():
    seconds = int(os.environ.get("BENCH_SECONDS", "5"))
    connections = int(os.environ.get("BENCH_CONNECTIONS", "8"))
    workdir = Path(tempfile.mkdtemp(prefix="reinvent-bench-"))
    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench` on {dt.date.today():%d %B %Y}: {machine()}.",
        "",
    ]

    print("Loading a generated year of 2,000 announcements…", flush=True)
    load = subprocess.run(
        [sys.executable, "-m", "bench.load_year"], cwd=ROOT, capture_output=True, text=True
    )
    print(load.stdout)
    lines += ["## load_year", "", "```", load.stdout.strip(), "```", ""]

    print("HTTP: 2023, 2024 and three generated years of 2,000 announcements…", flush=True)
    env = http.prepare(workdir, years=[2030, 2031, 2032])
    rows = http.run(env, seconds=seconds, connections=connections)
    table = [
        f"wrk, {connections} connections, {seconds} s a page; ratio = requests/s ÷ the static "
        "file's requests/s in the same run. Warm: page cache on.",
        "",
        "| cache | page | requests/s | p50 ms | p99 ms | ratio to static |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    misses = []
    for label, name, (rps, p50, p99), ratio in rows:
        table.append(f"| {label} | {name} | {rps:,.0f} | {p50:.2f} | {p99:.2f} | {ratio:.2f} |")
        if label == "warm" and ratio < WARM_GOAL:
            misses.append(f"{name} warm at {ratio:.2f}x")
    goal = f"Goal: every page at least {WARM_GOAL}x the static file with a warm cache: "
    goal += "met." if not misses else "missed for " + ", ".join(misses) + "."
    table += ["", goal]
    print("\n".join(table), "\n")
    lines += ["## Pages under load, warm", "", *table, ""]

    lines += ["## Cold pages: 1 year and 21, SQLite and PostgreSQL", ""]
    lines += cold.run(workdir, seconds=seconds, connections=connections)
    lines.append("")

    print("Scale: one generated year against twenty…", flush=True)
    sizes = scale.run(workdir)
    one, twenty = sizes[1], sizes[20]
    table = [
        "Cold render in-process (page cache off), median of 7; SQL queries per request. "
        "Again: the catalog unchanged since the last render, so a list reuses what it keeps "
        "per catalog version. After an edit: the first render after a change, which "
        "computes all of it afresh.",
        "",
        "| page | queries, again | ms again, 1 year | ms again, 20 years | ratio "
        "| ms after an edit, 1 year | ms after an edit, 20 years |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name in one:
        q1, t1, e1 = one[name]
        q20, t20, e20 = twenty[name]
        queries = q1 if q1 == q20 else f"{q1} / {q20}"
        table.append(
            f"| {name} | {queries} | {t1:.1f} | {t20:.1f} | {t20 / t1:.2f} | {e1:.1f} | {e20:.1f} |"
        )
    name = "announcements, 3 filters + q"
    ratio = twenty[name][1] / one[name][1]
    same_queries = all(one[n][0] == twenty[n][0] for n in one)
    table += [
        "",
        f"Filtered list, 20 years against 1: {ratio:.2f}x (goal: within {SCALE_GOAL}x): "
        + ("met." if ratio <= SCALE_GOAL else "missed.")
        + (
            " Query counts are the same at both sizes."
            if same_queries
            else " Query counts differ between sizes!"
        ),
    ]
    print("\n".join(table))
    lines += ["## Scale: 2,000 announcements a year, 1 year against 20", "", *table, ""]

    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"\nWrote {REPORT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
