"""One way to write a date in prose: the timeline, the record tables and the briefs agree."""

from __future__ import annotations

import datetime as dt

from keepopen.dates import dated, long_date

DAY = dt.date(2020, 9, 5)


def test_a_date_is_as_precise_as_its_sources_and_never_zero_padded() -> None:
    assert dated(DAY) == long_date(DAY) == "5 September 2020"
    assert dated(DAY, "month") == "September 2020"
    assert dated(DAY, "year") == "2020"


def test_short_months_for_dense_listings() -> None:
    assert dated(DAY, short=True) == "5 Sep 2020"
    assert dated(dt.date(2026, 5, 1), "month", short=True) == "May 2026"
