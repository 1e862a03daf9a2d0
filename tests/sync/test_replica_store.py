"""The durable replica on real SQLCipher files: writes, refusals, receive, waiting, the state cache, scopes,
search, reopening, restore from a backup, and batches that fail half-way."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from sync.backup import create_backup, restore
from sync.change_events import ChangeEvent, FrozenDict, encode_event
from sync.errors import (
    BadEventData,
    ConflictOpen,
    ReplicaIdReused,
    StoreClosed,
    TransitionRefused,
    WriteRejected,
    WrongSide,
)
from sync.field_policies import RecordType, register
from sync.migrations import schema_version
from sync.record_merge import RecordState, merge_record
from sync.replica_memory import ReceiveReport
from sync.replica_store import MAX_LIST_LIMIT, ReplicaStore, StoredRecord, deliverable
from sync.search_index import search
from sync.store import STORE_MIGRATIONS, Store
from sync.version_vectors import EventId, VersionVector
from tests.helpers.record_cases import CASE, T0
from tests.helpers.replica_stores import TABLES, Replicas, clock, dump

LETTER = RecordType("letter", [register("to"), register("commune")])
FILED = RecordType("filed", [register("commune"), register("title")])


def never() -> str:
    raise AssertionError("no new replica id was expected")


@pytest.fixture
def key() -> bytes:
    return os.urandom(32)


@pytest.fixture
def replicas(tmp_path: Path, key: bytes) -> Iterator[Replicas]:
    made = Replicas(tmp_path, key)
    yield made
    made.close()


def texts(record_type: str, state: RecordState) -> list[str]:
    return [state.get("phone") or "", *state.get("notes", ())]


# -- the schema ------------------------------------------------------------------------------------------


def test_the_store_migrates_to_the_replica_tables(replicas: Replicas) -> None:
    store = replicas.open("desk-1")
    with store.reader() as conn:
        assert schema_version(conn) == len(STORE_MIGRATIONS) >= 4
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert set(TABLES) <= tables


# -- local writes ----------------------------------------------------------------------------------------


def test_local_writes_take_the_next_counter_and_the_record_vector(replicas: Replicas) -> None:
    desk = replicas.replica("desk-1")
    other = replicas.replica("desk-2")
    seen = other.write("case", "r1", {"phone": "1"}, author="b")
    other.write("case", "r2", {"phone": "x"}, author="b")
    assert desk.receive(other.missing_for(desk.vector())) == ReceiveReport(new=2, duplicates=0, waiting=0)
    first = desk.write("case", "r1", {"phone": "2"}, author="a")
    second = desk.write("case", "r9", {"notes": ["n"]}, author="a")
    assert desk.replica_id == "desk-1"
    assert first.id == EventId("desk-1", 1) and second.id == EventId("desk-1", 2)
    assert first.context == VersionVector({"desk-2": 1}) and first.context.includes(seen.id)
    assert second.context == VersionVector()
    assert first.device_time == T0 and second.device_time == T0 + timedelta(seconds=1)
    assert (first.author, first.side) == ("a", "desk")
    assert desk.vector() == VersionVector({"desk-1": 2, "desk-2": 2})
    assert desk.record_keys() == [("case", "r1"), ("case", "r2"), ("case", "r9")]
    assert desk.record("case", "r1").get("phone") == "2"
    assert desk.record("case", "unknown").history == ()
    assert desk.history("case", "r1") == (seen, first)
    with desk.store.reader() as conn:
        (body,) = conn.execute(
            "SELECT body FROM change_events WHERE replica_id = 'desk-1' AND counter = 1"
        ).fetchone()
    assert body == encode_event(first)


def test_submit_write_returns_a_future_and_copies_the_fields(replicas: Replicas) -> None:
    desk = replicas.replica("desk-1")
    documents = ["form"]
    future = desk.submit_write("case", "r1", {"documents": documents}, author="a")
    documents.append("changed afterwards")
    made = future.result(timeout=10)
    assert made.fields["documents"] == ("form",)
    assert desk.record("case", "r1").get("documents") == ("form",)


@pytest.mark.parametrize(
    ("record_type", "fields", "side", "error", "reason"),
    [
        ("case", {"decision": "approve"}, "desk", WrongSide, "wrong_side"),
        ("case", {"status": "return_result"}, "desk", TransitionRefused, "transition_refused"),
        ("case", {"colour": "red"}, "desk", WriteRejected, "unknown_field"),
        ("nope", {"phone": "1"}, "desk", WriteRejected, "unknown_record_type"),
    ],
)
def test_refused_writes_leave_nothing(
    replicas: Replicas,
    record_type: str,
    fields: dict[str, Any],
    side: str,
    error: type[WriteRejected],
    reason: str,
) -> None:
    desk = replicas.replica("desk-1", side, search_texts=texts)
    desk.write("case", "r1", {"phone": "0901"}, author="a")
    before = dump(desk)
    with pytest.raises(error) as refused:
        desk.write(record_type, "r1", fields, author="a")
    assert refused.value.reason == reason
    assert dump(desk) == before
    assert desk.write("case", "r1", {"phone": "0902"}, author="a").id == EventId("desk-1", 2)


def test_bad_values_and_fields_are_refused(replicas: Replicas) -> None:
    desk = replicas.replica("desk-1")
    with pytest.raises(BadEventData):
        desk.write("case", "r1", {"phone": object()}, author="a")
    with pytest.raises(BadEventData):
        desk.write("case", "r1", {}, author="a")
    with pytest.raises(BadEventData):
        desk.write("case", "r1", [("phone", "1")], author="a")  # type: ignore[arg-type]
    with pytest.raises(BadEventData):
        desk.write("case", "r1", {"phone": "1"}, author=" ")
    with pytest.raises(WriteRejected, match="no field"):  # the field checks come first, as in memory
        desk.write("case", "r1", {"colour": object()}, author="a")
    assert desk.events() == () and desk.vector() == VersionVector()


def test_a_field_in_conflict_is_refused_until_resolved(replicas: Replicas) -> None:
    desk, other = replicas.replica("desk-1"), replicas.replica("desk-2")
    mine = desk.write("case", "r1", {"phone": "1"}, author="a")
    theirs = other.write("case", "r1", {"phone": "2"}, author="b")
    desk.receive([theirs])
    before = dump(desk)
    with pytest.raises(ConflictOpen):
        desk.write("case", "r1", {"phone": "3"}, author="a")
    assert dump(desk) == before
    [conflict] = desk.open_conflicts()
    assert conflict.event_ids == (mine.id, theirs.id)
    resolution = desk.resolve(conflict, "a", choose=theirs.id)
    assert resolution.resolves == (mine.id, theirs.id) and resolution.fields["phone"] == "2"
    assert desk.open_conflicts() == () and desk.record("case", "r1").get("phone") == "2"
    with pytest.raises(WriteRejected, match="no longer open") as stale:
        desk.resolve(conflict, "a", value="9")
    assert stale.value.reason == "stale_conflict"
    assert desk.write("case", "r1", {"phone": "3"}, author="a").context == resolution.context.with_event(
        resolution.id
    )


def test_resolve_refusals(replicas: Replicas) -> None:
    server = replicas.replica("server", "province")
    desk = replicas.replica("desk-1")
    first = server.write("case", "r1", {"decision": "approve", "phone": "1"}, author="p")
    forged = ChangeEvent(EventId("rogue", 1), "case", "r1", {"phone": "2"}, VersionVector(), T0, "x", "desk")
    desk.receive([first, forged])
    [conflict] = desk.open_conflicts()
    with pytest.raises(WriteRejected, match="not part of this conflict"):
        desk.resolve(conflict, "a", choose=EventId("nobody", 1))
    with pytest.raises(WriteRejected, match="one write or"):
        desk.resolve(conflict, "a")
    with pytest.raises(TypeError):
        desk.resolve("phone", "a", value="1")  # type: ignore[arg-type]
    made = desk.submit_resolve(conflict, "a", value="0903").result(timeout=10)
    assert made.fields["phone"] == "0903" and desk.record("case", "r1").get("phone") == "0903"


# -- receiving -------------------------------------------------------------------------------------------


def test_receive_is_idempotent_and_a_second_delivery_changes_nothing(replicas: Replicas) -> None:
    desk, other = replicas.replica("desk-1", search_texts=texts), replicas.replica("desk-2")
    other.write("case", "r1", {"phone": "1", "documents": ["a"]}, author="b")
    other.write("case", "r2", {"notes": ["x"]}, author="b")
    batch = other.missing_for(VersionVector())
    assert desk.receive(batch) == ReceiveReport(new=2, duplicates=0, waiting=0)
    before = dump(desk)
    assert desk.receive(batch + batch) == ReceiveReport(new=0, duplicates=4, waiting=0)
    assert desk.submit_receive(batch).result(timeout=10) == ReceiveReport(0, 2, 0)
    assert dump(desk) == before and desk.events() == tuple(batch)


def test_out_of_order_events_wait_for_their_causes_and_are_passed_on(replicas: Replicas) -> None:
    origin, middle, last = replicas.replica("origin"), replicas.replica("middle"), replicas.replica("last")
    made = [origin.write("case", "r1", {"phone": str(n)}, author="a") for n in range(3)]
    assert middle.receive([made[2], made[1]]) == ReceiveReport(new=2, duplicates=0, waiting=2)
    assert middle.vector() == VersionVector() and middle.record("case", "r1").history == ()
    assert middle.waiting() == (made[1], made[2]) and middle.record_keys() == []
    last.receive(middle.missing_for(last.vector()))
    assert last.waiting() == (made[1], made[2])
    local = middle.write("case", "r1", {"phone": "mine"}, author="b")
    assert local.context == VersionVector()  # does not claim to have seen what is waiting
    assert middle.receive([made[0]]) == ReceiveReport(new=1, duplicates=0, waiting=0)
    assert middle.waiting() == () and middle.vector()["origin"] == 3
    assert middle.record("case", "r1").conflict("phone") is not None
    assert middle.receive([made[1]]) == ReceiveReport(new=0, duplicates=1, waiting=0)
    last.receive(origin.missing_for(last.vector()))
    assert last.record("case", "r1").get("phone") == "2" and last.waiting() == ()


def test_an_event_waits_for_what_its_context_names(replicas: Replicas) -> None:
    a, b, c = replicas.replica("a"), replicas.replica("b"), replicas.replica("c")
    first = a.write("case", "r1", {"phone": "1"}, author="x")
    b.receive([first])
    second = b.write("case", "r1", {"phone": "2"}, author="y")
    assert c.receive([second]).waiting == 1 and c.waiting() == (second,)
    c.receive([first])
    state = c.record("case", "r1")
    assert state.get("phone") == "2" and state.conflicts == ()


def test_receive_checks_the_whole_batch_first(replicas: Replicas) -> None:
    desk, other = replicas.replica("desk-1"), replicas.replica("desk-2")
    good = other.write("case", "r1", {"phone": "1"}, author="b")
    clash = ChangeEvent(good.id, "case", "r1", {"phone": "2"}, VersionVector(), T0, "b", "desk")
    with pytest.raises(BadEventData, match="two different events"):
        desk.receive([good, clash])
    assert desk.events() == () and desk.waiting() == ()
    desk.receive([good])
    with pytest.raises(BadEventData, match="two different events"):
        desk.receive([clash])
    with pytest.raises(BadEventData):
        desk.receive(["not an event"])  # type: ignore[list-item]
    mine = ChangeEvent(EventId("desk-1", 1), "case", "r1", {"phone": "3"}, VersionVector(), T0, "c", "desk")
    later = other.write("case", "r1", {"phone": "4"}, author="b")
    before = dump(desk)
    with pytest.raises(ReplicaIdReused):
        desk.receive([later, mine])
    assert dump(desk) == before


def test_a_batch_that_fails_half_way_leaves_nothing(replicas: Replicas) -> None:
    calls: list[str] = []

    def failing(record_type: str, state: RecordState) -> list[str]:
        calls.append(state.record_id)
        if state.record_id == "r7":
            raise RuntimeError("disk says no")
        return texts(record_type, state)

    desk, other = replicas.replica("desk-1", search_texts=failing), replicas.replica("desk-2")
    desk.write("case", "r0", {"phone": "0901"}, author="a")
    made = [other.write("case", f"r{n}", {"phone": f"09{n}"}, author="b") for n in range(1, 10)]
    before = dump(desk)
    with pytest.raises(RuntimeError, match="disk says no"):
        desk.receive(made)
    assert calls[-1] == "r7" and len(calls) > 1  # it failed part-way through the batch
    assert dump(desk) == before and desk.vector() == VersionVector({"desk-1": 1})
    with desk.store.reader() as conn:
        assert search(conn, "0905") == []


def test_events_of_an_unknown_record_type_are_kept_and_passed_on(replicas: Replicas) -> None:
    newer = replicas.replica("newer", types=(CASE, LETTER))
    older = replicas.replica("older")
    letter = newer.write("letter", "l1", {"to": "x"}, author="a")
    older.receive(newer.missing_for(older.vector()))
    assert older.events() == (letter,) and older.open_conflicts() == ()
    assert older.missing_for(VersionVector()) == [letter]
    assert older.history("letter", "l1") == (letter,)
    assert older.record_keys() == [("letter", "l1")]
    with pytest.raises(WriteRejected, match="unknown record type"):
        older.record("letter", "l1")
    with pytest.raises(WriteRejected, match="unknown record type"):
        older.list_records("letter")
    # the same store opened by a program that knows letters derives their states then
    upgraded = ReplicaStore(older.store, "desk", [CASE, LETTER], now=clock())
    assert [item.record_id for item in upgraded.list_records("letter")] == ["l1"]
    assert upgraded.record("letter", "l1").get("to") == "x"


# -- reading ---------------------------------------------------------------------------------------------


def test_missing_for_reads_what_the_other_side_lacks_causes_first(replicas: Replicas) -> None:
    desk, other = replicas.replica("desk-1"), replicas.replica("desk-2")
    theirs = [other.write("case", "r2", {"notes": [str(n)]}, author="b") for n in range(2)]
    desk.receive(theirs)
    mine = [desk.write("case", "r1", {"notes": [str(n)]}, author="a") for n in range(3)]
    both = sorted([*mine, *theirs], key=ChangeEvent.causal_key)
    assert desk.missing_for(VersionVector()) == both
    assert desk.missing_for(VersionVector({"desk-1": 2})) == sorted(
        [mine[2], *theirs], key=ChangeEvent.causal_key
    )
    assert desk.missing_for(VersionVector({"desk-1": 9, "desk-2": 2, "elsewhere": 4})) == []
    assert desk.missing_encoded(VersionVector({"desk-2": 1})) == [
        encode_event(e) for e in both if e != theirs[0]
    ]
    with pytest.raises(TypeError):
        desk.missing_for({"desk-1": 1})  # type: ignore[arg-type]


def test_open_conflicts_by_type_record_and_scope(replicas: Replicas) -> None:
    types = (CASE, LETTER, FILED)
    desk = replicas.replica("desk-1", types=types, scope_field={"letter": "commune", "filed": "commune"})
    other = replicas.replica("desk-2", types=types)
    for replica, name in ((desk, "a"), (other, "b")):
        for record_id, commune in (("l1", "26734"), ("l2", "26734"), ("l3", "00001")):
            replica.write("letter", record_id, {"to": name, "commune": commune}, author=name)
        replica.write("filed", "f1", {"commune": "26734", "title": name}, author=name)
        replica.write("case", "c1", {"phone": name}, author=name)
    desk.receive(other.missing_for(desk.vector()))
    every = desk.open_conflicts()
    assert [(c.record_type, c.record_id) for c in every] == [
        ("case", "c1"),
        ("filed", "f1"),
        ("letter", "l1"),
        ("letter", "l2"),
        ("letter", "l3"),
    ]
    assert all(c.field in ("to", "title", "phone") for c in every)
    assert [c.record_id for c in desk.open_conflicts("letter")] == ["l1", "l2", "l3"]
    assert [c.record_id for c in desk.open_conflicts("letter", where="26734")] == ["l1", "l2"]
    assert [c.record_id for c in desk.open_conflicts(where="26734")] == ["f1", "l1", "l2"]
    assert [c.record_id for c in desk.open_conflicts(record_id="l3")] == ["l3"]
    assert desk.open_conflicts("letter", where="99999") == ()
    assert desk.open_conflicts("case", record_id="l1") == ()
    with pytest.raises(ValueError, match="no scope field"):
        desk.open_conflicts("case", where="26734")
    with pytest.raises(TypeError):
        desk.open_conflicts(where=26734)  # type: ignore[arg-type]
    with pytest.raises(WriteRejected, match="unknown record type"):
        desk.open_conflicts("nope")
    for conflict in desk.open_conflicts("letter", where="26734"):
        desk.resolve(conflict, "a", value="resolved")
    assert [c.record_id for c in desk.open_conflicts("letter")] == ["l3"]


def test_list_records_pages_through_the_state_cache(replicas: Replicas) -> None:
    desk = replicas.replica("desk-1", types=(CASE, LETTER), scope_field="commune")
    for n in range(7):
        desk.write("letter", f"l{n}", {"to": f"x{n}", "commune": "A" if n % 2 else "B"}, author="a")
    desk.write("case", "c1", {"phone": "1"}, author="a")
    page = desk.list_records("letter", limit=3, offset=2)
    assert [item.record_id for item in page] == ["l2", "l3", "l4"]
    item = page[0]
    assert isinstance(item, StoredRecord) and item.record_type == "letter"
    assert item.values == FrozenDict({"to": "x2", "commune": "B"}) and item.get("to") == "x2"
    assert item.get("missing", "-") == "-" and item.scope == "B"
    assert item.vector == VersionVector({"desk-1": 3}) and not item.has_conflicts
    assert [i.record_id for i in desk.list_records("letter", where="A")] == ["l1", "l3", "l5"]
    assert [i.record_id for i in desk.list_records("case")] == ["c1"]
    assert desk.list_records("case")[0].scope is None  # the case type has no commune field
    assert desk.list_records("letter", offset=7) == []
    for bad in (
        {"limit": 0},
        {"limit": MAX_LIST_LIMIT + 1},
        {"limit": True},
        {"offset": -1},
        {"offset": "1"},
    ):
        with pytest.raises(ValueError):
            desk.list_records("letter", **bad)
    with pytest.raises(ValueError, match="no scope field"):
        desk.list_records("case", where="A")


def test_a_scope_field_must_exist_and_the_side_must_be_named(replicas: Replicas) -> None:
    store = replicas.open("desk-1")
    with pytest.raises(ValueError, match="no field"):
        ReplicaStore(store, "desk", [CASE], scope_field={"case": "commune"})
    with pytest.raises(WriteRejected, match="unknown record type"):
        ReplicaStore(store, "desk", [CASE], scope_field={"letter": "commune"})
    with pytest.raises(ValueError, match="side"):
        ReplicaStore(store, "", [CASE])
    with pytest.raises(ValueError, match="record id"):
        ReplicaStore(store, "desk", [CASE]).record("case", "")


def test_the_search_hook_indexes_each_change_in_the_same_transaction(replicas: Replicas) -> None:
    desk, other = replicas.replica("desk-1", search_texts=texts), replicas.replica("desk-2")
    desk.write("case", "r1", {"phone": "0912 345 678", "notes": ["Nguyễn Văn Đức"]}, author="a")
    other.write("case", "r2", {"notes": ["Trần Thị Hoa"]}, author="b")
    desk.receive(other.missing_for(desk.vector()))
    with desk.store.reader() as conn:
        assert search(conn, "nguyen van duc") == ["r1"]
        assert search(conn, "0912345678") == ["r1"]
        assert search(conn, "hoa") == ["r2"]
    desk.write("case", "r2", {"notes": ["gọi lại"]}, author="a")
    with desk.store.reader() as conn:
        assert search(conn, "goi lai") == ["r2"] and search(conn, "hoa") == ["r2"]


# -- the state cache -------------------------------------------------------------------------------------


def test_rebuild_derives_the_same_cache_from_the_events(replicas: Replicas) -> None:
    desk, other = replicas.replica("desk-1", search_texts=texts), replicas.replica("desk-2")
    for n in range(5):
        desk.write("case", f"r{n}", {"phone": f"09{n}", "documents": [f"d{n}"]}, author="a")
        other.write("case", f"r{n}", {"phone": f"08{n}", "notes": [f"n{n}"]}, author="b")
    desk.receive(other.missing_for(desk.vector()))
    before = dump(desk)
    assert before["record_states"] and any(row[3] for row in before["record_states"])
    desk.store.write(
        lambda conn: conn.execute("UPDATE record_states SET state = '{}', has_conflicts = 0")
    ).result()
    desk.store.write(lambda conn: conn.execute("DELETE FROM record_states WHERE record_id = 'r1'")).result()
    assert dump(desk) != before
    assert desk.rebuild() == 5
    assert dump(desk) == before
    assert desk.rebuild(["case"]) == 5 and dump(desk) == before
    with pytest.raises(WriteRejected, match="unknown record type"):
        desk.rebuild(["nope"])
    for key in desk.record_keys():
        assert desk.record(*key) == merge_record(CASE, key[1], desk.history(*key))


def test_a_changed_scope_field_refreshes_the_cache_when_opened(replicas: Replicas) -> None:
    first = replicas.replica("desk-1", types=(LETTER,))
    first.write("letter", "l1", {"to": "x", "commune": "26734"}, author="a")
    assert first.list_records("letter")[0].scope is None
    scoped = ReplicaStore(first.store, "desk", [LETTER], scope_field="commune")
    assert scoped.list_records("letter")[0].scope == "26734"
    assert [item.record_id for item in scoped.list_records("letter", where="26734")] == ["l1"]


# -- reopening and restoring -----------------------------------------------------------------------------


def test_reopening_the_store_keeps_everything(replicas: Replicas, tmp_path: Path, key: bytes) -> None:
    desk, other = replicas.replica("desk-1", search_texts=texts), replicas.replica("desk-2")
    desk.write("case", "r1", {"phone": "1"}, author="a")
    other.write("case", "r1", {"phone": "2"}, author="b")
    late = other.write("case", "r1", {"notes": ["later"]}, author="b")
    desk.receive([late])  # waits for desk-2:1
    before, waiting = dump(desk), desk.waiting()
    desk.store.close()
    with pytest.raises(StoreClosed):
        desk.vector()
    store = Store.open(tmp_path / "desk-1", key, now=clock(), new_id=never)
    replicas.stores.append(store)
    again = ReplicaStore(store, "desk", [CASE], now=clock(T0 + timedelta(days=1)), search_texts=texts)
    assert again.replica_id == "desk-1" and dump(again) == before and again.waiting() == waiting
    again.receive(other.missing_for(again.vector()))
    assert again.waiting() == () and again.open_conflicts()[0].field == "phone"
    assert again.write("case", "r2", {"phone": "3"}, author="a").id == EventId("desk-1", 2)


def test_a_restored_store_takes_a_new_id_and_never_reuses_one(
    replicas: Replicas, tmp_path: Path, key: bytes
) -> None:
    desk, server = replicas.replica("desk-1"), replicas.replica("server", "province")
    desk.write("case", "r1", {"phone": "1"}, author="a")
    create_backup(desk.store, tmp_path / "backup")
    desk.write("case", "r1", {"phone": "2"}, author="a")
    server.receive(desk.missing_for(server.vector()))
    desk.store.close()  # the PC dies
    result = restore(tmp_path / "backup", tmp_path / "restored", key, now=clock(), new_id=lambda: "desk-1b")
    assert (result.replica_id, result.restored_from) == ("desk-1b", "desk-1")
    store = Store.open(tmp_path / "restored", key, now=clock(), new_id=never)
    replicas.stores.append(store)
    restored = ReplicaStore(store, "desk", [CASE], now=clock(T0 - timedelta(days=2000)))
    assert restored.replica_id == "desk-1b" and restored.vector() == VersionVector({"desk-1": 1})
    assert restored.record("case", "r1").get("phone") == "1"
    made = restored.write("case", "r1", {"phone": "3"}, author="a")
    assert made.id == EventId("desk-1b", 1)  # counters start again for the new id
    restored.receive(server.missing_for(restored.vector()))  # the old id's later write comes back
    server.receive(restored.missing_for(server.vector()))
    assert restored.record("case", "r1") == server.record("case", "r1")
    assert set(restored.record("case", "r1").conflict("phone").values()) == {"2", "3"}
    assert restored.vector() == server.vector() == VersionVector({"desk-1": 2, "desk-1b": 1})


# -- causal delivery -------------------------------------------------------------------------------------


def test_deliverable_applies_causes_first_and_holds_the_rest() -> None:
    def made(replica: str, counter: int, context: dict[str, int], record: str = "r1") -> ChangeEvent:
        return ChangeEvent(
            EventId(replica, counter), "case", record, {"phone": "1"}, VersionVector(context), T0, "x", "desk"
        )

    a1, a2 = made("a", 1, {}), made("a", 2, {}, "r2")  # a2 on another record: a lower causal key than b1
    b1, b2 = made("b", 1, {"a": 1}), made("b", 2, {"a": 2, "b": 1})
    c2 = made("c", 2, {})  # c:1 never arrives
    pending = {event.id: event for event in (b2, c2, b1, a2, a1)}
    known: dict[str, int] = {}
    order = deliverable(pending, known)
    assert set(order) == {a1, a2, b1, b2} and known == {"a": 2, "b": 2}
    for index, event in enumerate(order):
        earlier = {e.id for e in order[:index]}
        assert all(EventId(r, n) in earlier for r, top in event.context.items() for n in range(1, top + 1))
        assert event.id.counter == 1 or EventId(event.id.replica_id, event.id.counter - 1) in earlier
    assert deliverable({c2.id: c2}, {"c": 0}) == []
    assert deliverable({}, {}) == []


def test_on_change_runs_in_the_same_transaction_for_writes_and_received_events(replicas: Replicas) -> None:
    seen: list[tuple[str, Any]] = []

    def on_change(conn, state: RecordState) -> None:
        assert conn.in_transaction
        seen.append((state.record_id, state.get("phone")))
        if state.get("phone") == "boom":
            raise RuntimeError("the caller's table refused it")

    desk = replicas.replica("desk", "desk")
    other = replicas.replica("other", "desk", on_change=on_change)
    desk.write("case", "c1", {"phone": "0911"}, author="a")
    other.receive(desk.missing_for(other.vector()))
    other.write("case", "c2", {"phone": "0922"}, author="b")
    assert seen == [("c1", "0911"), ("c2", "0922")]
    with pytest.raises(RuntimeError):
        other.write("case", "c3", {"phone": "boom"}, author="b")
    assert other.record("case", "c3").history == ()  # the hook's failure rolled the write back
