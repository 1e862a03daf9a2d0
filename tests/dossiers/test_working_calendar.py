"""The working-day calendar: Vietnam's holidays, province days, opening hours, bounded counting."""

from __future__ import annotations

import dataclasses
import datetime as dt

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossiers.errors import (
    CalendarError,
    CalendarSpanError,
    ConflictingCalendarDays,
    DateOutsideCalendar,
    InvalidOpeningHours,
    NoWorkingDay,
    NoWorkingWeekday,
)
from dossiers.working_calendar import (
    AFTERNOON,
    MORNING,
    OffDay,
    OffKind,
    OpeningHours,
    ProvinceDayOff,
    Session,
    WorkingCalendar,
)

D = dt.date
T = dt.time
FIRST, LAST = 2024, 2030


@pytest.fixture(scope="module")
def cal() -> WorkingCalendar:
    return WorkingCalendar.vietnam(FIRST, LAST)


# -- Session and OpeningHours


def test_session_must_start_before_it_ends() -> None:
    assert Session(T(7, 30), T(11, 30)).end == T(11, 30)
    with pytest.raises(InvalidOpeningHours, match="start before it ends"):
        Session(T(11, 30), T(7, 30))
    with pytest.raises(InvalidOpeningHours):
        Session(T(8), T(8))


def test_session_refuses_zoned_times_and_other_types() -> None:
    with pytest.raises(InvalidOpeningHours, match="local"):
        Session(T(7, tzinfo=dt.UTC), T(11))
    with pytest.raises(TypeError):
        Session("07:30", "11:30")  # type: ignore[arg-type]


def test_office_hours() -> None:
    hours = OpeningHours.office()
    assert hours.week[:5] == ((MORNING, AFTERNOON),) * 5
    assert hours.week[5] == hours.week[6] == ()
    assert hours.working_weekdays == frozenset(range(5))
    assert hours.make_up == (MORNING, AFTERNOON)


def test_office_hours_with_saturday_morning() -> None:
    receive_only = OpeningHours.office(saturday_morning=True)
    assert receive_only.week[5] == (MORNING,)
    assert receive_only.receive_only == {5}
    assert receive_only.working_weekdays == frozenset(range(5))
    counting = OpeningHours.office(saturday_morning=True, saturday_counts=True)
    assert counting.working_weekdays == frozenset(range(6))
    assert OpeningHours.office(saturday_counts=True).working_weekdays == frozenset(range(5))


def test_opening_hours_of_mapping_converts_pairs_and_defaults_make_up() -> None:
    hours = OpeningHours.of({2: [(T(8), T(12))], 4: [(T(7), T(9)), (T(9), T(10))]})
    assert hours.week[2] == (Session(T(8), T(12)),)
    assert hours.week[4] == (Session(T(7), T(9)), Session(T(9), T(10)))
    assert hours.week[0] == ()
    assert hours.working_weekdays == {2, 4}
    assert hours.make_up == hours.week[2]  # the first working weekday's hours


@pytest.mark.parametrize(
    "days",
    [
        {0: [(T(7), T(11)), (T(10), T(12))]},  # overlap
        {0: [(T(13), T(17)), (T(7), T(11))]},  # out of order
    ],
)
def test_opening_hours_refuse_overlapping_or_unordered_sessions(days: dict) -> None:
    with pytest.raises(InvalidOpeningHours, match="overlap"):
        OpeningHours.of(days)


def test_opening_hours_refuse_bad_weekdays_and_shapes() -> None:
    with pytest.raises(InvalidOpeningHours, match="0 \\(Monday\\) to 6"):
        OpeningHours.of({7: [(T(7), T(11))]})
    with pytest.raises(InvalidOpeningHours, match="seven weekdays"):
        OpeningHours(((MORNING,),) * 5)
    with pytest.raises(InvalidOpeningHours, match="receive-only"):
        OpeningHours.of({0: [(T(7), T(11))]}, receive_only=[6])


def test_opening_hours_without_any_working_weekday_is_a_calendar_error() -> None:
    with pytest.raises(NoWorkingWeekday) as caught:
        OpeningHours.of({})
    assert isinstance(caught.value, CalendarError)
    assert caught.value.code == "calendar_no_working_weekday"
    with pytest.raises(NoWorkingWeekday):
        OpeningHours.of({5: [(T(7, 30), T(11, 30))]}, receive_only=[5])


def test_opening_hours_are_frozen() -> None:
    hours = OpeningHours.office()
    with pytest.raises(dataclasses.FrozenInstanceError):
        hours.make_up = ()  # type: ignore[misc]


# -- construction


@pytest.mark.parametrize(
    ("first", "last"),
    [(2026, 2025), (1999, 2026), (2026, 2101), (2000, 2050)],
)
def test_span_out_of_range_is_refused(first: int, last: int) -> None:
    with pytest.raises(CalendarSpanError) as caught:
        WorkingCalendar(first, last)
    assert caught.value.params["first_year"] == first
    assert str(first) in str(caught.value)


def test_span_must_be_integers_and_opening_typed() -> None:
    with pytest.raises(TypeError):
        WorkingCalendar(2024.0, 2026)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        WorkingCalendar(True, 2026)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        WorkingCalendar(2024, 2026, opening="office")  # type: ignore[arg-type]


def test_widest_span_is_accepted() -> None:
    calendar = WorkingCalendar(2000, 2049)
    assert calendar.is_working_day(D(2049, 12, 31)) is True  # a Friday


def test_province_days_must_not_conflict() -> None:
    off = ProvinceDayOff(D(2026, 1, 2), "Nghỉ bù Tết Dương lịch")
    with pytest.raises(ConflictingCalendarDays, match="2026-01-02"):
        WorkingCalendar.vietnam(2026, 2026, days_off=[off, off])
    with pytest.raises(ConflictingCalendarDays, match="2026-01-02"):
        WorkingCalendar.vietnam(2026, 2026, days_off=[off], make_up_days=[D(2026, 1, 2)])


def test_province_days_must_be_dates() -> None:
    with pytest.raises(TypeError):
        WorkingCalendar.vietnam(2026, 2026, make_up_days=[dt.datetime(2026, 1, 3)])
    with pytest.raises(TypeError):
        WorkingCalendar.vietnam(2026, 2026, days_off=[D(2026, 1, 2)])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        ProvinceDayOff(dt.datetime(2026, 1, 2), "x")
    with pytest.raises(ValueError, match="name"):
        ProvinceDayOff(D(2026, 1, 2), "  ")


def test_calendar_is_frozen_comparable_and_hashable() -> None:
    a = WorkingCalendar.vietnam(2026, 2026, make_up_days=[D(2026, 1, 3)])
    b = WorkingCalendar.vietnam(2026, 2026, make_up_days=[D(2026, 1, 3)])
    c = WorkingCalendar.vietnam(2026, 2026)
    assert a == b and hash(a) == hash(b)
    assert a != c
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.first_year = 2020  # type: ignore[misc]


def test_range_properties(cal: WorkingCalendar) -> None:
    assert cal.first_day == D(2024, 1, 1)
    assert cal.last_day == D(2030, 12, 31)
    assert cal.covers(D(2024, 1, 1)) and cal.covers(D(2030, 12, 31))
    assert not cal.covers(D(2023, 12, 31)) and not cal.covers(D(2031, 1, 1))


# -- single days


def test_tet_2026_is_off_and_named(cal: WorkingCalendar) -> None:
    for day in range(16, 21):
        assert cal.is_working_day(D(2026, 2, day)) is False
        assert cal.off_day(D(2026, 2, day)).kind is OffKind.PUBLIC_HOLIDAY
    assert cal.holiday_name(D(2026, 2, 17)) == "Tết Nguyên Đán"
    assert cal.holiday_name(D(2026, 2, 17), "en") == "Lunar New Year"
    assert cal.is_working_day(D(2026, 2, 13)) is True
    assert cal.is_working_day(D(2026, 2, 23)) is True


def test_national_days_and_culture_day(cal: WorkingCalendar) -> None:
    assert not cal.is_working_day(D(2026, 9, 1)) and not cal.is_working_day(D(2026, 9, 2))
    assert cal.holiday_name(D(2026, 9, 2), "en") == "National Day"
    assert not cal.is_working_day(D(2026, 11, 24))
    assert not cal.is_working_day(D(2025, 5, 2))  # substituted from Saturday 26 Apr 2025


def test_package_substituted_day_and_make_up_saturday(cal: WorkingCalendar) -> None:
    assert cal.holiday_name(D(2026, 8, 31), "en") == "Day off (substituted from 08/22/2026)"
    assert "22/08/2026" in cal.holiday_name(D(2026, 8, 31), "vi")
    saturday = D(2026, 8, 22)
    assert saturday.weekday() == 5
    assert cal.is_working_day(saturday) is True
    assert cal.is_make_up_day(saturday) is True
    assert cal.opening_on(saturday) == (MORNING, AFTERNOON)
    assert cal.is_working_day(D(2025, 4, 26)) and cal.is_working_day(D(2024, 5, 4))
    assert not cal.is_working_day(D(2026, 8, 29))  # an ordinary Saturday


def test_weekend_is_weekly_rest_without_a_name(cal: WorkingCalendar) -> None:
    sunday = D(2026, 3, 1)
    assert cal.off_day(sunday) == OffDay(sunday, OffKind.WEEKLY_REST)
    assert cal.holiday_name(sunday) is None
    assert cal.holiday_name(D(2026, 3, 2)) is None  # a working Monday
    assert cal.off_day(D(2026, 3, 2)) is None
    assert cal.is_make_up_day(D(2026, 3, 2)) is False


def test_holiday_on_a_sunday_keeps_its_name(cal: WorkingCalendar) -> None:
    assert cal.off_day(D(2026, 4, 26)).kind is OffKind.PUBLIC_HOLIDAY
    assert cal.holiday_name(D(2026, 4, 27)) == "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)"


def test_holiday_name_refuses_unknown_language(cal: WorkingCalendar) -> None:
    with pytest.raises(ValueError, match="language"):
        cal.holiday_name(D(2026, 2, 17), "fr")  # type: ignore[arg-type]


def test_dates_outside_the_calendar_are_refused(cal: WorkingCalendar) -> None:
    for method in (cal.is_working_day, cal.off_day, cal.opening_on, cal.next_working_day, cal.is_make_up_day):
        with pytest.raises(DateOutsideCalendar) as caught:
            method(D(2031, 1, 2))
        assert caught.value.params == {"day": "2031-01-02", "first_year": FIRST, "last_year": LAST}
        assert "2024–2030" in str(caught.value)


def test_datetimes_and_strings_are_not_days(cal: WorkingCalendar) -> None:
    with pytest.raises(TypeError, match="not a datetime"):
        cal.is_working_day(dt.datetime(2026, 2, 13, 9))
    with pytest.raises(TypeError):
        cal.is_working_day("2026-02-13")  # type: ignore[arg-type]


def test_province_days_win_over_the_package() -> None:
    calendar = WorkingCalendar.vietnam(
        2026,
        2026,
        days_off=[
            ProvinceDayOff(D(2026, 3, 2), "Nghỉ lễ hội tỉnh", "Province festival"),
            ProvinceDayOff(D(2026, 8, 22), "Hủy làm bù"),
        ],
        make_up_days=[D(2026, 8, 31), D(2026, 3, 7)],
    )
    assert not calendar.is_working_day(D(2026, 3, 2))
    assert calendar.off_day(D(2026, 3, 2)).kind is OffKind.PROVINCE_DAY_OFF
    assert calendar.holiday_name(D(2026, 3, 2), "en") == "Province festival"
    assert not calendar.is_working_day(D(2026, 8, 22))  # province cancels the package's make-up Saturday
    assert calendar.holiday_name(D(2026, 8, 22), "en") == "Hủy làm bù"  # English falls back to Vietnamese
    assert calendar.is_working_day(D(2026, 8, 31))  # province cancels the package's substituted day off
    assert calendar.is_make_up_day(D(2026, 8, 31))
    assert calendar.opening_on(D(2026, 8, 31)) == (MORNING, AFTERNOON)  # Monday's own hours
    assert calendar.is_working_day(D(2026, 3, 7)) and calendar.is_make_up_day(D(2026, 3, 7))
    assert calendar.opening_on(D(2026, 3, 7)) == (MORNING, AFTERNOON)  # make-up hours on a Saturday


def test_opening_on(cal: WorkingCalendar) -> None:
    assert cal.opening_on(D(2026, 2, 13)) == (MORNING, AFTERNOON)
    assert cal.opening_on(D(2026, 2, 14)) == ()
    assert cal.opening_on(D(2026, 2, 17)) == ()


def test_receive_only_saturday_is_open_but_not_working() -> None:
    calendar = WorkingCalendar.vietnam(2026, 2026, opening=OpeningHours.office(saturday_morning=True))
    assert calendar.opening_on(D(2026, 3, 7)) == (MORNING,)
    assert calendar.is_working_day(D(2026, 3, 7)) is False
    assert calendar.off_day(D(2026, 3, 7)).kind is OffKind.WEEKLY_REST
    assert calendar.opening_on(D(2026, 5, 2)) == (MORNING,)  # the Saturday after 1 May: open
    assert calendar.opening_on(D(2026, 2, 21)) == (MORNING,)
    assert calendar.opening_on(D(2026, 8, 22)) == (MORNING, AFTERNOON)  # worked Saturday: make-up hours


def test_receive_only_saturday_closed_on_a_holiday_or_province_day() -> None:
    calendar = WorkingCalendar.vietnam(
        2027,
        2027,
        opening=OpeningHours.office(saturday_morning=True),
        days_off=[ProvinceDayOff(D(2027, 3, 6), "Nghỉ")],
    )
    assert calendar.opening_on(D(2027, 2, 6)) == ()  # Saturday in Tết 2027
    assert calendar.opening_on(D(2027, 3, 6)) == ()
    assert calendar.opening_on(D(2027, 3, 13)) == (MORNING,)


def test_counting_saturday_is_a_working_day() -> None:
    calendar = WorkingCalendar.vietnam(
        2026, 2026, opening=OpeningHours.office(saturday_morning=True, saturday_counts=True)
    )
    assert calendar.is_working_day(D(2026, 3, 7))
    assert calendar.opening_on(D(2026, 3, 7)) == (MORNING,)
    assert calendar.is_working_day(D(2026, 2, 21))  # the Saturday after Tết
    assert not calendar.is_working_day(D(2026, 2, 22))
    assert calendar.is_make_up_day(D(2026, 3, 7)) is False


# -- counting


def test_next_and_previous_working_day_around_tet(cal: WorkingCalendar) -> None:
    assert cal.next_working_day(D(2026, 2, 13)) == D(2026, 2, 23)
    assert cal.next_working_day(D(2026, 2, 17)) == D(2026, 2, 23)
    assert cal.next_working_day(D(2026, 2, 12)) == D(2026, 2, 13)
    assert cal.previous_working_day(D(2026, 2, 23)) == D(2026, 2, 13)
    assert cal.previous_working_day(D(2026, 2, 13)) == D(2026, 2, 12)
    assert cal.working_day_on_or_after(D(2026, 2, 13)) == D(2026, 2, 13)
    assert cal.working_day_on_or_after(D(2026, 2, 14)) == D(2026, 2, 23)
    assert cal.working_day_on_or_before(D(2026, 2, 23)) == D(2026, 2, 23)
    assert cal.working_day_on_or_before(D(2026, 2, 22)) == D(2026, 2, 13)


def test_searches_stop_at_the_calendar_edges(cal: WorkingCalendar) -> None:
    assert cal.next_working_day(D(2030, 12, 30)) == D(2030, 12, 31)
    with pytest.raises(NoWorkingDay) as caught:
        cal.next_working_day(D(2030, 12, 31))
    assert caught.value.code == "calendar_no_working_day"
    assert "2030-12-31" in str(caught.value)
    with pytest.raises(NoWorkingDay):
        cal.previous_working_day(D(2024, 1, 2))  # 1 Jan 2024 is New Year's Day
    with pytest.raises(NoWorkingDay):
        cal.working_day_on_or_before(D(2024, 1, 1))
    with pytest.raises(NoWorkingDay):
        cal.add_working_days(D(2030, 12, 1), 30)


def test_a_calendar_whose_working_days_run_out_errors_instead_of_looping() -> None:
    sundays = [D(2030, 1, 6) + dt.timedelta(weeks=w) for w in range(52)]
    calendar = WorkingCalendar.vietnam(
        2030,
        2030,
        opening=OpeningHours.of({6: [(T(8), T(11))]}),
        days_off=[ProvinceDayOff(day, "Nghỉ") for day in sundays],
    )
    assert calendar.working_days_between(D(2030, 1, 1), D(2030, 12, 31)) == 0
    with pytest.raises(NoWorkingDay):
        calendar.next_working_day(D(2030, 1, 1))
    with pytest.raises(NoWorkingDay):
        calendar.previous_working_day(D(2030, 12, 31))


def test_add_working_days(cal: WorkingCalendar) -> None:
    assert cal.add_working_days(D(2026, 2, 13), 0) == D(2026, 2, 13)
    assert cal.add_working_days(D(2026, 2, 14), 0) == D(2026, 2, 14)
    assert cal.add_working_days(D(2026, 2, 12), 1) == D(2026, 2, 13)
    assert cal.add_working_days(D(2026, 2, 12), 2) == D(2026, 2, 23)
    assert cal.add_working_days(D(2026, 2, 13), 5) == D(2026, 2, 27)
    assert cal.add_working_days(D(2026, 8, 20), 2) == D(2026, 8, 22)  # the worked Saturday counts
    assert cal.add_working_days(D(2026, 8, 28), 1) == D(2026, 9, 3)  # 31 Aug, 1–2 Sep off


def test_add_working_days_refuses_bad_counts(cal: WorkingCalendar) -> None:
    with pytest.raises(ValueError, match="negative"):
        cal.add_working_days(D(2026, 2, 13), -1)
    with pytest.raises(TypeError):
        cal.add_working_days(D(2026, 2, 13), 1.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        cal.add_working_days(D(2026, 2, 13), True)


def test_working_days_between(cal: WorkingCalendar) -> None:
    assert cal.working_days_between(D(2026, 2, 13), D(2026, 2, 13)) == 0
    assert cal.working_days_between(D(2026, 2, 13), D(2026, 2, 22)) == 0
    assert cal.working_days_between(D(2026, 2, 13), D(2026, 2, 23)) == 1
    assert cal.working_days_between(D(2026, 2, 14), D(2026, 2, 27)) == 5
    assert (
        cal.working_days_between(D(2025, 12, 31), D(2026, 12, 31)) == 261 - 13 + 1
    )  # weekdays, weekday holidays, 22 Aug worked
    with pytest.raises(ValueError, match="before start"):
        cal.working_days_between(D(2026, 2, 23), D(2026, 2, 13))
    with pytest.raises(DateOutsideCalendar):
        cal.working_days_between(D(2023, 12, 29), D(2024, 1, 5))


def test_working_days_in(cal: WorkingCalendar) -> None:
    assert cal.working_days_in(D(2026, 2, 13), D(2026, 2, 24)) == (
        D(2026, 2, 13),
        D(2026, 2, 23),
        D(2026, 2, 24),
    )
    assert cal.working_days_in(D(2026, 2, 14), D(2026, 2, 22)) == ()
    with pytest.raises(ValueError):
        cal.working_days_in(D(2026, 2, 24), D(2026, 2, 13))


def test_errors_are_words_without_personal_data() -> None:
    error = DateOutsideCalendar(day="2031-01-01", first_year=2024, last_year=2030)
    assert error.message == "The date 2031-01-01 is outside the working-day calendar, which covers 2024–2030."
    assert InvalidOpeningHours().message == "The opening hours are invalid."


# -- properties

DAYS = st.dates(D(FIRST, 1, 1), D(LAST, 12, 31))
EARLY_DAYS = st.dates(D(FIRST, 1, 1), D(2029, 6, 30))


@st.composite
def calendars(draw: st.DrawFn) -> WorkingCalendar:
    """Random sites: random working weekdays, optional receive-only days, random province days."""
    working = draw(st.sets(st.integers(0, 6), min_size=1))
    receive_only = draw(st.sets(st.integers(0, 6).filter(lambda d: d not in working), max_size=2))
    sessions = draw(st.sampled_from([(MORNING, AFTERNOON), (MORNING,), (AFTERNOON,)]))
    opening = OpeningHours.of({d: sessions for d in working | receive_only}, receive_only=receive_only)
    off = draw(st.sets(DAYS, max_size=25))
    make_up = draw(st.sets(DAYS, max_size=10)) - off
    return WorkingCalendar.vietnam(
        FIRST,
        LAST,
        opening=opening,
        days_off=[ProvinceDayOff(day, "Nghỉ theo tỉnh") for day in off],
        make_up_days=make_up,
    )


VN = holidays.country_holidays("VN", years=range(FIRST - 1, LAST + 2))


def reference_is_working(calendar: WorkingCalendar, day: dt.date) -> bool:
    """The documented priority rules, written out straight from the ``holidays`` package."""
    if day in {d.day for d in calendar.days_off}:
        return False
    if day in calendar.make_up_days:
        return True
    if day in VN:
        return False
    if day in VN.weekend_workdays:
        return True
    return day.weekday() in calendar.opening.working_weekdays


@given(calendars(), DAYS)
def test_random_calendars_follow_the_documented_rules(calendar: WorkingCalendar, day: dt.date) -> None:
    assert calendar.is_working_day(day) is reference_is_working(calendar, day)
    assert (calendar.off_day(day) is None) is calendar.is_working_day(day)
    if calendar.is_working_day(day):
        assert calendar.opening_on(day)  # a working day always has hours


@given(calendars())
def test_province_days_are_respected(calendar: WorkingCalendar) -> None:
    for item in calendar.days_off:
        assert not calendar.is_working_day(item.day)
        assert calendar.off_day(item.day).kind is OffKind.PROVINCE_DAY_OFF
        assert calendar.holiday_name(item.day) == "Nghỉ theo tỉnh"
    for day in calendar.make_up_days:
        assert calendar.is_working_day(day)


@given(calendars(), EARLY_DAYS, st.integers(0, 40))
def test_add_then_count_gives_n_back(calendar: WorkingCalendar, day: dt.date, n: int) -> None:
    later = calendar.add_working_days(day, n)
    assert calendar.working_days_between(day, later) == n
    assert later >= day
    if n:
        assert calendar.is_working_day(later)
        assert calendar.add_working_days(day, n + 1) > later
        assert len(calendar.working_days_in(day + dt.timedelta(days=1), later)) == n


@given(calendars(), EARLY_DAYS)
def test_next_working_day_skips_exactly_the_days_off(calendar: WorkingCalendar, day: dt.date) -> None:
    following = calendar.next_working_day(day)
    assert following > day and calendar.is_working_day(following)
    gap = [day + dt.timedelta(days=i) for i in range(1, (following - day).days)]
    assert not any(calendar.is_working_day(d) for d in gap)
    if calendar.is_working_day(day):
        assert calendar.previous_working_day(following) == day
        assert calendar.working_day_on_or_before(day) == calendar.working_day_on_or_after(day) == day
    else:
        assert calendar.working_day_on_or_after(day) == following


@given(calendars(), DAYS, DAYS)
def test_between_is_additive(calendar: WorkingCalendar, a: dt.date, b: dt.date) -> None:
    a, b = min(a, b), max(a, b)
    middle = a + (b - a) // 2
    assert calendar.working_days_between(a, b) == (
        calendar.working_days_between(a, middle) + calendar.working_days_between(middle, b)
    )
