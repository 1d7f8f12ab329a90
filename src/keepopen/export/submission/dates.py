"""Dates as a UN office writes them: "27 November 2026", never ISO in a document."""

from __future__ import annotations

import datetime as dt

__all__ = ["long_date"]


def long_date(day: dt.date) -> str:
    """`27 November 2026` (no leading zero; English month names on any locale)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


_MONTHS = [
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
]
