"""Year files for tests that load data with `manage.py load_year YEAR --file PATH`.

None is read from `fixtures/`: the sample year is tests/catalog.py's, and a generated
year of any size shares the sample's topics, services and speakers, so loading both
exercises rows that two years use.
"""

from . import catalog
from .generated_years import SHARED_MODELS, generated_year, write_year_file


def write_sample_year(path):
    """Write the sample catalog (tests/catalog.py) as a year file; return its path."""
    return write_year_file(path, catalog.records())


def shared_records():
    """The sample's topics, services and speakers, as records another year can repeat."""
    return [r for r in catalog.records() if r["model"] in SHARED_MODELS]


def write_generated_year(path, year, **options):
    """Write a generated year around the sample's shared rows; return its path."""
    return write_year_file(path, generated_year(year, shared_records(), **options))
