"""Generated year files of any size, for benchmarks and scale tests.

The years are the tests' generated years (tests/generated_years.py), built around the
committed 2024 file's topics, services and speakers: the benchmarks load that file
beside them, so they also exercise rows that several years share.
"""

import json
from pathlib import Path

from tests.generated_years import SHARED_MODELS, generated_year, write_year_file

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_2024 = ROOT / "fixtures" / "reinvent-2024.json"


def shared_2024():
    """The 2024 file's topics, services and speakers, as records another year repeats."""
    records = json.loads(FIXTURE_2024.read_text(encoding="utf-8"))
    return [record for record in records if record["model"] in SHARED_MODELS]


def write_year(path, year, **sizes):
    """Write a generated year of the given size; return its path."""
    return write_year_file(path, generated_year(year, shared_2024(), **sizes))
