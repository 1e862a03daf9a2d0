"""Appointment dates (hẹn trả kết quả), apology and extension dates, and lateness, from a working calendar.

Times are Vietnam time (``dossiers.vietnam_time``): a naive datetime is taken as Vietnamese local time; an
aware one is converted to it. Lateness is counted in whole local days: a result returned on the appointment
day, at any hour, is on time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from dossiers.processing_time import ProcessingTime, TimeKind
from dossiers.vietnam_time import VIETNAM_TIME, vietnam_time
from dossiers.working_calendar import OffDay, WorkingCalendar, require_date


class ReasonCode(StrEnum):
    RECEIVED_ON_DAY_OFF = "received_on_day_off"
    """Received on a day that is not a working day (``off`` says why): counted from the next working day."""
    AFTER_CUTOFF = "after_cutoff"
    """Received at or after the cut-off (``at``, ``limit``): counted from the next working day."""
    AFTER_CLOSING = "after_closing"
    """Received at or after the desk's closing time (``at``, ``limit``): counted from the next working day."""
    SAME_DAY = "same_day"
    """A same-day procedure: due on the day it counts as received (``day``)."""
    RECEIPT_DAY_COUNTED = "receipt_day_counted"
    """``count`` working days, the first being the day counted as the receipt day (``day``)."""
    RECEIPT_DAY_NOT_COUNTED = "receipt_day_not_counted"
    """``count`` working days after the day counted as the receipt day (``day``)."""
    DAY_SKIPPED = "day_skipped"
    """A day that is not a working day lies before the due date (``off`` says why)."""
    MAKE_UP_DAY_COUNTED = "make_up_day_counted"
    """A make-up working day (e.g. a worked Saturday) was counted (``day``)."""


@dataclass(frozen=True, slots=True)
class Reason:
    """One machine-readable step of an explanation; the UI words it from ``code`` and the fields set."""

    code: ReasonCode
    day: dt.date | None = None
    at: dt.time | None = None
    limit: dt.time | None = None
    off: OffDay | None = None
    count: int | None = None


@dataclass(frozen=True, slots=True)
class Appointment:
    """When a result is due: ``due`` (the date on Mẫu 01) and ``return_by`` (the desk's closing time then)."""

    received_at: dt.datetime
    counted_from: dt.date
    due: dt.date
    return_by: dt.datetime
    reasons: tuple[Reason, ...]


def _check_calendar(calendar: object) -> WorkingCalendar:
    if not isinstance(calendar, WorkingCalendar):
        raise TypeError("calendar must be a WorkingCalendar")
    return calendar


def due_date(received_at: dt.datetime, rule: ProcessingTime, calendar: WorkingCalendar) -> Appointment:
    """The appointment for a complete dossier received at ``received_at`` under ``rule``.

    A dossier received on a day that is not a working day, at or after the rule's cut-off, or at or after
    the desk's closing time counts as received on the next working day. A same-day procedure is then due
    that day; an N-day procedure N working days later (N - 1 if ``rule.receipt_day_counts``).
    """
    if not isinstance(rule, ProcessingTime):
        raise TypeError("rule must be a ProcessingTime")
    _check_calendar(calendar)
    received = vietnam_time(received_at)
    day, at = received.date(), received.time().replace(tzinfo=None)
    reasons: list[Reason] = []

    if not calendar.is_working_day(day):
        reasons.append(Reason(ReasonCode.RECEIVED_ON_DAY_OFF, day=day, at=at, off=calendar.off_day(day)))
        start = calendar.next_working_day(day)
    else:
        closing = calendar.opening_on(day)[-1].end
        if rule.cutoff is not None and at >= rule.cutoff:
            reasons.append(Reason(ReasonCode.AFTER_CUTOFF, day=day, at=at, limit=rule.cutoff))
            start = calendar.next_working_day(day)
        elif at >= closing:
            reasons.append(Reason(ReasonCode.AFTER_CLOSING, day=day, at=at, limit=closing))
            start = calendar.next_working_day(day)
        else:
            start = day

    if rule.kind is TimeKind.SAME_DAY:
        due = start
        reasons.append(Reason(ReasonCode.SAME_DAY, day=start))
    elif rule.receipt_day_counts:
        due = calendar.add_working_days(start, rule.working_days - 1)
        reasons.append(Reason(ReasonCode.RECEIPT_DAY_COUNTED, day=start, count=rule.working_days))
    else:
        due = calendar.add_working_days(start, rule.working_days)
        reasons.append(Reason(ReasonCode.RECEIPT_DAY_NOT_COUNTED, day=start, count=rule.working_days))

    for ordinal in range(day.toordinal() + 1, due.toordinal() + 1):
        between = dt.date.fromordinal(ordinal)
        off = calendar.off_day(between)
        if off is not None:
            reasons.append(Reason(ReasonCode.DAY_SKIPPED, day=between, off=off))
        elif calendar.is_make_up_day(between):
            reasons.append(Reason(ReasonCode.MAKE_UP_DAY_COUNTED, day=between))

    closing_due = calendar.opening_on(due)[-1].end
    return_by = dt.datetime.combine(due, closing_due, tzinfo=VIETNAM_TIME)
    return Appointment(received, start, due, return_by, tuple(reasons))


def apology_due(appointment_date: dt.date, calendar: WorkingCalendar) -> dt.date:
    """The last day to issue the apology and extension letter (Mẫu 04): the latest working day on or
    before the original appointment date."""
    require_date(appointment_date, "appointment_date")
    return _check_calendar(calendar).working_day_on_or_before(appointment_date)


def extended_due_date(original: dt.date, extra_working_days: int, calendar: WorkingCalendar) -> dt.date:
    """The new appointment date after extending ``original`` by ``extra_working_days`` (at least one)."""
    require_date(original, "original")
    if isinstance(extra_working_days, bool) or not isinstance(extra_working_days, int):
        raise TypeError("extra_working_days must be an integer")
    if extra_working_days < 1:
        raise ValueError("an extension needs at least one working day")
    return _check_calendar(calendar).add_working_days(original, extra_working_days)


def _end_day(appointment: dt.date, now: dt.datetime, returned_at: dt.datetime | None) -> dt.date:
    require_date(appointment, "appointment")
    now_local = vietnam_time(now)
    return vietnam_time(returned_at).date() if returned_at is not None else now_local.date()


def is_overdue(appointment: dt.date, now: dt.datetime, returned_at: dt.datetime | None = None) -> bool:
    """Whether the result was returned after the appointment date, or is still out after it."""
    return _end_day(appointment, now, returned_at) > appointment


def days_late(appointment: dt.date, now: dt.datetime, returned_at: dt.datetime | None = None) -> int:
    """Calendar days between the appointment date and the return (or today if not returned); 0 if on time."""
    return max(0, (_end_day(appointment, now, returned_at) - appointment).days)


def working_days_late(
    appointment: dt.date, now: dt.datetime, returned_at: dt.datetime | None, calendar: WorkingCalendar
) -> int:
    """Working days after the appointment date up to the return (or today); 0 if on time.

    A result returned on a weekend right after a Friday appointment is overdue yet 0 working days late.
    """
    end = _end_day(appointment, now, returned_at)
    if end <= appointment:
        return 0
    return _check_calendar(calendar).working_days_between(appointment, end)
