"""Vietnam's one time zone, the project's only definition of it: UTC+7 (Asia/Ho_Chi_Minh, no daylight saving
since 1975). A fixed offset rather than ``zoneinfo``, so that Windows desks need no tz database.

The desk, the server and the forms all count days, cut-off times and "today" in this time.
"""

from __future__ import annotations

import datetime as dt

VIETNAM_TIME = dt.timezone(dt.timedelta(hours=7), "ICT")


def vietnam_time(value: dt.datetime) -> dt.datetime:
    """``value`` as an aware datetime in Vietnamese time (naive values are taken as already local)."""
    if not isinstance(value, dt.datetime):
        raise TypeError(f"expected a datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        return value.replace(tzinfo=VIETNAM_TIME)
    return value.astimezone(VIETNAM_TIME)


def vietnam_today(now: dt.datetime) -> dt.date:
    """The day in Vietnam at the aware instant ``now`` (a naive time is refused: its day is ambiguous)."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("the clock must give timezone-aware times")
    return now.astimezone(VIETNAM_TIME).date()
