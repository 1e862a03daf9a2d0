"""Offline dossier numbers: blocks per workstation, next numbers, the server's split and overlap check."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossiers.code_allocation import (
    MAX_SEQUENCE,
    MIN_SEQUENCE,
    SequenceSpace,
    check_no_overlap,
    find_overlaps,
    next_code,
    next_sequence,
    split_space,
)
from dossiers.dossier_codes import DossierCode, format_code
from dossiers.errors import DossierCodeError, SequenceExhausted, SequenceOverlap

AGENCY = "000.00.01.H22"
DAY = dt.date(2025, 7, 1)


def space(first: int, last: int, workstation: str = "pc-1", agency: str = AGENCY) -> SequenceSpace:
    return SequenceSpace(agency, workstation, first, last)


# --- SequenceSpace ---


def test_space_reads_like_a_clerk_would() -> None:
    block = space(1, 4999)
    assert (block.size, block.label) == (4999, "0001–4999")
    assert 1 in block and 4999 in block
    assert 0 not in block and 5000 not in block and True not in block and "1" not in block


@pytest.mark.parametrize(
    ("agency", "workstation", "first", "last", "exc"),
    [
        ("h22", "pc-1", 1, 10, ValueError),
        ("", "pc-1", 1, 10, ValueError),
        (AGENCY, "", 1, 10, ValueError),
        (AGENCY, "  ", 1, 10, ValueError),
        (AGENCY, None, 1, 10, ValueError),
        (AGENCY, "pc-1", 0, 10, ValueError),
        (AGENCY, "pc-1", 1, 10000, ValueError),
        (AGENCY, "pc-1", 11, 10, ValueError),
        (AGENCY, "pc-1", -5, 10, ValueError),
        (AGENCY, "pc-1", True, 10, TypeError),
        (AGENCY, "pc-1", 1.0, 10, TypeError),
        (AGENCY, "pc-1", 1, "10", TypeError),
    ],
)
def test_space_rejects_bad_blocks(
    agency: object, workstation: object, first: object, last: object, exc: type
) -> None:
    with pytest.raises(exc):
        SequenceSpace(agency, workstation, first, last)  # type: ignore[arg-type]


# --- next_sequence and next_code ---


def test_first_number_of_the_day_is_the_start_of_the_block() -> None:
    block = space(5000, 9999)
    assert next_sequence(block, None, DAY) == 5000
    assert next_sequence(block, 0, DAY) == 5000
    assert next_sequence(block, set(), DAY) == 5000
    assert next_sequence(block, frozenset({1, 2, 3}), DAY) == 5000  # another workstation's numbers


def test_next_number_follows_the_last_one() -> None:
    block = space(5000, 9999)
    assert next_sequence(block, 5000, DAY) == 5001
    assert next_sequence(block, 9998, DAY) == 9999


def test_gaps_are_never_filled() -> None:
    block = space(1, 100)
    assert next_sequence(block, {1, 2, 7}, DAY) == 8
    assert next_sequence(block, {7, 200, 9999}, DAY) == 8


def test_a_used_up_block_is_exhausted_and_never_wraps_around() -> None:
    block = space(1, 3)
    for used in (3, {1, 2, 3}, {3}):
        with pytest.raises(SequenceExhausted) as caught:
            next_sequence(block, used, DAY)
        assert caught.value.params == {"day": "2025-07-01", "first": "0001", "last": "0003"}
        assert "0001–0003" in caught.value.message and "2025-07-01" in caught.value.message
        assert isinstance(caught.value, DossierCodeError)
    single = space(9999, 9999)
    assert next_sequence(single, None, DAY) == 9999
    with pytest.raises(SequenceExhausted):
        next_sequence(single, 9999, DAY)


@pytest.mark.parametrize(
    ("used", "exc"),
    [
        (4, ValueError),  # a last number outside the block: the caller's state is wrong
        (101, ValueError),
        (-1, ValueError),
        ({0, 10}, ValueError),
        ({10, 10000}, ValueError),
        ({"10"}, ValueError),
        ({True}, ValueError),
        ([10, 11], TypeError),
        ("10", TypeError),
        (10.0, TypeError),
        (True, TypeError),
    ],
)
def test_next_sequence_rejects_bad_used_numbers(used: object, exc: type) -> None:
    with pytest.raises(exc):
        next_sequence(space(5, 100), used, DAY)  # type: ignore[arg-type]


def test_next_sequence_rejects_a_bad_space_or_day() -> None:
    with pytest.raises(TypeError):
        next_sequence((1, 100), None, DAY)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        next_sequence(space(1, 100), None, dt.datetime(2025, 7, 1, 8))
    with pytest.raises(TypeError):
        next_sequence(space(1, 100), None, "2025-07-01")  # type: ignore[arg-type]


def test_next_code_is_the_printed_code() -> None:
    code = next_code(space(5000, 9999), 5011, DAY)
    assert code == DossierCode(AGENCY, DAY, 5012)
    assert format_code(code) == "000.00.01.H22-250701-5012"
    with pytest.raises(SequenceExhausted):
        next_code(space(1, 1), 1, DAY)
    with pytest.raises(TypeError):
        next_code(space(1, 1), None, None)  # type: ignore[arg-type]


# --- split_space ---


def test_two_workstations_share_the_day_evenly() -> None:
    first, second = split_space(AGENCY, ["pc-1", "pc-2"])
    assert (first.workstation, first.label) == ("pc-1", "0001–5000")
    assert (second.workstation, second.label) == ("pc-2", "5001–9999")


def test_split_with_weights_and_a_spare_range() -> None:
    blocks = split_space(AGENCY, ["main", "spare"], last=8999, weights=[3, 1])
    assert [b.label for b in blocks] == ["0001–6749", "6750–8999"]
    single = split_space("H55.242", ["only"])
    assert single == (SequenceSpace("H55.242", "only", MIN_SEQUENCE, MAX_SEQUENCE),)
    tight = split_space(AGENCY, ["a", "b", "c"], first=10, last=12, weights=[100, 1, 1])
    assert [(b.first, b.last) for b in tight] == [(10, 10), (11, 11), (12, 12)]


@pytest.mark.parametrize(
    ("kwargs", "exc"),
    [
        ({"workstations": []}, ValueError),
        ({"workstations": "pc-1"}, TypeError),
        ({"workstations": {"pc-1", "pc-2"}}, TypeError),
        ({"workstations": ["pc-1", "pc-1"]}, ValueError),
        ({"workstations": ["pc-1", ""]}, ValueError),
        ({"workstations": ["a", "b", "c"], "first": 1, "last": 2}, ValueError),
        ({"workstations": ["a"], "first": 0}, ValueError),
        ({"workstations": ["a"], "last": 10000}, ValueError),
        ({"workstations": ["a"], "first": 20, "last": 10}, ValueError),
        ({"workstations": ["a"], "first": "1"}, TypeError),
        ({"workstations": ["a", "b"], "weights": [1]}, ValueError),
        ({"workstations": ["a", "b"], "weights": [1, 0]}, ValueError),
        ({"workstations": ["a", "b"], "weights": [1, -2]}, ValueError),
        ({"workstations": ["a", "b"], "weights": [1, True]}, ValueError),
        ({"workstations": ["a", "b"], "weights": "12"}, ValueError),
        ({"workstations": ["a"], "agency": "not an agency"}, ValueError),
    ],
)
def test_split_rejects_bad_inputs(kwargs: dict, exc: type) -> None:
    arguments = {"agency": AGENCY, **kwargs}
    agency, workstations = arguments.pop("agency"), arguments.pop("workstations")
    with pytest.raises(exc):
        split_space(agency, workstations, **arguments)


# --- overlaps ---


def test_disjoint_and_touching_blocks_do_not_overlap() -> None:
    blocks = [space(1, 100, "a"), space(101, 200, "b"), space(500, 600, "c")]
    assert find_overlaps(blocks) == []
    check_no_overlap(blocks)
    check_no_overlap([])


def test_the_same_numbers_for_another_agency_do_not_overlap() -> None:
    check_no_overlap([space(1, 9999, "a"), space(1, 9999, "b", agency="H55.242")])


def test_overlaps_are_found_and_named() -> None:
    a, b, c = space(1, 100, "a"), space(50, 60, "b"), space(90, 300, "c")
    assert find_overlaps([c, b, a]) == [(a, b), (a, c)]
    with pytest.raises(SequenceOverlap) as caught:
        check_no_overlap([c, b, a])
    assert caught.value.params == {
        "agency": AGENCY,
        "first_workstation": "a",
        "second_workstation": "b",
        "overlap_first": "0050",
        "overlap_last": "0060",
    }
    assert "0050–0060" in caught.value.message


def test_the_same_block_twice_overlaps() -> None:
    with pytest.raises(SequenceOverlap):
        check_no_overlap([space(1, 10, "a"), space(1, 10, "a")])


def test_overlap_check_rejects_non_spaces() -> None:
    with pytest.raises(TypeError):
        find_overlaps([space(1, 10), (1, 10)])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        check_no_overlap([None])  # type: ignore[list-item]


# --- properties ---


@st.composite
def assignments(draw: st.DrawFn) -> tuple[SequenceSpace, ...]:
    count = draw(st.integers(1, 8))
    first = draw(st.integers(1, 9999 - count + 1))
    last = draw(
        st.integers(first + count - 1, min(9999, first + count - 1 + draw(st.sampled_from([0, 5, 40, 9999]))))
    )
    weights = draw(st.none() | st.lists(st.integers(1, 50), min_size=count, max_size=count))
    return split_space(AGENCY, [f"pc-{i}" for i in range(count)], first=first, last=last, weights=weights)


@given(assignments())
def test_the_split_covers_the_range_without_overlap(blocks: tuple[SequenceSpace, ...]) -> None:
    check_no_overlap(blocks)
    for earlier, later in zip(blocks, blocks[1:], strict=False):
        assert later.first == earlier.last + 1
    assert all(b.size >= 1 for b in blocks)


@given(st.integers(1, 12), st.integers(12, 9999))
def test_an_even_split_differs_by_at_most_one(count: int, last: int) -> None:
    sizes = [b.size for b in split_space(AGENCY, [str(i) for i in range(count)], last=last)]
    assert sum(sizes) == last and max(sizes) - min(sizes) <= 1


@given(
    assignments(),
    st.lists(
        st.tuples(st.integers(0, 7), st.integers(0, 2), st.booleans(), st.integers(0, 3)),
        max_size=200,
    ),
)
def test_offline_workstations_never_print_the_same_code(
    blocks: tuple[SequenceSpace, ...], steps: list[tuple[int, int, bool, int]]
) -> None:
    """Each step: a workstation, a day, whether it passes its last number or the numbers it knows, a void."""
    days = [DAY, DAY + dt.timedelta(days=1), dt.date(2026, 1, 1)]
    printed: set[str] = set()
    issued: dict[tuple[str, dt.date], list[int]] = {}
    for which, day_index, as_set, voided in steps:
        block = blocks[which % len(blocks)]
        day = days[day_index]
        mine = issued.setdefault((block.workstation, day), [])
        # What it knows: its own numbers, plus every number printed today by the others (after a LAN sync).
        known = {n for (_, d), numbers in issued.items() if d == day for n in numbers}
        used: int | set[int] | None = known if as_set else (mine[-1] if mine else None)
        try:
            code = next_code(block, used, day)
        except SequenceExhausted:
            assert mine and mine[-1] == block.last
            continue
        assert MIN_SEQUENCE <= code.sequence <= MAX_SEQUENCE
        assert code.sequence in block
        assert not mine or code.sequence > mine[-1]
        text = format_code(code)
        assert text not in printed
        printed.add(text)
        mine.append(code.sequence)
        if voided and code.sequence < block.last:
            mine.append(code.sequence + 1)  # a receipt printed and voided: the number stays used
            printed.add(format_code(DossierCode(block.agency, day, code.sequence + 1)))
