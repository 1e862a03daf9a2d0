"""The server replica's receive, batched (scopes read per batch, events inserted once with their final state):
the same reports, vectors and records as the reference ``MemoryReplica`` for any order and split of a
commune's events, on both backends; and ``Tx.insert_rows``."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Callable

import pytest

from dossiers.dossier_record import DOSSIER_RECORD, SCOPE_FIELD
from server.errors import DuplicateRow
from server.storage.interface import ServerStorage
from server.storage.sql_storage import insert_statement
from server.sync_replica import BadEvents, EventsRefused, ServerReplica
from sync.change_events import ChangeEvent
from sync.replica_memory import MemoryReplica
from sync.version_vectors import VersionVector
from tests.helpers.server_replicas import enrol_replica

T0 = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)


def ticking() -> Callable[[], dt.datetime]:
    ticks = itertools.count()
    return lambda: T0 + dt.timedelta(seconds=next(ticks))


def desk_events(commune: str, seed: int) -> list[ChangeEvent]:
    """Two desks of ``commune``: A makes records and edits them, B takes A's events and edits and adds more
    (so B's events depend on A's). Every event states the commune, as a record's first-arriving one must."""
    rng = random.Random(seed)
    a = MemoryReplica("desk-a", "desk", (DOSSIER_RECORD,), ticking())
    b = MemoryReplica("desk-b", "desk", (DOSSIER_RECORD,), ticking())
    for number in range(12):
        a.write(
            "dossier", f"r{number:03d}", {SCOPE_FIELD: commune, "applicant_name": f"A {number}"}, "clerk-a"
        )
    for number in rng.sample(range(12), 5):
        a.write(
            "dossier", f"r{number:03d}", {SCOPE_FIELD: commune, "applicant_phone": f"09{number}"}, "clerk-a"
        )
    b.receive(a.missing_for(b.vector()))
    for number in rng.sample(range(12), 6):
        b.write(
            "dossier", f"r{number:03d}", {SCOPE_FIELD: commune, "applicant_address": f"B {number}"}, "clerk-b"
        )
    for number in range(12, 16):
        b.write(
            "dossier", f"r{number:03d}", {SCOPE_FIELD: commune, "applicant_name": f"B {number}"}, "clerk-b"
        )
    a.write("dossier", "r000", {SCOPE_FIELD: commune, "applicant_address": "A again"}, "clerk-a")
    return [*a.events(), *(e for e in b.events() if e.id.replica_id == "desk-b")]


def shuffled_batches(events: list[ChangeEvent], seed: int) -> list[list[ChangeEvent]]:
    """The events in a random order, some sent twice, cut into batches of random sizes."""
    rng = random.Random(seed)
    order = events + rng.sample(events, len(events) // 4)
    rng.shuffle(order)
    batches = []
    while order:
        size = rng.randint(1, 9)
        batches.append(order[:size])
        order = order[size:]
    return batches


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_any_order_and_split_gives_the_reference_replicas_reports_and_records(
    storage: ServerStorage, communes: list[str], seed: int
) -> None:
    commune = communes[0]
    for replica in ("desk-a", "desk-b"):
        enrol_replica(storage, commune, replica)
    server = ServerReplica(storage, commune, (DOSSIER_RECORD,), scope_field=SCOPE_FIELD, now=ticking())
    reference = MemoryReplica("reference", "province", (DOSSIER_RECORD,), ticking())
    events = desk_events(commune, seed)
    waited = 0
    for batch in shuffled_batches(events, seed):
        got = server.receive(batch)
        assert got == reference.receive(batch)
        waited = max(waited, got.waiting)
    assert waited > 0  # the orders do make events wait for their causes
    assert server.vector() == reference.vector()
    keys = sorted(reference.record_keys())
    assert [server.record(*key) for key in keys] == [reference.record(*key) for key in keys]
    assert server.records("dossier") == [reference.record(*key) for key in keys]
    with storage.transaction() as tx:
        rows = tx.query("SELECT replica_id, counter, applied FROM sync_events WHERE scope = ?", (commune,))
        stored = tx.query("SELECT record_id, scope FROM sync_records WHERE scope = ?", (commune,))
    assert sorted((r[0], int(r[1])) for r in rows) == sorted(e.id for e in events)
    assert {int(r[2]) for r in rows} == {1}
    assert sorted(str(r[0]) for r in stored) == sorted(key[1] for key in keys)


def test_a_refused_batch_stores_nothing_and_scopes_come_from_earlier_batches(
    storage: ServerStorage, communes: list[str]
) -> None:
    commune, other = communes[0], communes[1]
    enrol_replica(storage, commune, "desk-a")
    server = ServerReplica(storage, commune, (DOSSIER_RECORD,), scope_field=SCOPE_FIELD, now=ticking())
    desk = MemoryReplica("desk-a", "desk", (DOSSIER_RECORD,), ticking())
    first = desk.write("dossier", "r1", {SCOPE_FIELD: commune, "applicant_name": "A"}, "clerk")
    assert server.receive([first]).new == 1
    edit = desk.write("dossier", "r1", {"applicant_name": "B"}, "clerk")  # no commune: the stored one holds
    fresh = desk.write("dossier", "r2", {"applicant_name": "C"}, "clerk")  # a new record must state it
    with pytest.raises(EventsRefused) as refused:
        server.receive([edit, fresh])
    assert refused.value.reason == "no_scope"
    moved = desk.write("dossier", "r3", {SCOPE_FIELD: other, "applicant_name": "D"}, "clerk")
    with pytest.raises(EventsRefused) as refused:
        server.receive([edit, moved])
    assert refused.value.reason == "scope"
    assert server.vector() == VersionVector({"desk-a": 1})
    assert server.receive([edit]).new == 1
    assert server.record("dossier", "r1").values["applicant_name"] == "B"
    twin = ChangeEvent(
        id=edit.id,
        record_type="dossier",
        record_id="r1",
        fields={"applicant_name": "not the same"},
        context=edit.context,
        device_time=edit.device_time,
        author="clerk",
        side="desk",
    )
    with pytest.raises(BadEvents):
        server.receive([twin])


def test_insert_rows_adds_many_rows_and_skips_or_refuses_taken_keys(storage: ServerStorage) -> None:
    columns = ("name", "value")
    with storage.transaction() as tx:
        tx.insert_rows("sync_identity", columns, [(f"k{i}", f"v{i}") for i in range(1500)])
    with storage.transaction() as tx:
        tx.insert_rows("sync_identity", columns, [("k1", "other"), ("new", "n")], skip_existing=True)
        tx.insert_rows("sync_identity", columns, [])
    with pytest.raises(DuplicateRow):
        with storage.transaction() as tx:
            tx.insert_rows("sync_identity", columns, [("k2", "other")])
    with storage.transaction() as tx:
        rows = dict(tx.query("SELECT name, value FROM sync_identity"))
    assert len(rows) == 1501 and rows["k1"] == "v1" and rows["k2"] == "v2" and rows["new"] == "n"


def test_insert_statement_takes_only_plain_names() -> None:
    assert insert_statement("t", ("a", "b"), 2, skip_existing=True) == (
        "INSERT INTO t (a, b) VALUES (?, ?), (?, ?) ON CONFLICT DO NOTHING"
    )
    for table, columns in [("t; DROP TABLE x", ("a",)), ("t", ("a b",)), ("t", ())]:
        with pytest.raises(ValueError):
            insert_statement(table, columns, 1, skip_existing=False)


def test_among_is_one_parameter_for_any_number_of_values(storage: ServerStorage) -> None:
    with storage.transaction() as tx:
        tx.insert_rows("sync_identity", ("name", "value"), [(f"k{i}", "v") for i in range(3000)])
    wanted = [f"k{i}" for i in range(0, 6000, 2)]  # half of them are not there
    condition, parameter = storage.among("name", wanted)
    with storage.transaction() as tx:
        rows = tx.query(f"SELECT name FROM sync_identity WHERE {condition}", (parameter,))
    assert sorted(str(r[0]) for r in rows) == sorted(f"k{i}" for i in range(0, 3000, 2))
    with pytest.raises(ValueError):
        storage.among("name) OR (1 = 1", wanted)
