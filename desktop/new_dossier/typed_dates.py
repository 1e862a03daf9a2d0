"""Dates typed at the desk as DD/MM/YYYY."""

from __future__ import annotations

import datetime as dt
import re

_TYPED = re.compile(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*")


class TypedDateError(ValueError):
    """A typed date is not DD/MM/YYYY (``problem="format"``) or not a real date (``problem="impossible"``)."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def parse_typed_date(text: str) -> dt.date:
    """``13/02/2026`` → ``date(2026, 2, 13)``; ``31/02/2026`` raises ``TypedDateError("impossible")``."""
    match = _TYPED.fullmatch(text)
    if match is None:
        raise TypedDateError("format")
    day, month, year = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise TypedDateError("impossible") from None


def format_typed_date(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"
