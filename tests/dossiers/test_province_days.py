"""The province's days off and make-up working days: parsed strictly, taken first by the desk's calendar."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossiers.errors import ProvinceDaysFormatError
from dossiers.province_days import FORMAT, parse_province_days
from dossiers.working_calendar import WorkingCalendar
from resources import resource_path


def _doc(**changes: object) -> bytes:
    return json.dumps(
        {"format": FORMAT, "version": 1, "days_off": [], "make_up_days": [], **changes}
    ).encode()


def test_the_shipped_file_is_empty_and_valid() -> None:
    assert parse_province_days(resource_path("calendar", "province_days.json").read_bytes()) == (
        (),
        frozenset(),
    )


def test_a_bridge_day_is_off_and_a_saturday_is_worked() -> None:
    bridge, saturday = dt.date(2027, 2, 12), dt.date(2027, 2, 20)  # a Friday, a Saturday
    days_off, worked = parse_province_days(
        _doc(
            days_off=[{"day": bridge.isoformat(), "name_vi": "Nghỉ bù Tết"}],
            make_up_days=[saturday.isoformat()],
        )
    )
    calendar = WorkingCalendar.vietnam(2027, 2027, days_off=days_off, make_up_days=worked)
    assert not calendar.is_working_day(bridge)
    assert calendar.is_working_day(saturday)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"{", "not valid JSON"),
        (json.dumps({"format": "x", "version": 1}).encode(), "is not a"),
        (
            _doc(days_off=[{"day": "2027-02-30", "name_vi": "x"}]),
            "days_off entry 1: '2027-02-30' is not a date",
        ),
        (_doc(days_off=[{"day": "2027-02-03"}]), "days_off entry 1: name_vi"),
        (_doc(make_up_days=["2027-02-20", 5]), "make_up_days entry 2"),
        (
            _doc(days_off=[{"day": "2027-02-20", "name_vi": "x"}], make_up_days=["2027-02-20"]),
            "both a day off",
        ),
        (_doc(days_off="2027-02-20"), "are lists"),
    ],
)
def test_anything_else_is_refused_saying_where(data: bytes, words: str) -> None:
    with pytest.raises(ProvinceDaysFormatError, match=words.replace("(", r"\(")):
        parse_province_days(data)


@given(st.binary(max_size=200))
def test_no_bytes_crash_the_parser(data: bytes) -> None:
    try:
        parse_province_days(data)
    except ProvinceDaysFormatError:
        pass
