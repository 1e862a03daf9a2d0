"""Report data: the register's dossiers for a date range and on-time statistics per procedure (pure, no Qt).

A dossier's *timeliness* compares the day its result was returned (Vietnamese time) with its appointment:
before it is early, on that day on time, after it late. A dossier still out is late once its appointment has
passed (it is already overdue) and otherwise still pending. Refused, withdrawn and stopped dossiers, and
dossiers without an appointment, have no timeliness and are left out of the statistics.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from dossiers.appointments import days_late, is_overdue, vietnam_time, working_days_late
from dossiers.dossier import Dossier
from dossiers.lifecycle import Status
from dossiers.official_forms import short_date
from dossiers.working_calendar import WorkingCalendar

CLOSED_WITHOUT_RESULT = frozenset({Status.REFUSED, Status.WITHDRAWN, Status.STOPPED})


class Timeliness(StrEnum):
    EARLY = "early"
    ON_TIME = "on_time"
    LATE = "late"
    PENDING = "pending"
    """Not returned yet, appointment not passed."""
    NOT_COUNTED = "not_counted"
    """Refused, withdrawn, stopped, or no appointment."""


def _check_range(start: dt.date, end: dt.date) -> None:
    for name, value in (("start", start), ("end", end)):
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            raise TypeError(f"the report's {name} is a date, not {type(value).__name__}")
    if end < start:
        raise ValueError("the report's end date is before its start date")


def received_day(dossier: Dossier) -> dt.date:
    """The day a dossier was received, in Vietnamese time."""
    return vietnam_time(dossier.received_at).date()


def in_period(dossier: Dossier, start: dt.date, end: dt.date) -> bool:
    """Whether ``dossier`` was received between ``start`` and ``end`` (both included, Vietnamese time)."""
    _check_range(start, end)
    return start <= received_day(dossier) <= end


def register_dossiers(dossiers: Iterable[Dossier], start: dt.date, end: dt.date) -> list[Dossier]:
    """The dossiers received in the period, in register order (register line, then time received)."""
    _check_range(start, end)
    chosen = [d for d in dossiers if start <= received_day(d) <= end]
    chosen.sort(
        key=lambda d: (
            d.register_line is None,
            d.register_line or 0,
            vietnam_time(d.received_at),
            d.dossier_id,
        )
    )
    return chosen


def period_text(start: dt.date, end: dt.date) -> str:
    """``Từ ngày 01/09/2025 đến ngày 30/09/2025`` (or one day)."""
    _check_range(start, end)
    if start == end:
        return f"Ngày {short_date(start)}"
    return f"Từ ngày {short_date(start)} đến ngày {short_date(end)}"


def timeliness(dossier: Dossier, now: dt.datetime) -> Timeliness:
    """Early, on time, late, still pending, or not counted (see the module docstring)."""
    if dossier.status in CLOSED_WITHOUT_RESULT or dossier.appointment is None:
        return Timeliness.NOT_COUNTED
    appointment = dossier.appointment
    if dossier.returned_at is None:
        return Timeliness.LATE if is_overdue(appointment, now) else Timeliness.PENDING
    returned = vietnam_time(dossier.returned_at).date()
    if returned < appointment:
        return Timeliness.EARLY
    if returned == appointment:
        return Timeliness.ON_TIME
    return Timeliness.LATE


@dataclass(frozen=True, slots=True)
class ProcedureStats:
    """On-time figures of one procedure (or of all, with ``procedure_code == ""``)."""

    procedure_code: str
    procedure_name: str
    early: int = 0
    on_time: int = 0
    late: int = 0
    pending: int = 0
    late_days: int = 0
    """Calendar days late, summed over the late dossiers (returned late or still overdue)."""
    late_working_days: int = 0

    @property
    def finished_or_due(self) -> int:
        """Dossiers whose timeliness is known: early + on time + late."""
        return self.early + self.on_time + self.late

    @property
    def total(self) -> int:
        return self.finished_or_due + self.pending

    @property
    def on_time_share(self) -> float | None:
        """(early + on time) / (early + on time + late); ``None`` when nothing is known yet."""
        known = self.finished_or_due
        return None if known == 0 else (self.early + self.on_time) / known

    def plus(self, other: ProcedureStats) -> ProcedureStats:
        return ProcedureStats(
            self.procedure_code,
            self.procedure_name,
            self.early + other.early,
            self.on_time + other.on_time,
            self.late + other.late,
            self.pending + other.pending,
            self.late_days + other.late_days,
            self.late_working_days + other.late_working_days,
        )


def on_time_statistics(
    dossiers: Iterable[Dossier], now: dt.datetime, calendar: WorkingCalendar
) -> tuple[ProcedureStats, ...]:
    """Early / on time / late / pending per procedure, ordered by procedure code; uncounted ones left out."""
    if not isinstance(calendar, WorkingCalendar):
        raise TypeError(f"expected a WorkingCalendar, got {type(calendar).__name__}")
    by_code: dict[str, ProcedureStats] = {}
    for dossier in dossiers:
        kind = timeliness(dossier, now)
        if kind is Timeliness.NOT_COUNTED:
            continue
        one = ProcedureStats(dossier.procedure_code, dossier.procedure_name)
        if kind is Timeliness.EARLY:
            one = ProcedureStats(one.procedure_code, one.procedure_name, early=1)
        elif kind is Timeliness.ON_TIME:
            one = ProcedureStats(one.procedure_code, one.procedure_name, on_time=1)
        elif kind is Timeliness.PENDING:
            one = ProcedureStats(one.procedure_code, one.procedure_name, pending=1)
        else:
            assert dossier.appointment is not None
            one = ProcedureStats(
                one.procedure_code,
                one.procedure_name,
                late=1,
                late_days=days_late(dossier.appointment, now, dossier.returned_at),
                late_working_days=working_days_late(dossier.appointment, now, dossier.returned_at, calendar),
            )
        held = by_code.get(dossier.procedure_code)
        by_code[dossier.procedure_code] = one if held is None else held.plus(one)
    return tuple(by_code[code] for code in sorted(by_code))


def overall(stats: Iterable[ProcedureStats]) -> ProcedureStats:
    """The sum of every procedure's figures (``procedure_code`` empty)."""
    total = ProcedureStats("", "")
    for row in stats:
        total = total.plus(row)
    return total
