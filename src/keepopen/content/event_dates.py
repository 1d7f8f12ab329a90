"""An event's date as readers see it, and the order events are listed in.

One place, so the timeline, the theme and model pages and any other listing agree: a date is
never shown more precisely than the sources give it.
"""

from __future__ import annotations

from keepopen.content.model import Event
from keepopen.dates import dated

__all__ = ["date_label", "event_order"]


def date_label(event: Event, short: bool = True) -> str:
    """`15 Sep 2020`, `Aug 2025` or `2025`, as precise as the sources allow (`short=False`:
    `15 September 2020`). English month names whatever the machine's locale."""
    return dated(event.date, event.date_precision, short)


def event_order(event: Event) -> tuple[int, int, int, int]:
    """Sort key: by date; an event known only to the month (or year) after the dated ones in it."""
    d = event.date
    if event.date_precision == "year":
        return (d.year, 13, 32, 2)
    if event.date_precision == "month":
        return (d.year, d.month, 32, 1)
    return (d.year, d.month, d.day, 0)
