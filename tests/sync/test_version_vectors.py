"""Version vectors: comparison, merge, dominance and their canonical form."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync.errors import BadEventData
from sync.version_vectors import (
    EventId,
    Ordering,
    VersionVector,
    check_counter,
    check_replica_id,
    merge_all,
)

vectors = st.dictionaries(st.sampled_from(["A", "B", "C", "D"]), st.integers(0, 6)).map(VersionVector)


def test_zero_entries_are_dropped_and_keys_sorted() -> None:
    vector = VersionVector({"B": 2, "A": 1, "C": 0})
    assert vector.to_dict() == {"A": 1, "B": 2}
    assert list(vector.to_dict()) == ["A", "B"]
    assert vector == VersionVector([("A", 1), ("B", 2)])
    assert hash(vector) == hash(VersionVector({"A": 1, "B": 2}))
    assert len(vector) == 2 and list(vector) == ["A", "B"]
    assert "C" not in vector and "A" in vector
    assert vector["C"] == 0 and vector["B"] == 2
    assert repr(vector) == "VersionVector({'A': 1, 'B': 2})"
    assert vector != {"A": 1, "B": 2}


@pytest.mark.parametrize(
    "bad",
    [{"A": -1}, {"A": True}, {"A": 1.0}, {"A": "1"}, {"": 1}, {" A": 1}, {1: 1}, {None: 1}],
)
def test_bad_vectors_are_refused(bad: dict) -> None:
    with pytest.raises(BadEventData):
        VersionVector(bad)
    with pytest.raises(BadEventData):
        VersionVector.from_dict(bad)


@pytest.mark.parametrize("bad", [[["A", 1]], "A:1", None, 3])
def test_from_dict_refuses_non_objects(bad: object) -> None:
    with pytest.raises(BadEventData):
        VersionVector.from_dict(bad)


def test_checks() -> None:
    assert check_replica_id("ws-1") == "ws-1"
    assert check_counter(0, minimum=0) == 0
    with pytest.raises(BadEventData):
        check_counter(0, minimum=1)
    with pytest.raises(BadEventData):
        check_replica_id("")


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ({}, {}, Ordering.EQUAL),
        ({"A": 1}, {"A": 1}, Ordering.EQUAL),
        ({"A": 1}, {"A": 2}, Ordering.BEFORE),
        ({}, {"B": 1}, Ordering.BEFORE),
        ({"A": 2, "B": 1}, {"A": 2}, Ordering.AFTER),
        ({"A": 2}, {"B": 1}, Ordering.CONCURRENT),
        ({"A": 2, "B": 1}, {"A": 1, "B": 2}, Ordering.CONCURRENT),
    ],
)
def test_compare(left: dict, right: dict, expected: Ordering) -> None:
    assert VersionVector(left).compare(VersionVector(right)) is expected


def test_dominates_includes_and_merge() -> None:
    old, new, other = VersionVector({"A": 1}), VersionVector({"A": 2, "B": 1}), VersionVector({"C": 4})
    assert new.dominates(old) and not old.dominates(new)
    assert old.dominates(old)
    assert not new.dominates(other) and not other.dominates(new)
    assert new.includes(EventId("A", 2)) and not new.includes(EventId("A", 3))
    assert not new.includes(EventId("C", 1))
    assert new.merge(other) == VersionVector({"A": 2, "B": 1, "C": 4})
    assert old.merge(new) == new
    assert old.with_event(EventId("B", 3)) == VersionVector({"A": 1, "B": 3})
    assert new.with_event(EventId("A", 1)) is new
    assert new.total() == 3 and VersionVector().total() == 0
    assert merge_all([old, new, other]) == new.merge(other)
    assert merge_all([]) == VersionVector()


def test_event_ids_order_and_print() -> None:
    assert str(EventId("ws-1", 7)) == "ws-1:7"
    assert max(EventId("A", 9), EventId("B", 1)) == EventId("B", 1)


@given(vectors, vectors, vectors)
def test_merge_is_a_join(a: VersionVector, b: VersionVector, c: VersionVector) -> None:
    assert a.merge(b) == b.merge(a)
    assert a.merge(b).merge(c) == a.merge(b.merge(c))
    assert a.merge(a) == a
    joined = a.merge(b)
    assert joined.dominates(a) and joined.dominates(b)
    if c.dominates(a) and c.dominates(b):
        assert c.dominates(joined)  # the least upper bound


@given(vectors, vectors)
def test_compare_agrees_with_dominates(a: VersionVector, b: VersionVector) -> None:
    order = a.compare(b)
    assert (
        order
        is {
            Ordering.EQUAL: Ordering.EQUAL,
            Ordering.BEFORE: Ordering.AFTER,
            Ordering.AFTER: Ordering.BEFORE,
            Ordering.CONCURRENT: Ordering.CONCURRENT,
        }[b.compare(a)]
    )
    assert (order is Ordering.EQUAL) == (a == b)
    assert (order in (Ordering.AFTER, Ordering.EQUAL)) == a.dominates(b)
    assert (order is Ordering.CONCURRENT) == (not a.dominates(b) and not b.dominates(a))
    if order is Ordering.AFTER:
        assert a.total() > b.total()


@given(vectors)
def test_canonical_form_round_trips(a: VersionVector) -> None:
    assert VersionVector.from_dict(a.to_dict()) == a
    assert all(counter > 0 for counter in a.to_dict().values())
