"""The in-memory replica, and convergence over many replicas with random edits and random partial syncs."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from hypothesis import event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from sync.change_events import ChangeEvent
from sync.errors import (
    BadEventData,
    ConflictOpen,
    ReplicaIdReused,
    TransitionRefused,
    WriteRejected,
    WrongSide,
)
from sync.field_policies import RecordType, register
from sync.record_merge import merge_record
from sync.replica_memory import MemoryReplica
from sync.version_vectors import EventId, VersionVector
from tests.helpers.record_cases import CASE, LIFECYCLE, T0


def clock(start: datetime) -> Callable[[], datetime]:
    ticks = itertools.count()
    return lambda: start + timedelta(seconds=next(ticks))


def replica(name: str, side: str = "desk", start: datetime = T0) -> MemoryReplica:
    return MemoryReplica(name, side, [CASE], clock(start))


# -- the replica -------------------------------------------------------------------------------------------


def test_local_writes_take_the_next_counter_and_the_record_vector() -> None:
    desk = replica("desk-1", start=T0 + timedelta(days=4000))
    other = replica("desk-2")
    seen = other.write("case", "r1", {"phone": "1"}, author="b")
    other.write("case", "r2", {"phone": "x"}, author="b")
    desk.receive(other.missing_for(desk.vector()))
    first = desk.write("case", "r1", {"phone": "2"}, author="a")
    second = desk.write("case", "r9", {"notes": ["n"]}, author="a")
    assert first.id == EventId("desk-1", 1) and second.id == EventId("desk-1", 2)
    assert first.context == VersionVector({"desk-2": 1})  # the record's vector, not the replica's
    assert second.context == VersionVector()
    assert first.context.includes(seen.id)
    assert first.device_time == T0 + timedelta(days=4000) and second.device_time > first.device_time
    assert first.author == "a" and first.side == "desk"
    assert desk.vector() == VersionVector({"desk-1": 2, "desk-2": 2})
    assert desk.record_keys() == [("case", "r1"), ("case", "r2"), ("case", "r9")]
    assert desk.record("case", "r1").get("phone") == "2"
    assert desk.record("case", "unknown").history == ()


def test_missing_for_returns_what_the_other_side_lacks_causes_first() -> None:
    desk = replica("desk-1")
    events = [desk.write("case", "r1", {"notes": [str(n)]}, author="a") for n in range(4)]
    assert desk.missing_for(VersionVector()) == events
    assert desk.missing_for(VersionVector({"desk-1": 2})) == events[2:]
    assert desk.missing_for(desk.vector()) == []


def test_receive_is_idempotent() -> None:
    desk, other = replica("desk-1"), replica("desk-2")
    other.write("case", "r1", {"phone": "1", "documents": ["a"]}, author="b")
    batch = other.missing_for(VersionVector())
    first = desk.receive(batch)
    state = desk.record("case", "r1")
    again = desk.receive(batch + batch)
    assert (first.new, first.duplicates, first.waiting) == (1, 0, 0)
    assert (again.new, again.duplicates) == (0, 2)
    assert desk.record("case", "r1") == state and desk.events() == tuple(batch)


def test_out_of_order_events_wait_for_their_causes_and_are_passed_on() -> None:
    origin, middle, last = replica("origin"), replica("middle"), replica("last")
    made = [origin.write("case", "r1", {"phone": str(n)}, author="a") for n in range(3)]
    report = middle.receive([made[2], made[1]])
    assert report.waiting == 2 and middle.vector() == VersionVector()
    assert middle.record("case", "r1").history == ()
    assert middle.waiting() == (made[1], made[2])
    # waiting events travel on; a local write does not claim to have seen them
    last.receive(middle.missing_for(last.vector()))
    assert last.waiting() == (made[1], made[2])
    local = middle.write("case", "r1", {"phone": "mine"}, author="b")
    assert local.context == VersionVector()
    middle.receive([made[0]])
    assert middle.waiting() == () and middle.vector()["origin"] == 3
    assert middle.record("case", "r1").conflict("phone") is not None  # "mine" never saw the others
    last.receive(origin.missing_for(last.vector()))
    assert last.record("case", "r1").get("phone") == "2"


def test_an_event_waits_for_what_its_context_names() -> None:
    a, b, c = replica("a"), replica("b"), replica("c")
    first = a.write("case", "r1", {"phone": "1"}, author="x")
    b.receive([first])
    second = b.write("case", "r1", {"phone": "2"}, author="y")
    c.receive([second])
    assert c.waiting() == (second,)
    c.receive([first])
    assert c.record("case", "r1").get("phone") == "2" and c.record("case", "r1").conflicts == ()


def test_receive_checks_the_whole_batch_first() -> None:
    desk, other = replica("desk-1"), replica("desk-2")
    good = other.write("case", "r1", {"phone": "1"}, author="b")
    clash = ChangeEvent(good.id, "case", "r1", {"phone": "2"}, VersionVector(), T0, "b", "desk")
    with pytest.raises(BadEventData, match="two different events"):
        desk.receive([good, clash])
    assert desk.events() == () and desk.waiting() == ()
    desk.receive([good])
    with pytest.raises(BadEventData):
        desk.receive([clash])
    with pytest.raises(BadEventData):
        desk.receive(["not an event"])  # type: ignore[list-item]
    mine = ChangeEvent(EventId("desk-1", 1), "case", "r1", {"phone": "3"}, VersionVector(), T0, "c", "desk")
    with pytest.raises(ReplicaIdReused):
        desk.receive([mine])


def test_events_of_an_unknown_record_type_are_kept_and_passed_on() -> None:
    newer = MemoryReplica("newer", "desk", [CASE, RecordType("letter", [register("to")])], clock(T0))
    older = replica("older")
    letter = newer.write("letter", "l1", {"to": "x"}, author="a")
    older.receive(newer.missing_for(older.vector()))
    assert older.events() == (letter,) and older.open_conflicts() == ()
    assert older.missing_for(VersionVector()) == [letter]
    with pytest.raises(WriteRejected, match="unknown record type"):
        older.record("letter", "l1")


def test_restoring_an_old_backup_takes_a_new_replica_id() -> None:
    desk, server = replica("desk-1"), replica("server", "province")
    desk.write("case", "r1", {"phone": "1"}, author="a")
    old = desk.backup()
    desk.write("case", "r1", {"phone": "2"}, author="a")
    server.receive(desk.missing_for(server.vector()))
    with pytest.raises(ReplicaIdReused):
        MemoryReplica.restore(old, "desk-1", [CASE], clock(T0))
    with pytest.raises(ReplicaIdReused):
        MemoryReplica.restore(server.backup(), "desk-1", [CASE], clock(T0))  # the id appears in its events
    restored = MemoryReplica.restore(old, "desk-1b", [CASE], clock(T0 - timedelta(days=2000)))
    assert restored.side == "desk" and restored.vector() == VersionVector({"desk-1": 1})
    assert restored.record("case", "r1").get("phone") == "1"
    made = restored.write("case", "r1", {"phone": "3"}, author="a")
    assert made.id == EventId("desk-1b", 1)
    restored.receive(server.missing_for(restored.vector()))  # the old id's later write comes back
    server.receive(restored.missing_for(server.vector()))
    assert restored.record("case", "r1") == server.record("case", "r1")
    assert set(restored.record("case", "r1").conflict("phone").values()) == {"2", "3"}


# -- convergence -------------------------------------------------------------------------------------------

TRANSITIONS = ["process", "request_supplement", "return_result", "stop", "note"]
FIELDS = ["phone", "documents", "notes", "status", "decision"]
RECORDS = ["r1", "r2"]
slots = st.integers(0, 5)


class Convergence(RuleBasedStateMachine):
    """3–6 replicas (slot 0 the province's server, the others desks) editing two records, syncing."""

    @initialize(count=st.integers(3, 6), offsets=st.lists(st.integers(-3650, 3650), min_size=6, max_size=6))
    def start(self, count: int, offsets: list[int]) -> None:
        self.offsets = offsets
        self.replicas = [
            replica(f"ws{slot}", "province" if slot == 0 else "desk", T0 + timedelta(days=offsets[slot]))
            for slot in range(count)
        ]
        self.backups: list[list] = [[] for _ in range(count)]
        self.made: dict[EventId, ChangeEvent] = {}
        self.dead: list[MemoryReplica] = []
        self.holding: dict[str, set[EventId]] = {}
        self.names = itertools.count(1)

    def at(self, slot: int) -> MemoryReplica:
        return self.replicas[slot % len(self.replicas)]

    def write(self, slot: int, record: str, field: str, n: int) -> None:
        writer = self.at(slot)
        unique = f"{writer.replica_id}/{len(self.made)}"
        if field == "status":  # mostly a transition allowed from the status this desk sees
            shown = writer.record("case", record).get("status")
            allowed = [name for name in TRANSITIONS if shown in LIFECYCLE.moves[name]] or TRANSITIONS
            transition = allowed[n % len(allowed)] if n < 4 else TRANSITIONS[n]
        value = {
            "phone": f"09{n % 3}",
            "documents": [f"doc{n}", unique],
            "notes": [unique],
            "status": transition if field == "status" else None,
            "decision": ["approve", "refuse"][n % 2],
        }[field]
        try:
            made = writer.write("case", record, {field: value}, author=f"clerk-{slot}")
        except (ConflictOpen, TransitionRefused, WrongSide) as refused:
            assert refused.field == field
            assert not isinstance(refused, WrongSide) or writer.side == "desk"
            return
        self.made[made.id] = made

    @rule(slot=slots, record=st.sampled_from(RECORDS), field=st.sampled_from(FIELDS), n=st.integers(0, 4))
    def edit(self, slot: int, record: str, field: str, n: int) -> None:
        self.write(slot, record, field, n)

    @rule(
        first=slots,
        second=slots,
        record=st.sampled_from(RECORDS),
        field=st.sampled_from(FIELDS),
        n=st.integers(0, 4),
        m=st.integers(0, 4),
    )
    def edit_at_two_desks(self, first: int, second: int, record: str, field: str, n: int, m: int) -> None:
        """Two replicas change the same field before they sync."""
        self.write(first, record, field, n)
        self.write(second, record, field, m)

    @precondition(lambda self: any(each.open_conflicts() for each in self.replicas))
    @rule(slot=slots, data=st.data())
    def resolve(self, slot: int, data: st.DataObject) -> None:
        resolver = self.at(slot)
        conflicts = resolver.open_conflicts() or next(
            e.open_conflicts() for e in self.replicas if e.open_conflicts()
        )
        conflict = data.draw(st.sampled_from(conflicts))
        # a replica that shows this very conflict (another may see it with more or fewer writes)
        resolver = next(each for each in self.replicas if conflict in each.open_conflicts())
        choice = data.draw(st.sampled_from([*conflict.event_ids, None]))
        try:
            if choice is None:
                new = "resolved" if conflict.field != "status" else data.draw(st.sampled_from(TRANSITIONS))
                made = resolver.resolve(conflict, f"clerk-{slot}", value=new)
            else:
                made = resolver.resolve(conflict, f"clerk-{slot}", choose=choice)
        except (TransitionRefused, WrongSide):
            return
        self.made[made.id] = made

    @rule(giver=slots, taker=slots, data=st.data())
    def partial_sync(self, giver: int, taker: int, data: st.DataObject) -> None:
        """Some of the missing events, in any order, some twice."""
        source, target = self.at(giver), self.at(taker)
        if source is target:
            return
        missing = source.missing_for(target.vector())
        if missing:
            report = target.receive(data.draw(st.lists(st.sampled_from(missing), max_size=len(missing) + 3)))
            event(f"events waiting after a partial sync: {bool(report.waiting)}")

    @rule(giver=slots, taker=slots)
    def full_sync(self, giver: int, taker: int) -> None:
        source, target = self.at(giver), self.at(taker)
        target.receive(source.missing_for(target.vector()))

    @rule(slot=slots, record=st.sampled_from(RECORDS))
    def forge_wrong_side(self, slot: int, record: str) -> None:
        """A desk-side write of the province's field reaches a replica (e.g. an old or tampered client)."""
        target = self.at(slot)
        forged = ChangeEvent(
            id=EventId(f"rogue{next(self.names)}", 1),
            record_type="case",
            record_id=record,
            fields={"decision": "approve"},
            context=target.record("case", record).vector,
            device_time=T0,
            author="someone",
            side="desk",
        )
        target.receive([forged])
        self.made[forged.id] = forged

    @rule(slot=slots)
    def back_up(self, slot: int) -> None:
        self.backups[slot % len(self.replicas)].append(self.at(slot).backup())

    @rule(slot=slots, data=st.data(), years=st.integers(-8, 8))
    def restore_old_backup(self, slot: int, data: st.DataObject, years: int) -> None:
        """The PC dies and is restored from an older backup, under a new id; its clock may be years off."""
        index = slot % len(self.replicas)
        if not self.backups[index]:
            return
        backup = data.draw(st.sampled_from(self.backups[index]))
        self.dead.append(self.replicas[index])
        self.replicas[index] = MemoryReplica.restore(
            backup, f"ws{index}r{next(self.names)}", [CASE], clock(T0 + timedelta(days=365 * years))
        )

    @invariant()
    def nothing_held_is_dropped(self) -> None:
        for each in self.replicas:
            now = {event.id for event in each.backup().events}
            assert self.holding.get(each.replica_id, set()) <= now
            self.holding[each.replica_id] = now

    @invariant()
    def vectors_are_exact(self) -> None:
        for each in self.replicas:
            applied = each.events()
            assert {event.id for event in applied}.isdisjoint(event.id for event in each.waiting())
            for replica_id, counter in each.vector().items():
                assert sum(1 for event in applied if event.id.replica_id == replica_id) == counter

    def teardown(self) -> None:
        if not hasattr(self, "replicas"):
            return
        union = {event.id for each in self.replicas for event in each.backup().events}
        while True:  # exchange everything until nobody learns anything more
            before = [len(each.backup().events) for each in self.replicas]
            for source, target in itertools.permutations(self.replicas, 2):
                target.receive(source.missing_for(target.vector()))
            if [len(each.backup().events) for each in self.replicas] == before:
                break
        first = self.replicas[0]
        held = {event.id: event for event in first.backup().events}
        for each in self.replicas[1:]:
            assert each.events() == first.events()
            assert each.waiting() == first.waiting()
            assert each.open_conflicts() == first.open_conflicts()
            assert each.record_keys() == first.record_keys()
            for key in first.record_keys():
                assert each.record(*key) == first.record(*key)
        # nothing that had reached a live replica is lost, nothing is invented
        assert set(held) == union <= set(self.made)
        for each in self.replicas:
            assert {made.id for made in self.made.values() if made.id.replica_id == each.replica_id} <= set(
                held
            )
        if not self.dead:
            assert first.waiting() == ()
        event(f"replicas: {len(self.replicas)}, restored: {min(len(self.dead), 2)}+")
        event(f"open conflicts at the end: {min(len(first.open_conflicts()), 3)}+")
        event(f"resolutions: {min(sum(1 for e in held.values() if e.resolves), 2)}+")
        event(f"waiting at the end: {bool(first.waiting())}")
        event(f"rejected writes: {bool(any(first.record(*key).rejected for key in first.record_keys()))}")
        # every value ever written is in the state, an open conflict, a later write that saw it, or rejected
        for key in first.record_keys():
            state = first.record(*key)
            assert state == merge_record(CASE, key[1], reversed(state.history))
            history = set(state.history)
            rejected = {(item.event_id, item.field) for item in state.rejected}
            in_conflict = {event_id for conflict in state.conflicts for event_id in conflict.event_ids}
            for made in history:
                for name, value in made.fields.items():
                    if (made.id, name) in rejected:
                        assert name == "decision" and made.side == "desk" or name == "status"
                    elif name in ("documents", "notes"):
                        assert set(value) <= set(state.get(name))
                    elif name in ("phone", "decision"):
                        later = any(made.happened_before(other) and name in other.fields for other in history)
                        assert later or made.id in in_conflict or state.get(name) == value
            assert {event.id for event in state.history} <= set(held)


Convergence.TestCase.settings = settings(
    max_examples=max(1000, settings().max_examples),
    stateful_step_count=50,
    deadline=None,
)
TestConvergence = Convergence.TestCase
