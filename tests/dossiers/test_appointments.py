"""Appointment dates, apology and extension dates, and lateness."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from dossiers.appointments import (
    Appointment,
    Reason,
    ReasonCode,
    apology_due,
    days_late,
    due_date,
    extended_due_date,
    is_overdue,
    vietnam_time,
    working_days_late,
)
from dossiers.errors import DateOutsideCalendar, NoWorkingDay
from dossiers.processing_time import ProcessingTime, TimeKind
from dossiers.vietnam_time import VIETNAM_TIME
from dossiers.working_calendar import (
    MORNING,
    OffKind,
    OpeningHours,
    ProvinceDayOff,
    WorkingCalendar,
)

D = dt.date
T = dt.time
DT = dt.datetime
BIRTH = ProcessingTime.same_day()  # birth registration: same day, 15:00 cut-off


@pytest.fixture(scope="module")
def cal() -> WorkingCalendar:
    return WorkingCalendar.vietnam(2024, 2030)


def codes(appointment: Appointment) -> list[ReasonCode]:
    return [reason.code for reason in appointment.reasons]


# -- vietnam_time


def test_naive_times_are_local_and_aware_times_are_converted() -> None:
    assert vietnam_time(DT(2026, 2, 13, 15, 30)) == DT(2026, 2, 13, 15, 30, tzinfo=VIETNAM_TIME)
    converted = vietnam_time(DT(2026, 2, 13, 8, 30, tzinfo=dt.UTC))
    assert converted.tzinfo is VIETNAM_TIME and converted.hour == 15
    paris = dt.timezone(dt.timedelta(hours=1))
    assert vietnam_time(DT(2026, 2, 13, 20, tzinfo=paris)) == DT(2026, 2, 14, 2, tzinfo=VIETNAM_TIME)
    assert VIETNAM_TIME.utcoffset(None) == dt.timedelta(hours=7)


def test_vietnam_time_refuses_dates_and_strings() -> None:
    with pytest.raises(TypeError):
        vietnam_time(D(2026, 2, 13))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        vietnam_time("2026-02-13T15:30")  # type: ignore[arg-type]


# -- due_date: the required cases


def test_birth_registration_after_cutoff_before_tet_is_due_after_tet(cal: WorkingCalendar) -> None:
    appointment = due_date(DT(2026, 2, 13, 15, 30), BIRTH, cal)
    assert appointment.due == D(2026, 2, 23)
    assert appointment.counted_from == D(2026, 2, 23)
    assert appointment.return_by == DT(2026, 2, 23, 17, 0, tzinfo=VIETNAM_TIME)
    assert appointment.reasons[0] == Reason(
        ReasonCode.AFTER_CUTOFF, day=D(2026, 2, 13), at=T(15, 30), limit=T(15)
    )
    assert appointment.reasons[1] == Reason(ReasonCode.SAME_DAY, day=D(2026, 2, 23))
    skipped = [r for r in appointment.reasons if r.code is ReasonCode.DAY_SKIPPED]
    assert [r.day for r in skipped] == [D(2026, 2, d) for d in range(14, 23)]
    assert [r.off.kind for r in skipped] == [OffKind.WEEKLY_REST] * 2 + [OffKind.PUBLIC_HOLIDAY] * 5 + [
        OffKind.WEEKLY_REST
    ] * 2
    assert skipped[3].off.name_vi == "Tết Nguyên Đán" and skipped[3].off.name_en == "Lunar New Year"


def test_birth_registration_before_cutoff_is_due_the_same_day(cal: WorkingCalendar) -> None:
    appointment = due_date(DT(2026, 2, 13, 14, 0), BIRTH, cal)
    assert appointment.due == D(2026, 2, 13)
    assert appointment.return_by == DT(2026, 2, 13, 17, tzinfo=VIETNAM_TIME)
    assert codes(appointment) == [ReasonCode.SAME_DAY]


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (T(14, 59, 59, 999999), D(2026, 2, 13)),
        (T(15, 0, 0), D(2026, 2, 23)),  # the cut-off itself is "at or after": next working day
        (T(15, 0, 0, 1), D(2026, 2, 23)),
    ],
)
def test_cutoff_boundary(cal: WorkingCalendar, received: dt.time, due: dt.date) -> None:
    assert due_date(DT.combine(D(2026, 2, 13), received), BIRTH, cal).due == due


def test_aware_receipt_is_judged_in_vietnamese_time(cal: WorkingCalendar) -> None:
    assert due_date(DT(2026, 2, 13, 7, 59, tzinfo=dt.UTC), BIRTH, cal).due == D(2026, 2, 13)  # 14:59 local
    late = due_date(DT(2026, 2, 13, 8, 0, tzinfo=dt.UTC), BIRTH, cal)  # 15:00 local
    assert late.due == D(2026, 2, 23)
    assert late.received_at == DT(2026, 2, 13, 15, tzinfo=VIETNAM_TIME)
    assert late.reasons[0].at == T(15)


# -- due_date: other cases


def test_received_on_a_weekend_counts_from_the_next_working_day(cal: WorkingCalendar) -> None:
    appointment = due_date(DT(2026, 3, 7, 9), BIRTH, cal)  # a Saturday
    assert appointment.due == D(2026, 3, 9)
    first = appointment.reasons[0]
    assert first.code is ReasonCode.RECEIVED_ON_DAY_OFF
    assert first.day == D(2026, 3, 7) and first.off.kind is OffKind.WEEKLY_REST
    assert [r.day for r in appointment.reasons if r.code is ReasonCode.DAY_SKIPPED] == [D(2026, 3, 8)]


def test_received_on_a_holiday_names_it(cal: WorkingCalendar) -> None:
    appointment = due_date(DT(2026, 9, 2, 9), ProcessingTime.days(3), cal)
    assert appointment.reasons[0].code is ReasonCode.RECEIVED_ON_DAY_OFF
    assert appointment.reasons[0].off.name_en == "National Day"
    assert appointment.counted_from == D(2026, 9, 3)
    assert appointment.due == D(2026, 9, 8)  # Fri 4, Mon 7, Tue 8 after Thu 3


def test_receive_only_saturday_counts_from_monday() -> None:
    calendar = WorkingCalendar.vietnam(2026, 2026, opening=OpeningHours.office(saturday_morning=True))
    appointment = due_date(DT(2026, 3, 7, 9), BIRTH, calendar)
    assert appointment.due == D(2026, 3, 9)
    assert appointment.reasons[0].code is ReasonCode.RECEIVED_ON_DAY_OFF


def test_counting_saturday_returns_at_its_closing_time() -> None:
    calendar = WorkingCalendar.vietnam(
        2026, 2026, opening=OpeningHours.office(saturday_morning=True, saturday_counts=True)
    )
    appointment = due_date(DT(2026, 3, 7, 9), BIRTH, calendar)
    assert appointment.due == D(2026, 3, 7)
    assert appointment.return_by == DT(2026, 3, 7, 11, 30, tzinfo=VIETNAM_TIME)
    after_closing = due_date(DT(2026, 3, 7, 11, 30), BIRTH, calendar)  # before the 15:00 cut-off, but closed
    assert after_closing.due == D(2026, 3, 9)
    assert after_closing.reasons[0] == Reason(
        ReasonCode.AFTER_CLOSING, day=D(2026, 3, 7), at=T(11, 30), limit=T(11, 30)
    )


def test_n_day_rule_without_cutoff_uses_the_closing_time(cal: WorkingCalendar) -> None:
    rule = ProcessingTime.days(3)
    assert rule.cutoff is None
    assert due_date(DT(2026, 3, 2, 16, 59), rule, cal).due == D(2026, 3, 5)  # Monday + 3
    late = due_date(DT(2026, 3, 2, 17, 0), rule, cal)
    assert late.due == D(2026, 3, 6)
    assert late.reasons[0].code is ReasonCode.AFTER_CLOSING and late.reasons[0].limit == T(17)
    assert due_date(DT(2026, 3, 2, 6, 0), rule, cal).due == D(2026, 3, 5)  # before opening: that day


def test_n_day_rule_with_cutoff(cal: WorkingCalendar) -> None:
    rule = ProcessingTime.days(3, cutoff=T(16))
    assert due_date(DT(2026, 3, 2, 15, 59), rule, cal).due == D(2026, 3, 5)
    assert due_date(DT(2026, 3, 2, 16, 0), rule, cal).due == D(2026, 3, 6)


def test_receipt_day_counts_or_not(cal: WorkingCalendar) -> None:
    received = DT(2026, 3, 2, 9)  # Monday
    not_counted = due_date(received, ProcessingTime.days(5), cal)
    counted = due_date(received, ProcessingTime.days(5, receipt_day_counts=True), cal)
    assert not_counted.due == D(2026, 3, 9)
    assert counted.due == D(2026, 3, 6)
    assert not_counted.reasons[0] == Reason(ReasonCode.RECEIPT_DAY_NOT_COUNTED, day=D(2026, 3, 2), count=5)
    assert counted.reasons[0] == Reason(ReasonCode.RECEIPT_DAY_COUNTED, day=D(2026, 3, 2), count=5)
    one_day = due_date(received, ProcessingTime.days(1, receipt_day_counts=True), cal)
    assert one_day.due == D(2026, 3, 2)


def test_same_day_rule_without_cutoff_uses_the_closing_time(cal: WorkingCalendar) -> None:
    rule = ProcessingTime(TimeKind.SAME_DAY, 0, None)
    assert due_date(DT(2026, 3, 2, 16, 30), rule, cal).due == D(2026, 3, 2)
    assert due_date(DT(2026, 3, 2, 17, 0), rule, cal).due == D(2026, 3, 3)


def test_worked_saturday_is_counted_and_said(cal: WorkingCalendar) -> None:
    appointment = due_date(DT(2026, 8, 21, 9), ProcessingTime.days(2), cal)
    assert appointment.due == D(2026, 8, 24)  # Sat 22 Aug (worked), Mon 24 Aug
    assert Reason(ReasonCode.MAKE_UP_DAY_COUNTED, day=D(2026, 8, 22)) in appointment.reasons
    assert [r.day for r in appointment.reasons if r.code is ReasonCode.DAY_SKIPPED] == [D(2026, 8, 23)]


def test_province_day_off_is_skipped_with_its_name() -> None:
    calendar = WorkingCalendar.vietnam(
        2026, 2026, days_off=[ProvinceDayOff(D(2026, 3, 3), "Lễ hội tỉnh", "Province festival")]
    )
    appointment = due_date(DT(2026, 3, 2, 9), ProcessingTime.days(1), calendar)
    assert appointment.due == D(2026, 3, 4)
    skipped = [r for r in appointment.reasons if r.code is ReasonCode.DAY_SKIPPED]
    assert skipped[0].off.kind is OffKind.PROVINCE_DAY_OFF and skipped[0].off.name_en == "Province festival"


def test_due_date_bad_inputs(cal: WorkingCalendar) -> None:
    with pytest.raises(TypeError):
        due_date(D(2026, 2, 13), BIRTH, cal)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        due_date(DT(2026, 2, 13, 9), "same_day", cal)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        due_date(DT(2026, 2, 13, 9), BIRTH, object())  # type: ignore[arg-type]
    with pytest.raises(DateOutsideCalendar):
        due_date(DT(2031, 1, 2, 9), BIRTH, cal)
    with pytest.raises(NoWorkingDay):
        due_date(DT(2030, 12, 20, 9), ProcessingTime.days(20), cal)


def test_appointment_is_frozen(cal: WorkingCalendar) -> None:
    appointment = due_date(DT(2026, 2, 13, 9), BIRTH, cal)
    with pytest.raises(dataclasses.FrozenInstanceError):
        appointment.due = D(2026, 2, 14)  # type: ignore[misc]


# -- apology and extension


def test_apology_due_is_the_latest_working_day_on_or_before(cal: WorkingCalendar) -> None:
    assert apology_due(D(2026, 2, 23), cal) == D(2026, 2, 23)
    assert apology_due(D(2026, 2, 17), cal) == D(2026, 2, 13)  # the date fell in Tết: the Friday before
    assert apology_due(D(2026, 3, 8), cal) == D(2026, 3, 6)  # a Sunday


def test_apology_due_bad_inputs(cal: WorkingCalendar) -> None:
    with pytest.raises(TypeError):
        apology_due(DT(2026, 2, 23, 9), cal)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        apology_due(D(2026, 2, 23), None)  # type: ignore[arg-type]
    with pytest.raises(DateOutsideCalendar):
        apology_due(D(2023, 6, 1), cal)
    with pytest.raises(NoWorkingDay):
        apology_due(D(2024, 1, 1), cal)


def test_extended_due_date(cal: WorkingCalendar) -> None:
    assert extended_due_date(D(2026, 2, 13), 1, cal) == D(2026, 2, 23)
    assert extended_due_date(D(2026, 2, 13), 5, cal) == D(2026, 2, 27)
    assert extended_due_date(D(2026, 2, 14), 1, cal) == D(2026, 2, 23)


def test_extended_due_date_bad_inputs(cal: WorkingCalendar) -> None:
    with pytest.raises(ValueError, match="at least one"):
        extended_due_date(D(2026, 2, 13), 0, cal)
    with pytest.raises(ValueError):
        extended_due_date(D(2026, 2, 13), -3, cal)
    with pytest.raises(TypeError):
        extended_due_date(D(2026, 2, 13), 2.0, cal)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        extended_due_date(D(2026, 2, 13), True, cal)
    with pytest.raises(TypeError):
        extended_due_date(DT(2026, 2, 13, 9), 1, cal)  # type: ignore[arg-type]
    with pytest.raises(NoWorkingDay):
        extended_due_date(D(2030, 12, 31), 1, cal)


# -- lateness

DUE = D(2026, 2, 13)  # a Friday


def test_not_overdue_until_the_day_after() -> None:
    assert not is_overdue(DUE, DT(2026, 2, 13, 23, 59, 59))
    assert is_overdue(DUE, DT(2026, 2, 14, 0, 0))
    assert not is_overdue(DUE, DT(2026, 2, 10, 9))
    assert days_late(DUE, DT(2026, 2, 10, 9)) == 0
    assert days_late(DUE, DT(2026, 2, 13, 23)) == 0
    assert days_late(DUE, DT(2026, 2, 16, 9)) == 3


def test_returned_results_are_judged_by_their_return_day() -> None:
    later = DT(2026, 3, 31, 9)
    assert not is_overdue(DUE, later, returned_at=DT(2026, 2, 13, 16, 30))
    assert days_late(DUE, later, returned_at=DT(2026, 2, 13, 16, 30)) == 0
    assert is_overdue(DUE, later, returned_at=DT(2026, 2, 24, 9))
    assert days_late(DUE, later, returned_at=DT(2026, 2, 24, 9)) == 11


def test_lateness_uses_vietnamese_days_for_aware_times() -> None:
    utc_evening = DT(2026, 2, 13, 17, 30, tzinfo=dt.UTC)  # 00:30 on 14 Feb in Vietnam
    assert is_overdue(DUE, utc_evening)
    assert days_late(DUE, utc_evening) == 1
    assert not is_overdue(DUE, DT(2026, 2, 13, 16, 59, tzinfo=dt.UTC))


def test_working_days_late(cal: WorkingCalendar) -> None:
    now = DT(2026, 3, 31, 9)
    assert working_days_late(DUE, DT(2026, 2, 13, 10), None, cal) == 0
    assert (
        working_days_late(DUE, DT(2026, 2, 14, 10), None, cal) == 0
    )  # overdue on a Saturday, 0 working days
    assert is_overdue(DUE, DT(2026, 2, 14, 10))
    assert working_days_late(DUE, now, DT(2026, 2, 24, 9), cal) == 2  # 23 and 24 Feb
    assert working_days_late(DUE, DT(2026, 2, 23, 8), None, cal) == 1


def test_lateness_bad_inputs(cal: WorkingCalendar) -> None:
    with pytest.raises(TypeError):
        is_overdue(DT(2026, 2, 13, 9), DT(2026, 2, 14))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        is_overdue(DUE, D(2026, 2, 14))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        days_late(DUE, DT(2026, 2, 14), returned_at=D(2026, 2, 14))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        working_days_late(DUE, DT(2026, 2, 16), None, "calendar")  # type: ignore[arg-type]


# -- properties

DAYS = st.dates(D(2024, 1, 1), D(2030, 12, 31))
RECEIPTS = st.datetimes(DT(2024, 1, 1), DT(2029, 6, 30, 23, 59, 59))
RULES = st.one_of(
    st.builds(ProcessingTime.same_day, st.times(T(8), T(17))),
    st.builds(
        ProcessingTime.days,
        st.integers(1, 30),
        receipt_day_counts=st.booleans(),
        cutoff=st.none() | st.times(T(8), T(17)),
    ),
)


@st.composite
def calendars(draw: st.DrawFn) -> WorkingCalendar:
    working = draw(st.sets(st.integers(0, 6), min_size=1))
    receive_only = draw(st.sets(st.integers(0, 6).filter(lambda d: d not in working), max_size=2))
    sessions = draw(st.sampled_from([((T(7, 30), T(11, 30)), (T(13, 30), T(17))), (MORNING,)]))
    opening = OpeningHours.of({d: sessions for d in working | receive_only}, receive_only=receive_only)
    off = draw(st.sets(DAYS, max_size=25))
    make_up = draw(st.sets(DAYS, max_size=10)) - off
    return WorkingCalendar.vietnam(
        2024,
        2030,
        opening=opening,
        days_off=[ProvinceDayOff(day, "Nghỉ theo tỉnh") for day in off],
        make_up_days=make_up,
    )


@given(calendars(), RECEIPTS, RULES)
def test_due_date_is_a_working_day_not_before_receipt(
    calendar: WorkingCalendar, received: dt.datetime, rule: ProcessingTime
) -> None:
    appointment = due_date(received, rule, calendar)
    assert calendar.is_working_day(appointment.due)
    assert calendar.is_working_day(appointment.counted_from)
    assert received.date() <= appointment.counted_from <= appointment.due
    assert appointment.return_by.date() == appointment.due
    assert appointment.return_by.time() in {s.end for s in calendar.opening_on(appointment.due)}
    skipped = [r.day for r in appointment.reasons if r.code is ReasonCode.DAY_SKIPPED]
    between = [
        received.date() + dt.timedelta(days=i) for i in range(1, (appointment.due - received.date()).days)
    ]
    assert skipped == [d for d in between if not calendar.is_working_day(d)]
    if rule.kind is TimeKind.WORKING_DAYS:
        counted = rule.working_days - (1 if rule.receipt_day_counts else 0)
        assert calendar.working_days_between(appointment.counted_from, appointment.due) == counted


@given(calendars(), RECEIPTS, st.timedeltas(dt.timedelta(0), dt.timedelta(days=20)), RULES)
def test_due_date_is_monotonic_in_receipt_time(
    calendar: WorkingCalendar, received: dt.datetime, delay: dt.timedelta, rule: ProcessingTime
) -> None:
    later = received + delay
    assume(later.year < 2030)
    assert due_date(received, rule, calendar).due <= due_date(later, rule, calendar).due


@given(calendars(), RECEIPTS, st.integers(1, 30), st.integers(0, 10), st.booleans())
def test_due_date_is_monotonic_in_days(
    calendar: WorkingCalendar, received: dt.datetime, n: int, extra: int, counts: bool
) -> None:
    shorter = due_date(received, ProcessingTime.days(n, receipt_day_counts=counts), calendar)
    longer = due_date(received, ProcessingTime.days(n + extra, receipt_day_counts=counts), calendar)
    assert shorter.due <= longer.due
    if extra:
        assert shorter.due < longer.due
    same_day = due_date(received, ProcessingTime.same_day(), calendar)
    assert same_day.due <= shorter.due


@given(calendars(), RECEIPTS, RULES)
def test_before_cutoff_on_a_working_day_counts_that_day(
    calendar: WorkingCalendar, received: dt.datetime, rule: ProcessingTime
) -> None:
    day = received.date()
    assume(calendar.is_working_day(day))
    closing = calendar.opening_on(day)[-1].end
    on_time = received.time() < closing and (rule.cutoff is None or received.time() < rule.cutoff)
    assert (due_date(received, rule, calendar).counted_from == day) is on_time


@given(calendars(), DAYS.filter(lambda d: d.year < 2030), st.integers(1, 20))
def test_extension_and_apology_properties(calendar: WorkingCalendar, original: dt.date, extra: int) -> None:
    extended = extended_due_date(original, extra, calendar)
    assert extended > original and calendar.is_working_day(extended)
    assert calendar.working_days_between(original, extended) == extra
    if original >= D(2024, 2, 1):  # leave room for a working day before it
        try:
            apology = apology_due(original, calendar)
        except NoWorkingDay:
            return
        assert apology <= original and calendar.is_working_day(apology)
        assert calendar.working_days_between(apology, original) == 0
