import datetime as dt

import pytest

from events.templatetags.catalog import date_range


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (dt.date(2024, 12, 2), dt.date(2024, 12, 6), "2–6 December 2024"),
        (dt.date(2023, 11, 27), dt.date(2023, 12, 1), "27 November – 1 December 2023"),
        (dt.date(2030, 12, 30), dt.date(2031, 1, 2), "30 December 2030 – 2 January 2031"),
    ],
)
def test_date_range_names_month_and_year_once_when_shared(start, end, expected):
    assert date_range(start, end) == expected
