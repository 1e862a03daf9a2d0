"""Report data: the register's dossiers for a period and on-time statistics per procedure."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossiers.dossier import Applicant, Dossier
from dossiers.lifecycle import Status
from dossiers.reports import (
    ProcedureStats,
    Timeliness,
    in_period,
    on_time_statistics,
    overall,
    period_text,
    register_dossiers,
    timeliness,
)
from dossiers.vietnam_time import VIETNAM_TIME
from dossiers.working_calendar import WorkingCalendar

VN = VIETNAM_TIME
CALENDAR = WorkingCalendar.vietnam(2025, 2026)
NOW = dt.datetime(2025, 9, 30, 10, 0, tzinfo=VN)
BIRTH = ("1.001193", "Đăng ký khai sinh")
COPY = ("2.000815", "Chứng thực bản sao từ bản chính")


def dossier(
    number: int,
    procedure: tuple[str, str] = BIRTH,
    *,
    received: dt.datetime = dt.datetime(2025, 9, 15, 9, 0, tzinfo=VN),
    appointment: dt.date | None = dt.date(2025, 9, 18),
    returned: dt.datetime | None = None,
    status: Status = Status.ACCEPTED,
    line: int | None = None,
) -> Dossier:
    return Dossier(
        dossier_id=f"d-{number}",
        procedure_code=procedure[0],
        procedure_name=procedure[1],
        applicant=Applicant("Nguyễn Văn Đức"),
        received_at=received,
        status=Status.RESULT_RETURNED if returned is not None else status,
        appointment=appointment,
        returned_at=returned,
        register_line=line,
    )


def at(day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(2025, 9, day, hour, 0, tzinfo=VN)


def test_timeliness_of_each_kind() -> None:
    assert timeliness(dossier(1, returned=at(17)), NOW) is Timeliness.EARLY
    assert timeliness(dossier(2, returned=at(18, 16)), NOW) is Timeliness.ON_TIME
    assert timeliness(dossier(3, returned=at(19)), NOW) is Timeliness.LATE
    assert timeliness(dossier(4), NOW) is Timeliness.LATE  # still out after its appointment: overdue
    assert timeliness(dossier(5, appointment=dt.date(2025, 10, 3)), NOW) is Timeliness.PENDING
    assert timeliness(dossier(6, appointment=dt.date(2025, 9, 30)), NOW) is Timeliness.PENDING  # due today
    assert timeliness(dossier(7, status=Status.REFUSED), NOW) is Timeliness.NOT_COUNTED
    assert timeliness(dossier(8, appointment=None), NOW) is Timeliness.NOT_COUNTED


def test_a_return_late_in_the_evening_utc_counts_by_the_vietnamese_day() -> None:
    # 18:30 UTC on the 17th is 01:30 on the 18th in Việt Nam: on time, not early
    returned = dt.datetime(2025, 9, 17, 18, 30, tzinfo=dt.UTC)
    assert timeliness(dossier(1, returned=returned), NOW) is Timeliness.ON_TIME


def test_statistics_per_procedure_on_a_hand_made_set() -> None:
    items = [
        dossier(1, returned=at(16)),  # early
        dossier(2, returned=at(17)),  # early
        dossier(3, returned=at(18)),  # on time
        dossier(4, returned=at(22)),  # late: 4 calendar days, 2 working days (Fri 19, Mon 22)
        dossier(5, appointment=dt.date(2025, 10, 2)),  # pending
        dossier(6, status=Status.WITHDRAWN),  # not counted
        dossier(7, COPY, appointment=dt.date(2025, 9, 15), returned=at(15)),  # on time
        dossier(8, COPY, appointment=dt.date(2025, 9, 26)),  # still out: late, 4 days, 2 working days
    ]
    birth, copy = on_time_statistics(items, NOW, CALENDAR)
    assert (birth.procedure_code, birth.procedure_name) == BIRTH
    assert (birth.early, birth.on_time, birth.late, birth.pending) == (2, 1, 1, 1)
    assert (birth.late_days, birth.late_working_days) == (4, 2)
    assert birth.total == 5 and birth.finished_or_due == 4
    assert birth.on_time_share == pytest.approx(0.75)
    assert (copy.early, copy.on_time, copy.late, copy.pending) == (0, 1, 1, 0)
    assert (copy.late_days, copy.late_working_days) == (4, 2)
    everything = overall([birth, copy])
    assert everything.procedure_code == ""
    assert (everything.early, everything.on_time, everything.late, everything.pending) == (2, 2, 2, 1)
    assert everything.late_days == 8


def test_statistics_of_nothing() -> None:
    assert on_time_statistics([], NOW, CALENDAR) == ()
    assert overall([]).on_time_share is None
    assert ProcedureStats("x", "y", pending=3).on_time_share is None


def test_statistics_need_a_calendar() -> None:
    with pytest.raises(TypeError, match="WorkingCalendar"):
        on_time_statistics([dossier(1)], NOW, "calendar")  # type: ignore[arg-type]


def test_register_takes_the_period_in_vietnamese_days_and_register_order() -> None:
    items = [
        dossier(1, received=at(2, 8), line=None),
        dossier(2, received=at(1, 9), line=None),
        dossier(3, received=dt.datetime(2025, 8, 31, 17, 30, tzinfo=dt.UTC), line=None),  # 1 Sep in VN
        dossier(4, received=at(3, 8), line=None),  # after the period
        dossier(5, received=at(2, 7), line=1),
    ]
    chosen = register_dossiers(items, dt.date(2025, 9, 1), dt.date(2025, 9, 2))
    assert [d.dossier_id for d in chosen] == ["d-5", "d-3", "d-2", "d-1"]
    assert in_period(items[2], dt.date(2025, 9, 1), dt.date(2025, 9, 1))
    assert not in_period(items[3], dt.date(2025, 9, 1), dt.date(2025, 9, 2))


def test_period_text() -> None:
    assert period_text(dt.date(2025, 9, 1), dt.date(2025, 9, 30)) == "Từ ngày 01/09/2025 đến ngày 30/09/2025"
    assert period_text(dt.date(2025, 9, 1), dt.date(2025, 9, 1)) == "Ngày 01/09/2025"


@pytest.mark.parametrize(
    "start, end, error",
    [
        (dt.date(2025, 9, 2), dt.date(2025, 9, 1), ValueError),
        (dt.datetime(2025, 9, 1), dt.date(2025, 9, 2), TypeError),
        ("2025-09-01", dt.date(2025, 9, 2), TypeError),
    ],
)
def test_bad_periods_are_refused(start: object, end: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        register_dossiers([], start, end)  # type: ignore[arg-type]
    with pytest.raises(error):
        period_text(start, end)  # type: ignore[arg-type]


@given(
    st.lists(
        st.tuples(
            st.sampled_from([BIRTH, COPY]),
            st.integers(0, 20),  # appointment: days after 1 Sep
            st.one_of(st.none(), st.integers(0, 25)),  # returned: days after 1 Sep
        ),
        max_size=30,
    )
)
def test_every_counted_dossier_lands_in_exactly_one_column(specs) -> None:
    items = [
        dossier(
            n,
            procedure,
            appointment=dt.date(2025, 9, 1) + dt.timedelta(days=due),
            returned=None if back is None else at(1) + dt.timedelta(days=back),
        )
        for n, (procedure, due, back) in enumerate(specs)
    ]
    stats = on_time_statistics(items, NOW, CALENDAR)
    assert overall(stats).total == len(items)
    assert sum(s.late for s in stats) == sum(timeliness(d, NOW) is Timeliness.LATE for d in items)
    for row in stats:
        assert (row.late_days == 0) == (row.late == 0)
