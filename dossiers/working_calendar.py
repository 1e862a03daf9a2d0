"""The working-day calendar of a one-stop desk: public holidays, province days, the site's opening hours.

What counts as a working day, by priority (the first rule that applies wins):

1. a day off published by the province (``days_off``) is off;
2. a make-up working day published by the province (``make_up_days``) is a working day;
3. a Vietnamese public holiday or substituted day off known to the ``holidays`` package is off;
4. a weekend make-up working day known to the ``holidays`` package (e.g. Saturday 22 Aug 2026, worked in
   exchange for Monday 31 Aug 2026) is a working day;
5. otherwise the weekday decides: a weekday with opening hours that is not ``receive_only`` is a working day.

The calendar covers a configured span of whole years and answers every question from tables computed once,
so every computation is bounded; a date outside the span raises :class:`DateOutsideCalendar`, a search that
runs off the span raises :class:`NoWorkingDay`.
"""

from __future__ import annotations

import datetime as dt
import functools
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Literal

import holidays

from dossiers.errors import (
    CalendarSpanError,
    ConflictingCalendarDays,
    DateOutsideCalendar,
    InvalidOpeningHours,
    NoWorkingDay,
    NoWorkingWeekday,
)

MIN_YEAR = 2000
MAX_YEAR = 2100
MAX_SPAN_YEARS = 50

Language = Literal["vi", "en"]


def require_date(day: object, name: str = "day") -> dt.date:
    """A plain date (a datetime is refused: its time would be silently dropped)."""
    if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
        raise TypeError(f"{name} must be a datetime.date (not a datetime), got {type(day).__name__}")
    return day


@dataclass(frozen=True, slots=True)
class Session:
    """One opening period of a day, local time, e.g. 07:30–11:30."""

    start: dt.time
    end: dt.time

    def __post_init__(self) -> None:
        if not isinstance(self.start, dt.time) or not isinstance(self.end, dt.time):
            raise TypeError("a session's start and end must be datetime.time values")
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise InvalidOpeningHours("Opening hours must be local times, without a time zone.")
        if not self.start < self.end:
            raise InvalidOpeningHours("Each opening session must start before it ends.")


def _sessions(value: Iterable[Session | tuple[dt.time, dt.time]]) -> tuple[Session, ...]:
    result = tuple(s if isinstance(s, Session) else Session(*s) for s in value)
    for before, after in zip(result, result[1:], strict=False):
        if after.start < before.end:
            raise InvalidOpeningHours("The opening sessions of a day must be in order and must not overlap.")
    return result


MORNING = Session(dt.time(7, 30), dt.time(11, 30))
AFTERNOON = Session(dt.time(13, 30), dt.time(17, 0))


@dataclass(frozen=True, slots=True)
class OpeningHours:
    """When a site's desk is open, per weekday (Monday = 0).

    ``receive_only``: weekdays on which the desk receives dossiers but which do not count as working days
    (e.g. Saturday mornings in some communes; whether such a day counts is set per site). ``make_up``: the
    hours on a make-up working day that falls on a weekday without hours (a worked Saturday); by default
    the hours of the first working weekday.
    """

    week: tuple[tuple[Session, ...], ...]
    make_up: tuple[Session, ...] = ()
    receive_only: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        week = tuple(_sessions(day) for day in self.week)
        if len(week) != 7:
            raise InvalidOpeningHours("Opening hours need exactly seven weekdays, Monday first.")
        receive_only = frozenset(self.receive_only)
        if not receive_only <= {i for i, day in enumerate(week) if day}:
            raise InvalidOpeningHours("A receive-only weekday must have opening hours.")
        working = [i for i, day in enumerate(week) if day and i not in receive_only]
        if not working:
            raise NoWorkingWeekday()
        make_up = _sessions(self.make_up) or week[working[0]]
        object.__setattr__(self, "week", week)
        object.__setattr__(self, "receive_only", receive_only)
        object.__setattr__(self, "make_up", make_up)

    @classmethod
    def of(
        cls,
        days: Mapping[int, Sequence[Session | tuple[dt.time, dt.time]]],
        *,
        make_up: Sequence[Session | tuple[dt.time, dt.time]] = (),
        receive_only: Iterable[int] = (),
    ) -> OpeningHours:
        """Build from ``{weekday: [(start, end), ...]}``; weekdays left out are closed."""
        if not set(days) <= set(range(7)):
            raise InvalidOpeningHours("Weekdays are numbered 0 (Monday) to 6 (Sunday).")
        return cls(
            tuple(_sessions(days.get(i, ())) for i in range(7)), _sessions(make_up), frozenset(receive_only)
        )

    @classmethod
    def office(cls, *, saturday_morning: bool = False, saturday_counts: bool = False) -> OpeningHours:
        """Mon–Fri 07:30–11:30 and 13:30–17:00; optionally Saturday 07:30–11:30 (receive-only by default)."""
        days: dict[int, Sequence[Session]] = {i: (MORNING, AFTERNOON) for i in range(5)}
        if saturday_morning:
            days[5] = (MORNING,)
        receive_only = {5} if saturday_morning and not saturday_counts else set()
        return cls.of(days, make_up=(MORNING, AFTERNOON), receive_only=receive_only)

    @property
    def working_weekdays(self) -> frozenset[int]:
        """Weekdays that count as working days (open and not receive-only)."""
        return frozenset(i for i, day in enumerate(self.week) if day and i not in self.receive_only)


class OffKind(StrEnum):
    PUBLIC_HOLIDAY = "public_holiday"
    """A national holiday or substituted day off (from the ``holidays`` package)."""
    PROVINCE_DAY_OFF = "province_day_off"
    """A day off published by the province."""
    WEEKLY_REST = "weekly_rest"
    """A weekday that is not a working day at this site (weekend, or a receive-only Saturday)."""


@dataclass(frozen=True, slots=True)
class OffDay:
    """Why a day is not a working day; the names are given for holidays and province days off only."""

    day: dt.date
    kind: OffKind
    name_vi: str | None = None
    name_en: str | None = None


@dataclass(frozen=True, slots=True)
class ProvinceDayOff:
    """A day off published by the province (e.g. a bridge day); ``name_en`` falls back to ``name_vi``."""

    day: dt.date
    name_vi: str
    name_en: str = ""

    def __post_init__(self) -> None:
        require_date(self.day)
        if not self.name_vi.strip():
            raise ValueError("a province day off needs a name")


@functools.lru_cache(maxsize=32)
def _package_days(
    first_year: int, last_year: int
) -> tuple[dict[dt.date, tuple[str, str]], frozenset[dt.date]]:
    """Vietnam's holidays (name in vi and en) and weekend make-up working days from ``holidays``."""
    years = range(first_year - 1, last_year + 2)  # neighbours: a swap may cross the new year
    vi = holidays.country_holidays("VN", years=years, language="vi")
    en = holidays.country_holidays("VN", years=years, language="en_US")
    names = {day: (vi[day], en.get(day, vi[day])) for day in vi if first_year <= day.year <= last_year}
    workdays = getattr(vi, "weekend_workdays", set())  # older ``holidays`` releases lack it
    return names, frozenset(d for d in workdays if first_year <= d.year <= last_year and d not in names)


@dataclass(frozen=True, slots=True)
class WorkingCalendar:
    """Immutable working-day calendar of one site for the years ``first_year``–``last_year``."""

    first_year: int
    last_year: int
    opening: OpeningHours = field(default_factory=OpeningHours.office)
    days_off: tuple[ProvinceDayOff, ...] = ()
    make_up_days: frozenset[dt.date] = frozenset()

    _holidays: Mapping[dt.date, tuple[str, str]] = field(init=False, repr=False, compare=False, hash=False)
    _make_up: frozenset[dt.date] = field(init=False, repr=False, compare=False, hash=False)
    _province_off: Mapping[dt.date, ProvinceDayOff] = field(init=False, repr=False, compare=False, hash=False)
    _working: tuple[int, ...] = field(init=False, repr=False, compare=False, hash=False)
    _working_set: frozenset[int] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        if not isinstance(self.opening, OpeningHours):
            raise TypeError("opening must be an OpeningHours")
        for year in (self.first_year, self.last_year):
            if isinstance(year, bool) or not isinstance(year, int):
                raise TypeError("the calendar's years must be integers")
        if not (
            MIN_YEAR <= self.first_year <= self.last_year <= MAX_YEAR
            and self.last_year - self.first_year < MAX_SPAN_YEARS
        ):
            raise CalendarSpanError(
                first_year=self.first_year,
                last_year=self.last_year,
                min_year=MIN_YEAR,
                max_year=MAX_YEAR,
                max_span=MAX_SPAN_YEARS,
            )
        days_off = tuple(sorted(self.days_off, key=lambda d: d.day))
        province_off: dict[dt.date, ProvinceDayOff] = {}
        for item in days_off:
            if not isinstance(item, ProvinceDayOff):
                raise TypeError("days_off must hold ProvinceDayOff values")
            if item.day in province_off:
                raise ConflictingCalendarDays(day=item.day.isoformat())
            province_off[item.day] = item
        make_up_days = frozenset(require_date(d, "a make-up day") for d in self.make_up_days)
        both = sorted(make_up_days & province_off.keys())
        if both:
            raise ConflictingCalendarDays(day=both[0].isoformat())
        object.__setattr__(self, "days_off", days_off)
        object.__setattr__(self, "make_up_days", make_up_days)

        names, package_workdays = _package_days(self.first_year, self.last_year)
        object.__setattr__(self, "_holidays", MappingProxyType(names))
        object.__setattr__(self, "_province_off", MappingProxyType(province_off))
        working_weekdays = self.opening.working_weekdays
        start = dt.date(self.first_year, 1, 1).toordinal()
        end = dt.date(self.last_year, 12, 31).toordinal()
        working: list[int] = []
        make_up: set[dt.date] = set()
        for ordinal in range(start, end + 1):
            day = dt.date.fromordinal(ordinal)
            if day in province_off:
                continue
            usual = day.weekday() in working_weekdays and day not in names
            if day in make_up_days or (day not in names and day in package_workdays):
                working.append(ordinal)
                if not usual:
                    make_up.add(day)
            elif usual:
                working.append(ordinal)
        object.__setattr__(self, "_working", tuple(working))
        object.__setattr__(self, "_working_set", frozenset(working))
        object.__setattr__(self, "_make_up", frozenset(make_up))

    @classmethod
    def vietnam(
        cls,
        first_year: int,
        last_year: int,
        *,
        opening: OpeningHours | None = None,
        days_off: Iterable[ProvinceDayOff] = (),
        make_up_days: Iterable[dt.date] = (),
    ) -> WorkingCalendar:
        """A calendar from Vietnam's public holidays plus the province's own days."""
        return cls(
            first_year, last_year, opening or OpeningHours.office(), tuple(days_off), frozenset(make_up_days)
        )

    # -- ranges -------------------------------------------------------------------------------------------

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.first_year, 1, 1)

    @property
    def last_day(self) -> dt.date:
        return dt.date(self.last_year, 12, 31)

    def covers(self, day: dt.date) -> bool:
        """Whether ``day`` lies within the calendar's years."""
        return self.first_year <= require_date(day).year <= self.last_year

    def _ordinal(self, day: dt.date) -> int:
        if not self.covers(day):
            raise DateOutsideCalendar(
                day=day.isoformat(), first_year=self.first_year, last_year=self.last_year
            )
        return day.toordinal()

    def _no_working_day(self, day: dt.date) -> NoWorkingDay:
        return NoWorkingDay(day=day.isoformat(), first_year=self.first_year, last_year=self.last_year)

    # -- single days --------------------------------------------------------------------------------------

    def is_working_day(self, day: dt.date) -> bool:
        return self._ordinal(day) in self._working_set

    def is_make_up_day(self, day: dt.date) -> bool:
        """A working day that would otherwise be off (a worked Saturday, a holiday the province cancelled)."""
        self._ordinal(day)
        return day in self._make_up

    def off_day(self, day: dt.date) -> OffDay | None:
        """Why ``day`` is not a working day, or None if it is one."""
        if self.is_working_day(day):
            return None
        province = self._province_off.get(day)
        if province is not None:
            return OffDay(
                day, OffKind.PROVINCE_DAY_OFF, province.name_vi, province.name_en or province.name_vi
            )
        names = self._holidays.get(day)
        if names is not None:
            return OffDay(day, OffKind.PUBLIC_HOLIDAY, *names)
        return OffDay(day, OffKind.WEEKLY_REST)

    def holiday_name(self, day: dt.date, language: Language = "vi") -> str | None:
        """The name of the holiday or province day off that makes ``day`` a day off, else None."""
        if language not in ("vi", "en"):
            raise ValueError(f"language must be 'vi' or 'en', got {language!r}")
        off = self.off_day(day)
        if off is None:
            return None
        return off.name_vi if language == "vi" else off.name_en

    def opening_on(self, day: dt.date) -> tuple[Session, ...]:
        """The desk's hours on ``day`` (empty when closed); a receive-only day has hours but is off."""
        if self.is_working_day(day):
            weekday = day.weekday()
            return (
                self.opening.week[weekday]
                if weekday in self.opening.working_weekdays
                else self.opening.make_up
            )
        if (
            day.weekday() in self.opening.receive_only
            and day not in self._province_off
            and day not in self._holidays
        ):
            return self.opening.week[day.weekday()]
        return ()

    # -- counting -----------------------------------------------------------------------------------------

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after ``day``."""
        return self.add_working_days(day, 1)

    def previous_working_day(self, day: dt.date) -> dt.date:
        """The last working day strictly before ``day``."""
        index = bisect_left(self._working, self._ordinal(day)) - 1
        if index < 0:
            raise self._no_working_day(day)
        return dt.date.fromordinal(self._working[index])

    def working_day_on_or_after(self, day: dt.date) -> dt.date:
        return day if self.is_working_day(day) else self.next_working_day(day)

    def working_day_on_or_before(self, day: dt.date) -> dt.date:
        return day if self.is_working_day(day) else self.previous_working_day(day)

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """The ``n``-th working day after ``day`` (``day`` itself not counted); ``n == 0`` gives ``day``."""
        if isinstance(n, bool) or not isinstance(n, int):
            raise TypeError("n must be an integer")
        if n < 0:
            raise ValueError("n must not be negative")
        ordinal = self._ordinal(day)
        if n == 0:
            return day
        index = bisect_right(self._working, ordinal) + n - 1
        if index >= len(self._working):
            raise self._no_working_day(day)
        return dt.date.fromordinal(self._working[index])

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """How many working days lie after ``start`` up to and including ``end`` (``start <= end``)."""
        first, last = self._ordinal(start), self._ordinal(end)
        if last < first:
            raise ValueError("end must not be before start")
        return bisect_right(self._working, last) - bisect_right(self._working, first)

    def working_days_in(self, start: dt.date, end: dt.date) -> tuple[dt.date, ...]:
        """The working days from ``start`` to ``end``, both included."""
        first, last = self._ordinal(start), self._ordinal(end)
        if last < first:
            raise ValueError("end must not be before start")
        lo, hi = bisect_left(self._working, first), bisect_right(self._working, last)
        return tuple(dt.date.fromordinal(o) for o in self._working[lo:hi])
