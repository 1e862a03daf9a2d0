"""Derive a record's state from its set of change events, deterministically and whatever the delivery order.

The result depends only on the *set* of events (duplicates are ignored): events are walked in a fixed causal
order (context total, then event id), and causality comes from version vectors only, never from clocks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sync.change_events import ChangeEvent, FrozenDict, canonical_json, encode_event, freeze
from sync.conflicts import Competitor, Conflict, ResolvedConflict, resolved_conflicts
from sync.errors import BadEventData
from sync.field_policies import FieldKind, FieldSpec, RecordType
from sync.version_vectors import EventId, VersionVector, merge_all


@dataclass(frozen=True)
class RejectedWrite:
    """A write kept out of the state, with a stable ``reason`` code; kept so that nothing is silently lost.

    Reasons: ``unknown_field``, ``wrong_side`` (params: side, owner), ``bad_value`` (a set/log write that is
    not a list), ``transition_refused`` (params: error, the state machine's message).
    """

    event_id: EventId
    field: str
    value: Any
    reason: str
    params: FrozenDict


@dataclass(frozen=True)
class RecordState:
    """What a record is, derived from its events.

    ``values`` has every field with a value: a register or owned field never written is absent; a set is a
    tuple of items sorted by canonical JSON; a log a tuple of entries in causal order; a state its state.
    """

    record_type: str
    record_id: str
    values: FrozenDict
    conflicts: tuple[Conflict, ...]
    rejected: tuple[RejectedWrite, ...]
    resolved: tuple[ResolvedConflict, ...]
    vector: VersionVector
    history: tuple[ChangeEvent, ...]

    def __repr__(self) -> str:  # values may be personal data: field names only
        return (
            f"RecordState({self.record_type}/{self.record_id}, fields={sorted(self.values)},"
            f" conflicts={[c.field for c in self.conflicts]}, events={len(self.history)})"
        )

    def get(self, field: str, default: Any = None) -> Any:
        return self.values.get(field, default)

    def conflict(self, field: str) -> Conflict | None:
        """The open conflict on ``field``, if any."""
        for conflict in self.conflicts:
            if conflict.field == field:
                return conflict
        return None


def _reject(event: ChangeEvent, field: str, reason: str, **params: Any) -> RejectedWrite:
    return RejectedWrite(event.id, field, event.fields[field], reason, FrozenDict(params))


def _distinct(events: Iterable[ChangeEvent], record_type: str, record_id: str) -> list[ChangeEvent]:
    """The events without duplicates, in causal order; two different events with one id are corrupt data."""
    unique: dict[EventId, ChangeEvent] = {}
    for event in events:
        if event.record_type != record_type or event.record_id != record_id:
            raise BadEventData(f"event {event.id} belongs to another record")
        known = unique.get(event.id)
        if known is None:
            unique[event.id] = event
        elif known is not event and encode_event(known) != encode_event(event):
            raise BadEventData(f"two different events carry the id {event.id}")
    return sorted(unique.values(), key=ChangeEvent.causal_key)


def _merge_register(
    spec: FieldSpec, writes: list[ChangeEvent], record_type: str, record_id: str
) -> tuple[Any, Conflict | None]:
    """The value of a single-value field, and a conflict if the latest writes are concurrent and differ."""
    frontier: list[ChangeEvent] = []  # writes no other write of this field has seen
    for event in reversed(writes):
        if not any(event.happened_before(later) for later in frontier):
            frontier.append(event)
    if len(frontier) == 1:  # one latest write (the usual case): no competitor to compare
        return frontier[0].fields[spec.name], None
    winner = max(frontier, key=lambda event: event.id)
    value = winner.fields[spec.name]
    if len({canonical_json(event.fields[spec.name]) for event in frontier}) == 1:
        return value, None
    competitors = tuple(Competitor.of(event, spec.name) for event in sorted(frontier, key=lambda e: e.id))
    return value, Conflict(record_type, record_id, spec.name, spec.kind, competitors, winner.id)


def _merge_state(
    spec: FieldSpec, writes: list[ChangeEvent], record_type: str, record_id: str
) -> tuple[Any, Conflict | None, list[RejectedWrite]]:
    """Fold the transitions in causal order; concurrent ones the machine cannot order become a conflict."""
    machine = spec.machine
    assert machine is not None
    name = spec.name
    settled = {event_id for event in writes for event_id in event.resolves}
    current = freeze(machine.initial)
    applied: list[ChangeEvent] = []
    held: list[ChangeEvent] = []
    blockers: dict[EventId, ChangeEvent] = {}
    rejected: list[RejectedWrite] = []
    for event in writes:
        if event.id in settled:
            continue  # replaced by the resolution that names it; it stays in history
        transition = event.fields[name]
        if any(earlier.happened_before(event) for earlier in held):
            held.append(event)  # built on a branch that is itself in conflict
            continue
        concurrent = [done for done in applied if not done.happened_before(event)]
        same = canonical_json(transition)
        if any(canonical_json(done.fields[name]) == same for done in concurrent):
            applied.append(event)  # the same transition made twice concurrently: one effect, no conflict
            continue
        unorderable = [done for done in concurrent if not machine.can_order(done.fields[name], transition)]
        if unorderable:
            held.append(event)
            blockers.update((done.id, done) for done in unorderable)
            continue
        try:
            current = freeze(machine.apply(current, transition))
        except Exception as exc:  # the domain's refusal, whatever its exception type
            if concurrent:
                held.append(event)  # allowed where it was made; the concurrent transitions moved the state
                blockers.update((done.id, done) for done in concurrent)
            else:
                rejected.append(_reject(event, name, "transition_refused", error=str(exc)))
            continue
        applied.append(event)
    if not held:
        return current, None, rejected
    involved = sorted([*held, *blockers.values()], key=lambda event: event.id)
    provisional = max(blockers.values(), key=ChangeEvent.causal_key) if blockers else held[0]
    competitors = tuple(Competitor.of(event, name) for event in involved)
    return current, Conflict(record_type, record_id, name, spec.kind, competitors, provisional.id), rejected


def merge_record(record_type: RecordType, record_id: str, events: Iterable[ChangeEvent]) -> RecordState:
    """The state of record ``record_id`` given its events (in any order, duplicates allowed)."""
    ordered = _distinct(events, record_type.name, record_id)
    specs = record_type.by_name
    values: dict[str, Any] = {}
    conflicts: list[Conflict] = []
    rejected: list[RejectedWrite] = []
    writes: dict[str, list[ChangeEvent]] = {spec.name: [] for spec in record_type.fields}
    for event in ordered:
        for name in event.fields:
            spec = specs.get(name)
            if spec is None:
                rejected.append(_reject(event, name, "unknown_field"))
            elif not spec.writable_by(event.side):
                rejected.append(_reject(event, name, "wrong_side", side=event.side, owner=spec.owner))
            elif spec.kind in (FieldKind.SET, FieldKind.LOG) and not isinstance(event.fields[name], tuple):
                rejected.append(_reject(event, name, "bad_value"))
            else:
                writes[name].append(event)
    for spec in record_type.fields:
        field_writes = writes[spec.name]
        if spec.is_single_value:
            if field_writes:
                values[spec.name], conflict = _merge_register(spec, field_writes, record_type.name, record_id)
                if conflict is not None:
                    conflicts.append(conflict)
        elif spec.kind is FieldKind.SET:
            items = {canonical_json(item): item for event in field_writes for item in event.fields[spec.name]}
            values[spec.name] = tuple(items[key] for key in sorted(items))
        elif spec.kind is FieldKind.LOG:
            values[spec.name] = tuple(entry for event in field_writes for entry in event.fields[spec.name])
        else:
            values[spec.name], conflict, refused = _merge_state(
                spec, field_writes, record_type.name, record_id
            )
            rejected.extend(refused)
            if conflict is not None:
                conflicts.append(conflict)
    resolutions = [event for event in ordered if event.resolves]
    resolved = (
        tuple(item for spec in record_type.fields for item in resolved_conflicts(resolutions, spec.name))
        if resolutions
        else ()
    )
    vector = merge_all([*(event.context for event in ordered), VersionVector(dict(_max_dots(ordered)))])
    return RecordState(
        record_type=record_type.name,
        record_id=record_id,
        values=FrozenDict(values),
        conflicts=tuple(conflicts),
        rejected=tuple(sorted(rejected, key=lambda item: (item.event_id, item.field))),
        resolved=resolved,
        vector=vector,
        history=tuple(ordered),
    )


def _max_dots(events: Iterable[ChangeEvent]) -> dict[str, int]:
    dots: dict[str, int] = {}
    for event in events:
        if event.id.counter > dots.get(event.id.replica_id, 0):
            dots[event.id.replica_id] = event.id.counter
    return dots
