"""Dates as readers and UN offices write them: "27 November 2026", never ISO in prose.

English month names on any locale (`strftime("%B")` follows the machine's locale), shared by the
reference style, the cite box and the submission export.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["MONTH_NAMES", "long_date"]

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


def long_date(day: dt.date) -> str:
    """`27 November 2026` (no leading zero)."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"
