"""Conflicts in a clerk's words: what makes one, how it is explained, how a person resolves it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest

from sync.conflicts import Competitor, Conflict, explain, resolution_event
from sync.errors import ConflictOpen, TransitionRefused, WriteRejected, WrongSide
from sync.field_policies import FieldKind
from sync.replica_memory import MemoryReplica
from sync.version_vectors import EventId, VersionVector
from tests.helpers.record_cases import CASE, T0


def clock(start: datetime) -> Callable[[], datetime]:
    ticks = iter(range(1_000_000))
    return lambda: start + timedelta(minutes=next(ticks))


def desk(name: str, start: datetime = T0) -> MemoryReplica:
    return MemoryReplica(name, "desk", [CASE], clock(start))


def province(name: str = "province", start: datetime = T0) -> MemoryReplica:
    return MemoryReplica(name, "province", [CASE], clock(start))


def sync(*replicas: MemoryReplica) -> None:
    """Everyone exchanges everything (twice round, so that it reaches everyone)."""
    for _ in range(2):
        for giver in replicas:
            for taker in replicas:
                if giver is not taker:
                    taker.receive(giver.missing_for(taker.vector()))


def test_two_desks_edit_the_phone_number_offline() -> None:
    desk_1, desk_2 = (
        desk("desk-1"),
        desk("desk-2", start=T0 - timedelta(days=900)),
    )  # desk 2's clock is years off
    desk_1.write("case", "hs-1", {"phone": "0901 000 111"}, author="clerk-lan")
    sync(desk_1, desk_2)
    desk_1.write("case", "hs-1", {"phone": "0902 222 333"}, author="clerk-lan")
    desk_2.write("case", "hs-1", {"phone": "0903 444 555"}, author="clerk-minh")
    sync(desk_1, desk_2)
    for replica in (desk_1, desk_2):
        [conflict] = replica.open_conflicts()
        assert conflict.field == "phone"
        assert set(conflict.values()) == {"0902 222 333", "0903 444 555"}
        assert (
            replica.record("case", "hs-1").get("phone") == "0903 444 555"
        )  # the same provisional everywhere
    assert desk_1.open_conflicts() == desk_2.open_conflicts()
    described = explain(desk_1.open_conflicts()[0])
    assert described["field"] == "phone" and described["record_id"] == "hs-1"
    by_value = {choice["value"]: choice for choice in described["choices"]}
    assert by_value["0902 222 333"]["writes"][0]["author"] == "clerk-lan"
    assert by_value["0903 444 555"]["writes"][0]["author"] == "clerk-minh"
    assert by_value["0903 444 555"]["writes"][0]["device_time"].startswith("2022-")
    assert by_value["0903 444 555"]["provisional"] and not by_value["0902 222 333"]["provisional"]


def test_the_desk_adds_a_document_while_the_province_requests_a_supplement() -> None:
    at_desk, at_province = desk("desk-1"), province()
    at_desk.write(
        "case", "hs-2", {"status": "process", "documents": ["application form"]}, author="clerk-lan"
    )
    sync(at_desk, at_province)
    at_desk.write("case", "hs-2", {"documents": ["birth certificate copy"]}, author="clerk-lan")
    at_province.write("case", "hs-2", {"status": "request_supplement"}, author="officer-hoa")
    sync(at_desk, at_province)
    for replica in (at_desk, at_province):
        record = replica.record("case", "hs-2")
        assert record.conflicts == ()
        assert set(record.get("documents")) == {"application form", "birth certificate copy"}
        assert record.get("status") == "supplement"


def test_the_desk_records_result_returned_while_the_province_stopped_processing() -> None:
    at_desk, at_province = desk("desk-1"), province()
    at_desk.write("case", "hs-3", {"status": "process"}, author="clerk-lan")
    sync(at_desk, at_province)
    returned = at_desk.write("case", "hs-3", {"status": "return_result"}, author="clerk-lan")
    stopped = at_province.write("case", "hs-3", {"status": "stop"}, author="officer-hoa")
    sync(at_desk, at_province)
    [conflict] = at_desk.open_conflicts()
    assert conflict == at_province.open_conflicts()[0]
    assert conflict.kind is FieldKind.STATE and conflict.field == "status"
    assert set(conflict.event_ids) == {returned.id, stopped.id}
    described = explain(conflict)
    assert described["kind"] == "state"
    assert {choice["value"] for choice in described["choices"]} == {"return_result", "stop"}
    # nothing moves the status until a person decides
    with pytest.raises(ConflictOpen):
        at_desk.write("case", "hs-3", {"status": "note"}, author="clerk-lan")
    # the province decides the stop stands; everyone converges and the conflict stays in history
    at_province.resolve(conflict, "officer-hoa", choose=stopped.id)
    sync(at_desk, at_province)
    for replica in (at_desk, at_province):
        record = replica.record("case", "hs-3")
        assert record.get("status") == "stopped" and record.conflicts == ()
        [resolved] = record.resolved
        assert set(resolved.resolved) == {returned.id, stopped.id} and resolved.author == "officer-hoa"
        assert returned in record.history


def test_resolving_by_writing_a_new_value() -> None:
    desk_1, desk_2 = desk("desk-1"), desk("desk-2")
    desk_1.write("case", "hs-4", {"phone": "1"}, author="a")
    desk_2.write("case", "hs-4", {"phone": "2"}, author="b")
    sync(desk_1, desk_2)
    [conflict] = desk_2.open_conflicts()
    with pytest.raises(ConflictOpen):
        desk_2.write("case", "hs-4", {"phone": "3"}, author="b")
    resolution = desk_2.resolve(conflict, "b", value="0909 123 456")
    assert resolution.context.dominates(VersionVector({"desk-1": 1, "desk-2": 1}))
    assert set(resolution.resolves) == set(conflict.event_ids)
    sync(desk_1, desk_2)
    assert desk_1.record("case", "hs-4").get("phone") == "0909 123 456"
    assert desk_1.open_conflicts() == ()
    assert desk_1.record("case", "hs-4").resolved[0].value == "0909 123 456"
    desk_1.write("case", "hs-4", {"phone": "4"}, author="a")  # writable again


def test_a_three_way_conflict_keeps_every_value_and_one_resolution_ends_it() -> None:
    desks = [desk(f"desk-{n}") for n in range(3)]
    for n, replica in enumerate(desks):
        replica.write("case", "hs-5", {"phone": f"09{n}"}, author=f"clerk-{n}")
    sync(*desks)
    [conflict] = desks[0].open_conflicts()
    assert sorted(conflict.values()) == ["090", "091", "092"]
    assert len(explain(conflict)["choices"]) == 3
    desks[0].resolve(conflict, "clerk-0", choose=conflict.competitors[1].event_id)
    sync(*desks)
    assert all(replica.open_conflicts() == () for replica in desks)
    assert {replica.record("case", "hs-5").get("phone") for replica in desks} == {"091"}


def test_two_people_resolving_at_once_make_a_new_conflict_not_a_loss() -> None:
    desk_1, desk_2 = desk("desk-1"), desk("desk-2")
    desk_1.write("case", "hs-6", {"phone": "1"}, author="a")
    desk_2.write("case", "hs-6", {"phone": "2"}, author="b")
    sync(desk_1, desk_2)
    conflict = desk_1.open_conflicts()[0]
    desk_1.resolve(conflict, "a", value="10")
    desk_2.resolve(conflict, "b", value="20")
    sync(desk_1, desk_2)
    [again] = desk_1.open_conflicts()
    assert set(again.values()) == {"10", "20"}
    assert len(desk_1.record("case", "hs-6").resolved) == 2


def test_an_owned_field_needs_its_side() -> None:
    at_desk, at_province = desk("desk-1"), province()
    with pytest.raises(WrongSide) as caught:
        at_desk.write("case", "hs-7", {"decision": "approve"}, author="clerk-lan")
    assert caught.value.field == "decision" and caught.value.kind == "wrong_side"
    at_province.write("case", "hs-7", {"decision": "approve"}, author="officer-hoa")
    sync(at_desk, at_province)
    assert at_desk.record("case", "hs-7").get("decision") == "approve"


def test_refused_writes_raise_and_change_nothing() -> None:
    at_desk = desk("desk-1")
    with pytest.raises(TransitionRefused):
        at_desk.write("case", "hs-8", {"status": "return_result"}, author="clerk-lan")
    with pytest.raises(WriteRejected, match="no field"):
        at_desk.write("case", "hs-8", {"colour": "red"}, author="clerk-lan")
    with pytest.raises(WriteRejected) as caught:
        at_desk.write("case", "hs-8", {"documents": "not a list"}, author="clerk-lan")
    assert caught.value.reason == "bad_value"
    with pytest.raises(WriteRejected, match="unknown record type"):
        at_desk.write("letter", "x", {"phone": "1"}, author="clerk-lan")
    assert at_desk.events() == () and at_desk.vector() == VersionVector()


def test_a_stale_or_foreign_resolution_is_refused() -> None:
    desk_1, desk_2, at_province = desk("desk-1"), desk("desk-2"), province()
    desk_1.write("case", "hs-9", {"phone": "1"}, author="a")
    desk_2.write("case", "hs-9", {"phone": "2"}, author="b")
    sync(desk_1, desk_2, at_province)
    conflict = desk_1.open_conflicts()[0]
    desk_1.resolve(conflict, "a", choose=conflict.competitors[0].event_id)
    with pytest.raises(WriteRejected, match="no longer open") as caught:
        desk_1.resolve(conflict, "a", value="3")
    assert caught.value.reason == "stale_conflict"
    with pytest.raises(WriteRejected, match="not part of this conflict"):
        desk_2.resolve(conflict, "b", choose=EventId("nowhere", 1))
    with pytest.raises(WriteRejected, match="one write or gives a new value"):
        desk_2.resolve(conflict, "b")
    with pytest.raises(WriteRejected, match="one write or gives a new value"):
        desk_2.resolve(conflict, "b", choose=conflict.competitors[0].event_id, value="x")
    # an owned field's conflict (two province servers, e.g. one restored) is resolved by the province only
    other_province = province("province-restored")
    at_province.write("case", "hs-9", {"decision": "approve"}, author="officer-1")
    other_province.write("case", "hs-9", {"decision": "refuse"}, author="officer-2")
    sync(desk_2, at_province, other_province)
    owned_conflict = desk_2.record("case", "hs-9").conflict("decision")
    assert owned_conflict is not None
    with pytest.raises(WrongSide):
        desk_2.resolve(owned_conflict, "b", value="approve")
    at_province.resolve(owned_conflict, "officer-1", value="approve")


def test_a_resolution_must_come_after_every_competing_write() -> None:
    competitors = tuple(
        Competitor(EventId(name, 1), value, f"clerk-{name}", "desk", T0)
        for name, value in (("A", "1"), ("B", "2"))
    )
    conflict = Conflict("case", "r1", "phone", FieldKind.REGISTER, competitors, EventId("B", 1))
    assert conflict.event_ids == (EventId("A", 1), EventId("B", 1))
    assert conflict.competitor(EventId("A", 1)).replica_id == "A"
    made = resolution_event(
        conflict,
        event_id=EventId("C", 1),
        context=VersionVector({"A": 1, "B": 1}),
        author="clerk-c",
        side="desk",
        device_time=T0,
        choose=EventId("A", 1),
    )
    assert made.fields["phone"] == "1" and made.resolves == conflict.event_ids
    with pytest.raises(WriteRejected, match="after every competing write") as caught:
        resolution_event(
            conflict,
            event_id=EventId("C", 1),
            context=VersionVector({"A": 1}),
            author="clerk-c",
            side="desk",
            device_time=T0,
            value="3",
        )
    assert caught.value.reason == "resolution_too_early"


def test_explain_groups_equal_values() -> None:
    competitors = (
        Competitor(EventId("A", 1), "1", "clerk-a", "desk", T0),
        Competitor(EventId("B", 1), "1", "clerk-b", "desk", T0 + timedelta(hours=1)),
        Competitor(EventId("C", 1), "2", "clerk-c", "desk", T0),
    )
    described = explain(Conflict("case", "r1", "phone", FieldKind.REGISTER, competitors, EventId("C", 1)))
    assert described == {
        "record_type": "case",
        "record_id": "r1",
        "field": "phone",
        "kind": "register",
        "provisional_event": "C:1",
        "choices": [
            {
                "value": "1",
                "provisional": False,
                "writes": [
                    {
                        "event": "A:1",
                        "author": "clerk-a",
                        "side": "desk",
                        "replica": "A",
                        "device_time": "2025-03-01T08:00:00+00:00",
                    },
                    {
                        "event": "B:1",
                        "author": "clerk-b",
                        "side": "desk",
                        "replica": "B",
                        "device_time": "2025-03-01T09:00:00+00:00",
                    },
                ],
            },
            {
                "value": "2",
                "provisional": True,
                "writes": [
                    {
                        "event": "C:1",
                        "author": "clerk-c",
                        "side": "desk",
                        "replica": "C",
                        "device_time": "2025-03-01T08:00:00+00:00",
                    }
                ],
            },
        ],
    }


def test_reprs_name_fields_but_never_show_values() -> None:
    """Events, records and competing writes end up in tracebacks and logs: their values may be personal."""
    from datetime import UTC, datetime

    from sync.change_events import ChangeEvent
    from sync.conflicts import Competitor
    from sync.record_merge import merge_record
    from sync.version_vectors import EventId, VersionVector
    from tests.helpers.record_cases import CASE

    event = ChangeEvent(
        id=EventId("desk", 1),
        record_type="case",
        record_id="r1",
        fields={"phone": "0912345678"},
        context=VersionVector({}),
        device_time=datetime(2026, 1, 1, tzinfo=UTC),
        author="clerk",
        side="desk",
    )
    state = merge_record(CASE, "r1", [event])
    for shown in (repr(event), repr(state), repr(Competitor.of(event, "phone"))):
        assert "0912345678" not in shown
    assert "phone" in repr(event) and "phone" in repr(state)
