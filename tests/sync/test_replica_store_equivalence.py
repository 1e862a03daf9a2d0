"""Differential test: random edits, resolutions, partial syncs, reopenings, failed batches and restores
applied to :class:`MemoryReplica` (the reference) and to :class:`ReplicaStore` in real SQLCipher files give
the same events, vectors, records and open conflicts."""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from sync.backup import create_backup, restore
from sync.change_events import ChangeEvent, encode_event
from sync.connection import Connection
from sync.errors import WriteRejected
from sync.record_merge import RecordState
from sync.replica_memory import Backup, MemoryReplica
from sync.replica_store import ReplicaStore
from sync.store import Store
from sync.version_vectors import EventId, VersionVector
from tests.helpers.record_cases import CASE, LIFECYCLE, T0

KEY = bytes(range(100, 132))
TRANSITIONS = ["process", "request_supplement", "return_result", "stop", "note"]
FIELDS = ["phone", "documents", "notes", "status", "decision"]
RECORDS = ["r1", "r2"]
TABLES = ("change_events", "waiting_events", "replica_vector", "record_states", "search_records")
slots = st.integers(0, 3)


def clock(start: datetime) -> Callable[[], datetime]:
    ticks = itertools.count()
    return lambda: start + timedelta(seconds=next(ticks))


def never() -> str:
    raise AssertionError("no new replica id was expected")


def dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the replica's tables (and the search index's keys), to compare before and after."""
    with store.reader() as conn:
        return {table: sorted(conn.execute(f"SELECT * FROM {table}").fetchall()) for table in TABLES}


class Fuse:
    """A search hook that indexes the phone and notes, and fails on its ``armed``-th call once armed."""

    def __init__(self) -> None:
        self.armed: int | None = None

    def __call__(self, record_type: str, state: RecordState) -> list[str]:
        if self.armed is not None:
            self.armed -= 1
            if self.armed <= 0:
                raise RuntimeError("the search hook failed")
        return [state.get("phone") or "", *state.get("notes", ())]


class Twin:
    """One replica held twice: in memory (the reference) and in an encrypted store file."""

    def __init__(
        self, memory: MemoryReplica, folder: Path, start: datetime, new_id: Callable[[], str]
    ) -> None:
        self.memory = memory
        self.folder = folder
        self.fuse = Fuse()
        self.now = clock(start)  # in step with the memory twin's clock: both read it once per local event
        self.store = Store.open(folder, KEY, now=clock(T0), new_id=new_id, create=True)
        self.durable = self._wrap()

    def _wrap(self) -> ReplicaStore:
        return ReplicaStore(
            self.store, self.memory.side, [CASE], now=self.now, scope_field="phone", search_texts=self.fuse
        )

    def reopen(self) -> None:
        self.store.close()
        self.store = Store.open(self.folder, KEY, now=clock(T0), new_id=never)
        self.durable = self._wrap()


class Equivalence(RuleBasedStateMachine):
    """2–4 replicas (slot 0 the province's server), each a memory twin and a durable twin."""

    @initialize(count=st.integers(2, 4), offsets=st.lists(st.integers(-3650, 3650), min_size=4, max_size=4))
    def start(self, count: int, offsets: list[int]) -> None:
        # Real encrypted files; in memory-backed /dev/shm where there is one, so fsyncs do not dominate.
        shm = Path("/dev/shm")
        self.root = Path(tempfile.mkdtemp(prefix="replica-equivalence-", dir=shm if shm.is_dir() else None))
        self.names = itertools.count(1)
        self.twins: list[Twin] = []
        for slot in range(count):
            name, side = f"ws{slot}", "province" if slot == 0 else "desk"
            start = T0 + timedelta(days=offsets[slot])
            memory = MemoryReplica(name, side, [CASE], clock(start))
            self.twins.append(Twin(memory, self.root / name, start, lambda name=name: name))
        self.backups: list[list[tuple[Backup, Path]]] = [[] for _ in range(count)]

    def at(self, slot: int) -> Twin:
        return self.twins[slot % len(self.twins)]

    def both(self, twin: Twin, action: Callable[[Any], ChangeEvent]) -> ChangeEvent | None:
        """Run ``action`` on both twins: both refuse alike, or both make the same event."""
        outcomes = []
        for replica in (twin.memory, twin.durable):
            try:
                outcomes.append(action(replica))
            except WriteRejected as refused:
                outcomes.append((type(refused), refused.field, refused.reason))
        expected, got = outcomes
        if isinstance(expected, ChangeEvent):
            assert isinstance(got, ChangeEvent) and encode_event(got) == encode_event(expected)
            return expected
        assert got == expected
        event(f"refused: {expected[0].__name__}")
        return None

    def write(self, slot: int, record: str, field: str, n: int) -> None:
        twin = self.at(slot)
        unique = f"{twin.memory.replica_id}/{next(self.names)}"
        transition = None
        if field == "status":
            shown = twin.memory.record("case", record).get("status")
            allowed = [name for name in TRANSITIONS if shown in LIFECYCLE.moves[name]] or TRANSITIONS
            transition = allowed[n % len(allowed)] if n < 4 else TRANSITIONS[n]
        value = {
            "phone": f"09{n % 3}",
            "documents": [f"doc{n}", unique],
            "notes": [unique],
            "status": transition,
            "decision": ["approve", "refuse"][n % 2],
        }[field]
        self.both(twin, lambda replica: replica.write("case", record, {field: value}, author=f"clerk-{slot}"))

    @rule(slot=slots, record=st.sampled_from(RECORDS), field=st.sampled_from(FIELDS), n=st.integers(0, 4))
    def edit(self, slot: int, record: str, field: str, n: int) -> None:
        self.write(slot, record, field, n)

    @rule(
        first=slots,
        second=slots,
        record=st.sampled_from(RECORDS),
        field=st.sampled_from(["phone", "status"]),
        n=st.integers(0, 4),
        m=st.integers(0, 4),
    )
    def edit_at_two_desks(self, first: int, second: int, record: str, field: str, n: int, m: int) -> None:
        """Two replicas change the same field before they sync, then sync both ways."""
        self.write(first, record, field, n)
        self.write(second, record, field, m)
        if self.at(first) is not self.at(second):
            self.sync(self.at(first), self.at(second), lambda missing: missing)
            self.sync(self.at(second), self.at(first), lambda missing: missing)

    @precondition(lambda self: any(twin.memory.open_conflicts() for twin in self.twins))
    @rule(data=st.data())
    def resolve(self, data: st.DataObject) -> None:
        twin = data.draw(st.sampled_from([twin for twin in self.twins if twin.memory.open_conflicts()]))
        conflict = data.draw(st.sampled_from(twin.memory.open_conflicts()))
        choice = data.draw(st.sampled_from([*conflict.event_ids, None]))
        if choice is None:
            new = "resolved" if conflict.field != "status" else data.draw(st.sampled_from(TRANSITIONS))
            self.both(twin, lambda replica: replica.resolve(conflict, "clerk", value=new))
        else:
            self.both(twin, lambda replica: replica.resolve(conflict, "clerk", choose=choice))

    @precondition(lambda self: any(twin.memory.open_conflicts() for twin in self.twins))
    @rule(data=st.data())
    def resolve_a_stale_conflict(self, data: st.DataObject) -> None:
        """A resolution shown from another replica's view, where the conflict may differ or be gone."""
        source = data.draw(st.sampled_from([twin for twin in self.twins if twin.memory.open_conflicts()]))
        conflict = data.draw(st.sampled_from(source.memory.open_conflicts()))
        target = data.draw(st.sampled_from(self.twins))
        self.both(target, lambda replica: replica.resolve(conflict, "clerk", choose=conflict.event_ids[0]))

    def sync(self, giver: Twin, taker: Twin, pick: Callable[[list[ChangeEvent]], list[ChangeEvent]]) -> None:
        missing = giver.memory.missing_for(taker.memory.vector())
        assert giver.durable.missing_for(taker.durable.vector()) == missing
        if not missing:
            return
        batch = pick(missing)
        expected = taker.memory.receive(batch)
        assert taker.durable.receive(batch) == expected
        event(f"events waiting after a sync: {bool(expected.waiting)}")

    @rule(giver=slots, taker=slots, data=st.data())
    def partial_sync(self, giver: int, taker: int, data: st.DataObject) -> None:
        """Some of the missing events, in any order, some twice."""
        if self.at(giver) is not self.at(taker):
            self.sync(
                self.at(giver),
                self.at(taker),
                lambda missing: data.draw(st.lists(st.sampled_from(missing), max_size=len(missing) + 3)),
            )

    @rule(giver=slots, taker=slots)
    def full_sync(self, giver: int, taker: int) -> None:
        if self.at(giver) is not self.at(taker):
            self.sync(self.at(giver), self.at(taker), lambda missing: missing)

    @rule(giver=slots, taker=slots)
    def receive_twice_changes_nothing(self, giver: int, taker: int) -> None:
        source, target = self.at(giver), self.at(taker)
        if source is target:
            return
        self.sync(source, target, lambda missing: missing)
        everything = [*source.durable.events(), *source.durable.waiting()]
        before = dump(target.store)
        report = target.durable.receive(everything)
        assert report.new == 0 and report.duplicates == len(everything)
        assert report == target.memory.receive(everything)
        assert dump(target.store) == before

    @rule(giver=slots, taker=slots, data=st.data())
    def a_failing_batch_leaves_nothing(self, giver: int, taker: int, data: st.DataObject) -> None:
        """The search hook fails part-way through a batch: the whole batch is rolled back."""
        source, target = self.at(giver), self.at(taker)
        missing = source.durable.missing_for(target.durable.vector())
        if source is target or not missing:
            return
        before = dump(target.store)
        target.fuse.armed = data.draw(st.integers(1, len({e.record_key for e in missing})))
        try:
            target.durable.receive(missing)
        except RuntimeError:
            event("a batch failed part-way")
        finally:
            target.fuse.armed = None
        assert dump(target.store) == before  # the memory twin did not receive it either

    @rule(slot=slots, record=st.sampled_from(RECORDS))
    def forge_wrong_side(self, slot: int, record: str) -> None:
        """A desk-side write of the province's field arrives (e.g. from an old or tampered client)."""
        target = self.at(slot)
        forged = ChangeEvent(
            id=EventId(f"rogue{next(self.names)}", 1),
            record_type="case",
            record_id=record,
            fields={"decision": "approve"},
            context=target.memory.record("case", record).vector,
            device_time=T0,
            author="someone",
            side="desk",
        )
        assert target.durable.receive([forged]) == target.memory.receive([forged])

    @rule(slot=slots)
    def reopen(self, slot: int) -> None:
        """Close the store and open it again: everything is still there, under the same replica id."""
        twin = self.at(slot)
        before = dump(twin.store)
        replica_id = twin.durable.replica_id
        twin.reopen()
        assert twin.durable.replica_id == replica_id and dump(twin.store) == before

    @rule(slot=slots)
    def back_up(self, slot: int) -> None:
        twin = self.at(slot)
        folder = self.root / f"backup{next(self.names)}"
        create_backup(twin.store, folder)
        self.backups[slot % len(self.twins)].append((twin.memory.backup(), folder))

    @rule(slot=slots, data=st.data(), years=st.integers(-8, 8))
    def restore_old_backup(self, slot: int, data: st.DataObject, years: int) -> None:
        """The PC dies and is restored from an older backup under a new id; its clock may be years off."""
        index = slot % len(self.twins)
        if not self.backups[index]:
            return
        saved, folder = data.draw(st.sampled_from(self.backups[index]))
        old = self.twins[index]
        old.store.close()
        new_name = f"ws{index}r{next(self.names)}"
        start = T0 + timedelta(days=365 * years)
        memory = MemoryReplica.restore(saved, new_name, [CASE], clock(start))
        target = self.root / new_name
        restored = restore(folder, target, KEY, now=clock(T0), new_id=lambda: new_name)
        assert restored.replica_id == new_name and restored.restored_from == saved.replica_id
        twin = Twin.__new__(Twin)
        twin.memory, twin.folder, twin.fuse, twin.now = memory, target, Fuse(), clock(start)
        twin.store = Store.open(target, KEY, now=clock(T0), new_id=never)
        twin.durable = twin._wrap()
        assert twin.durable.replica_id == new_name
        self.twins[index] = twin
        event("restored from a backup")

    @invariant()
    def the_twins_agree(self) -> None:
        """Checked after every step (each read opens a connection: records are compared at the end)."""
        for twin in getattr(self, "twins", ()):
            assert twin.durable.vector() == twin.memory.vector()
            assert twin.durable.open_conflicts() == twin.memory.open_conflicts()

    def teardown(self) -> None:
        if not hasattr(self, "twins"):
            return
        try:
            for twin in self.twins:  # before the final exchange, with whatever is still waiting
                assert twin.durable.waiting() == twin.memory.waiting()
                for record in RECORDS:
                    assert twin.durable.record("case", record) == twin.memory.record("case", record)
            while True:  # exchange everything until nobody learns anything more
                before = [twin.memory.vector() for twin in self.twins]
                for source, target in itertools.permutations(self.twins, 2):
                    self.sync(source, target, lambda missing: missing)
                if [twin.memory.vector() for twin in self.twins] == before:
                    break
            for twin in self.twins:
                self.check_everything(twin)
            first = self.twins[0].memory
            event(f"open conflicts at the end: {min(len(first.open_conflicts()), 3)}+")
            event(f"resolutions: {min(sum(1 for e in first.events() if e.resolves), 2)}+")
            event(f"waiting at the end: {bool(first.waiting())}")
        finally:
            for twin in self.twins:
                twin.store.close()
            shutil.rmtree(self.root, ignore_errors=True)

    def check_everything(self, twin: Twin) -> None:
        memory, durable = twin.memory, twin.durable
        assert durable.events() == memory.events()
        assert durable.waiting() == memory.waiting()
        assert durable.record_keys() == memory.record_keys()
        states = {key: memory.record(*key) for key in memory.record_keys()}
        for key, state in states.items():
            assert durable.record(*key) == state
            assert durable.history(*key) == state.history
        # the state cache says what the events say, and is rebuilt the same from them
        listed = durable.list_records("case", limit=10)
        assert [(item.record_type, item.record_id) for item in listed] == sorted(states)
        for item in listed:
            state = states[(item.record_type, item.record_id)]
            assert item.values == state.values and item.vector == state.vector
            assert item.conflict_fields == tuple(conflict.field for conflict in state.conflicts)
        for phone in ("090", "091", "092", "resolved"):
            expected = tuple(
                c for c in memory.open_conflicts() if states[c.record_type, c.record_id].get("phone") == phone
            )
            assert durable.open_conflicts(where=phone) == expected
        before = dump(twin.store)
        with twin.store.reader() as conn:
            assert _cache_is_consistent(conn)
        assert durable.rebuild() == len(states)
        assert dump(twin.store) == before
        for vector in (VersionVector(), memory.vector(), *(other.memory.vector() for other in self.twins)):
            assert durable.missing_for(vector) == memory.missing_for(vector)
            assert durable.missing_encoded(vector) == memory.missing_encoded(vector)


def _cache_is_consistent(conn: Connection) -> bool:
    """Every record with events of the known type has one cache row, and nothing else has one."""
    with_events = set(conn.execute("SELECT DISTINCT record_type, record_id FROM change_events"))
    cached = set(conn.execute("SELECT record_type, record_id FROM record_states"))
    return cached == with_events


NIGHTLY = os.environ.get("HYPOTHESIS_PROFILE") == "nightly"
# Each step opens real encrypted files: 40 runs of up to 30 steps take ~20-40 s on two cores.
Equivalence.TestCase.settings = settings(
    max_examples=max(40, settings().max_examples // 10),
    stateful_step_count=60 if NIGHTLY else 30,
    deadline=None,
)
TestEquivalence = Equivalence.TestCase
