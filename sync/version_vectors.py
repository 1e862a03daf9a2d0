"""Version vectors: an immutable map replica id → counter, the only source of causality in sync.

A vector says "I have seen every event of replica ``r`` up to counter ``v[r]``". Missing replicas count as 0,
and zero entries are dropped so that equal knowledge has one canonical form.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from enum import Enum
from typing import Any, NamedTuple

from sync.errors import BadEventData


class EventId(NamedTuple):
    """The identity of a change event: the replica that made it and that replica's counter."""

    replica_id: str
    counter: int

    def __str__(self) -> str:
        return f"{self.replica_id}:{self.counter}"


class Ordering(Enum):
    """How two vectors relate."""

    BEFORE = "before"
    AFTER = "after"
    EQUAL = "equal"
    CONCURRENT = "concurrent"


def check_replica_id(value: Any, what: str = "replica id") -> str:
    """Return ``value`` if it is a usable replica id (a non-empty string without surrounding blanks)."""
    if not isinstance(value, str) or not value or value.strip() != value:
        raise BadEventData(f"a {what} must be a non-empty string without surrounding blanks")
    return value


MAX_COUNTER = 2**63 - 1
"""The largest counter: what a signed 64-bit database integer holds."""


def check_counter(value: Any, *, minimum: int) -> int:
    """Return ``value`` if it is an integer (not a bool) from ``minimum`` to :data:`MAX_COUNTER`."""
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= MAX_COUNTER:
        raise BadEventData(f"a counter must be an integer from {minimum} to 2^63 - 1")
    return value


class VersionVector(Mapping[str, int]):
    """An immutable, hashable version vector. ``v[r]`` is 0 for any replica it does not mention."""

    __slots__ = ("_counters", "_hash")

    def __init__(self, counters: Mapping[str, int] | Iterable[tuple[str, int]] = ()) -> None:
        items = counters.items() if isinstance(counters, Mapping) else counters
        clean: dict[str, int] = {}
        for replica_id, counter in items:
            check_replica_id(replica_id)
            check_counter(counter, minimum=0)
            if counter:
                clean[replica_id] = counter
        self._counters: dict[str, int] = dict(sorted(clean.items()))
        self._hash: int | None = None

    # Mapping protocol: a replica it does not mention maps to 0 through __getitem__.
    def __getitem__(self, replica_id: str) -> int:
        return self._counters.get(replica_id, 0)

    def __iter__(self) -> Iterator[str]:
        return iter(self._counters)

    def __len__(self) -> int:
        return len(self._counters)

    def __contains__(self, replica_id: object) -> bool:
        return replica_id in self._counters

    def __eq__(self, other: object) -> bool:
        if isinstance(other, VersionVector):
            return self._counters == other._counters
        return NotImplemented

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(tuple(self._counters.items()))
        return self._hash

    def __repr__(self) -> str:
        return f"VersionVector({self._counters!r})"

    def compare(self, other: VersionVector) -> Ordering:
        """BEFORE if ``self`` is strictly older than ``other``, AFTER if newer, EQUAL, or CONCURRENT."""
        less = greater = False
        for replica_id in self._counters.keys() | other._counters.keys():
            mine, theirs = self[replica_id], other[replica_id]
            if mine < theirs:
                less = True
            elif mine > theirs:
                greater = True
            if less and greater:
                return Ordering.CONCURRENT
        if less:
            return Ordering.BEFORE
        if greater:
            return Ordering.AFTER
        return Ordering.EQUAL

    def dominates(self, other: VersionVector) -> bool:
        """True if ``self`` has seen everything ``other`` has (pointwise ≥, so equal vectors dominate)."""
        return all(self[replica_id] >= counter for replica_id, counter in other._counters.items())

    def includes(self, event_id: EventId) -> bool:
        """True if the event ``event_id`` is within this vector's knowledge."""
        return self[event_id.replica_id] >= event_id.counter

    def merge(self, other: VersionVector) -> VersionVector:
        """The pointwise maximum: what is known when both sides' knowledge is combined."""
        merged = dict(self._counters)
        for replica_id, counter in other._counters.items():
            if counter > merged.get(replica_id, 0):
                merged[replica_id] = counter
        return VersionVector(merged)

    def with_event(self, event_id: EventId) -> VersionVector:
        """This vector raised to include ``event_id``."""
        if self.includes(event_id):
            return self
        return VersionVector({**self._counters, event_id.replica_id: event_id.counter})

    def total(self) -> int:
        """Sum of the counters; strictly grows along causal order, so it sorts events causally."""
        return sum(self._counters.values())

    def to_dict(self) -> dict[str, int]:
        """Canonical serialisable form: sorted keys, no zero entries."""
        return dict(self._counters)

    @classmethod
    def from_dict(cls, data: Any) -> VersionVector:
        """Decode :meth:`to_dict`'s output, raising :class:`BadEventData` on anything else."""
        if not isinstance(data, Mapping):
            raise BadEventData("a version vector must be a JSON object of replica id → counter")
        return cls(data)


def merge_all(vectors: Iterable[VersionVector]) -> VersionVector:
    """The pointwise maximum of any number of vectors (the empty vector for none)."""
    merged: dict[str, int] = {}
    for vector in vectors:
        for replica_id, counter in vector.items():
            if counter > merged.get(replica_id, 0):
                merged[replica_id] = counter
    return VersionVector(merged)
