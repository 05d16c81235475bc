"""Benchmark: load a generated year of 2,000 announcements with load_year.

Run with `make bench` (or `python -m bench.load_year`). Uses DATABASE_URL when set,
otherwise a temporary SQLite file, so it never touches the site's own database.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 3.0


def main():
    workdir = Path(tempfile.mkdtemp(prefix="reinvent-bench-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reinvent.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench.years import write_year
    from events.loading import load_year

    call_command("migrate", verbosity=0)
    for year in ("2023", "2024"):  # 2024 follows announcements of 2023
        call_command("load_year", year, verbosity=0, force=True)
    path = write_year(workdir / "reinvent-2030.json", 2030, keynotes=10, announcements=2000)
    changed = workdir / "reinvent-2030-changed.json"
    changed.write_text(
        path.read_text().replace("about storage and databases", "about storage, now changed", 200)
    )

    rows = []
    for label, file in [
        ("first load (2,000 created)", path),
        ("same file again (no change)", path),
        ("200 announcements changed", changed),
    ]:
        started = time.perf_counter()
        load_year(2030, file, force=True)
        rows.append((label, time.perf_counter() - started))

    print(f"load_year benchmark on {connection.vendor}, 2,000 announcements in 10 keynotes")
    print(f"{'case':<32} {'seconds':>8} {'of target':>10}")
    for label, seconds in rows:
        print(f"{label:<32} {seconds:>8.2f} {seconds / TARGET_SECONDS:>9.0%}")
    worst = max(seconds for _, seconds in rows)
    print(f"target: under {TARGET_SECONDS:.0f} s; slowest case {worst:.2f} s")
    return 0 if worst < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
