"""Dates as readers and UN offices write them: "27 November 2026", never ISO in prose.

English month names on any locale (`strftime("%B")` follows the machine's locale), shared by the
reference style, the cite box and the submission export.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["MONTH_NAMES", "dated", "long_date"]

MONTH_NAMES: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def dated(day: dt.date, precision: str = "day", short: bool = False) -> str:
    """`27 November 2026`, `November 2026` or `2026` by `precision` (no leading zero);
    `short` writes the month in three letters (`27 Nov 2026`), as dense listings do."""
    month = MONTH_NAMES[day.month - 1][: 3 if short else None]
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return f"{month} {day.year}"
    return f"{day.day} {month} {day.year}"


def long_date(day: dt.date) -> str:
    """`27 November 2026` (no leading zero)."""
    return dated(day)
