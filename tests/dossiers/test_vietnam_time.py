"""Vietnam's one time zone (``dossiers.vietnam_time``)."""

from __future__ import annotations

import datetime as dt

import pytest

from dossiers.vietnam_time import VIETNAM_TIME, vietnam_time, vietnam_today


def test_vietnam_today_is_utc_plus_7() -> None:
    assert vietnam_today(dt.datetime(2026, 3, 1, 16, 59, tzinfo=dt.UTC)) == dt.date(2026, 3, 1)
    assert vietnam_today(dt.datetime(2026, 3, 1, 17, 0, tzinfo=dt.UTC)) == dt.date(2026, 3, 2)
    with pytest.raises(ValueError, match="aware"):
        vietnam_today(dt.datetime(2026, 3, 1))


def test_naive_times_are_taken_as_vietnam_time_and_aware_ones_converted() -> None:
    assert vietnam_time(dt.datetime(2026, 3, 1, 9)).utcoffset() == dt.timedelta(hours=7)
    moved = vietnam_time(dt.datetime(2026, 3, 1, 17, tzinfo=dt.UTC))
    assert (moved.day, moved.hour, moved.tzinfo) == (2, 0, VIETNAM_TIME)
    with pytest.raises(TypeError):
        vietnam_time(dt.date(2026, 3, 1))  # type: ignore[arg-type]
