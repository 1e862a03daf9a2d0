"""The statutory processing time of a procedure, as the catalogue states it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class TimeKind(StrEnum):
    SAME_DAY = "same_day"
    """Returned the day of receipt if received before the cut-off, else the next working day."""
    WORKING_DAYS = "working_days"
    """Returned after N working days."""


DEFAULT_CUTOFF = dt.time(15, 0)


@dataclass(frozen=True, slots=True)
class ProcessingTime:
    """How long a procedure takes by law.

    ``receipt_day_counts``: whether the day of receipt is the first of the N working days (unconfirmed by law,
    so a rule field). ``cutoff``: a dossier received at or after this hour counts as received on the next
    working day (same-day procedures; for N-day procedures too when set).
    """

    kind: TimeKind
    working_days: int = 0
    cutoff: dt.time | None = DEFAULT_CUTOFF
    receipt_day_counts: bool = False

    def __post_init__(self) -> None:
        if self.kind is TimeKind.SAME_DAY and self.working_days != 0:
            raise ValueError("a same-day processing time has no working days")
        if self.kind is TimeKind.WORKING_DAYS and self.working_days < 1:
            raise ValueError("a processing time in working days needs at least one day")

    @classmethod
    def same_day(cls, cutoff: dt.time = DEFAULT_CUTOFF) -> ProcessingTime:
        return cls(TimeKind.SAME_DAY, 0, cutoff)

    @classmethod
    def days(
        cls, n: int, *, receipt_day_counts: bool = False, cutoff: dt.time | None = None
    ) -> ProcessingTime:
        return cls(TimeKind.WORKING_DAYS, n, cutoff, receipt_day_counts)
