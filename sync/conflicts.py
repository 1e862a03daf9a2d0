"""Conflicts: concurrent writes a person must decide between, how to describe them, and how to resolve them.

A resolution is an ordinary change event, made after (its context dominates) every competing write, that
names the writes it settles in ``resolves``. Resolved conflicts stay visible as :class:`ResolvedConflict`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sync.change_events import ChangeEvent, canonical_json, freeze, thaw
from sync.errors import WriteRejected
from sync.field_policies import FieldKind
from sync.version_vectors import EventId, VersionVector

UNSET = object()


@dataclass(frozen=True)
class Competitor:
    """One competing write: its value (for a state field, the transition), who, where, when (device clock)."""

    event_id: EventId
    value: Any
    author: str
    side: str
    device_time: datetime

    def __repr__(self) -> str:  # the value may be personal data
        return f"Competitor({self.event_id}, side={self.side!r})"

    @property
    def replica_id(self) -> str:
        return self.event_id.replica_id

    @classmethod
    def of(cls, event: ChangeEvent, field: str) -> Competitor:
        return cls(event.id, event.fields[field], event.author, event.side, event.device_time)


@dataclass(frozen=True)
class Conflict:
    """Concurrent writes to one field of a record; ``provisional`` is shown until a person decides."""

    record_type: str
    record_id: str
    field: str
    kind: FieldKind
    competitors: tuple[Competitor, ...]
    provisional: EventId

    @property
    def event_ids(self) -> tuple[EventId, ...]:
        return tuple(competitor.event_id for competitor in self.competitors)

    def values(self) -> tuple[Any, ...]:
        """The distinct competing values, in the order of their first write."""
        seen: dict[str, Any] = {}
        for competitor in self.competitors:
            seen.setdefault(canonical_json(competitor.value), competitor.value)
        return tuple(seen.values())

    def competitor(self, event_id: EventId) -> Competitor:
        for competitor in self.competitors:
            if competitor.event_id == event_id:
                return competitor
        raise WriteRejected(
            "the chosen write is not part of this conflict", field=self.field, reason="bad_choice"
        )


@dataclass(frozen=True)
class ResolvedConflict:
    """A conflict a person settled: the writes it settled, the value chosen, who chose and when."""

    record_type: str
    record_id: str
    field: str
    resolved: tuple[EventId, ...]
    value: Any
    by: EventId
    author: str
    device_time: datetime


def explain(conflict: Conflict) -> dict[str, Any]:
    """A structured description a UI can word: the field, each distinct value, who wrote it, where and when.

    Times are the writers' device clocks (information only; they decided nothing).
    """
    choices: dict[str, dict[str, Any]] = {}
    for competitor in conflict.competitors:
        key = canonical_json(competitor.value)
        choice = choices.setdefault(
            key, {"value": thaw(competitor.value), "provisional": False, "writes": []}
        )
        choice["writes"].append(
            {
                "event": str(competitor.event_id),
                "author": competitor.author,
                "side": competitor.side,
                "replica": competitor.replica_id,
                "device_time": competitor.device_time.isoformat(),
            }
        )
        if competitor.event_id == conflict.provisional:
            choice["provisional"] = True
    return {
        "record_type": conflict.record_type,
        "record_id": conflict.record_id,
        "field": conflict.field,
        "kind": conflict.kind.value,
        "provisional_event": str(conflict.provisional),
        "choices": list(choices.values()),
    }


def resolution_event(
    conflict: Conflict,
    *,
    event_id: EventId,
    context: VersionVector,
    author: str,
    side: str,
    device_time: datetime,
    choose: EventId | None = None,
    value: Any = UNSET,
) -> ChangeEvent:
    """The event that resolves ``conflict`` by choosing a competitor's value (``choose``) or a new ``value``.

    ``context`` must dominate every competing write (the resolver saw them all).
    """
    if (choose is None) == (value is UNSET):
        raise WriteRejected(
            "a resolution chooses one write or gives a new value", field=conflict.field, reason="bad_choice"
        )
    chosen = conflict.competitor(choose).value if choose is not None else freeze(value)
    for competitor in conflict.competitors:
        if not context.includes(competitor.event_id):
            raise WriteRejected(
                "a resolution must be made after every competing write",
                field=conflict.field,
                reason="resolution_too_early",
            )
    return ChangeEvent(
        id=event_id,
        record_type=conflict.record_type,
        record_id=conflict.record_id,
        fields={conflict.field: chosen},
        context=context,
        device_time=device_time,
        author=author,
        side=side,
        resolves=conflict.event_ids,
    )


def resolved_conflicts(events: Iterable[ChangeEvent], field: str) -> tuple[ResolvedConflict, ...]:
    """The resolutions among ``events`` that wrote ``field``, oldest first (causal order)."""
    found = []
    for event in sorted(events, key=ChangeEvent.causal_key):
        if event.resolves and field in event.fields:
            found.append(
                ResolvedConflict(
                    record_type=event.record_type,
                    record_id=event.record_id,
                    field=field,
                    resolved=event.resolves,
                    value=event.fields[field],
                    by=event.id,
                    author=event.author,
                    device_time=event.device_time,
                )
            )
    return tuple(found)
