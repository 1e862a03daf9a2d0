"""The province's refusal of an event (``sync.event_refusals``) on a desk's durable replica and in memory:
it takes the refused event's place, so the origin's later events apply; a replica holding the refused text
keeps it (the refusal is a duplicate there); a record whose only events were refused is not listed."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from sync.change_events import ChangeEvent, decode_event, encode_event
from sync.device_keys import DeviceIdentity
from sync.errors import BadEventData
from sync.event_refusals import RefusedEvent, one_is_refusal_of_other, refusal_of, refusal_valid
from sync.replica_memory import MemoryReplica
from tests.helpers.record_cases import CASE, T0, event
from tests.helpers.replica_stores import Replicas


@pytest.fixture
def replicas(tmp_path: Path) -> Iterator[Replicas]:
    made = Replicas(tmp_path, os.urandom(32))
    yield made
    made.close()


def test_a_refusal_sets_nothing_and_travels_as_text() -> None:
    first = event("desk-a", 1, {"phone": "0901"})
    refusal = refusal_of(first, "invalid_value")
    assert refusal.fields == {} and refusal.id == first.id and refusal.context == first.context
    assert decode_event(encode_event(refusal)) == refusal
    assert one_is_refusal_of_other(first, refusal) and not one_is_refusal_of_other(first, first)
    with pytest.raises(BadEventData):
        ChangeEvent(first.id, "case", "r1", {"phone": "1"}, first.context, T0, "a", "desk", refused="x")
    with pytest.raises(BadEventData):
        ChangeEvent(first.id, "case", "r1", {}, first.context, T0, "a", "desk")  # an event sets a field
    with pytest.raises(BadEventData):
        ChangeEvent(first.id, "case", "r1", {}, first.context, T0, "a", "desk", refused="not a code!")


def test_a_refusal_signed_by_the_province_is_told_from_one_made_up() -> None:
    keys = DeviceIdentity.generate("province.c1")
    signed = refusal_of(event("desk-a", 2, {"phone": "x"}), "invalid_value", keys)
    assert refusal_valid(signed, keys.public().signing)
    assert not refusal_valid(
        refusal_of(event("desk-a", 2, {"phone": "x"}), "invalid_value"), keys.public().signing
    )
    assert not refusal_valid(event("desk-a", 2, {"phone": "x"}), keys.public().signing)


def test_a_desk_applies_the_origins_later_events_after_a_refusal(replicas: Replicas) -> None:
    desk = replicas.replica("desk-b")
    created = event("desk-a", 1, {"phone": "0901"})
    refused = event("desk-a", 2, {"phone": "bad"}, {"desk-a": 1})
    later = event("desk-a", 3, {"notes": ("called",)}, {"desk-a": 2})
    report = desk.receive([created, refusal_of(refused, "invalid_value"), later])
    assert (report.new, report.waiting) == (3, 0)
    state = desk.record("case", "r1")
    assert state.get("phone") == "0901" and state.get("notes") == ("called",)


def test_a_desk_holding_the_refused_text_keeps_it(replicas: Replicas) -> None:
    desk = replicas.replica("desk-b")
    created = event("desk-a", 1, {"phone": "0901"})
    refused = event("desk-a", 2, {"phone": "0902"}, {"desk-a": 1})
    desk.receive([created, refused])  # got from a LAN peer before the province refused it
    report = desk.receive([refusal_of(refused, "invalid_value")])
    assert (report.new, report.duplicates) == (0, 1)
    assert desk.record("case", "r1").get("phone") == "0902"
    memory = MemoryReplica("desk-m", "desk", (CASE,), lambda: T0)
    memory.receive([created, refused])
    assert memory.receive([refusal_of(refused, "invalid_value")]).duplicates == 1
    with pytest.raises(BadEventData):  # two texts under one id, neither a refusal: still corrupt data
        desk.receive([event("desk-a", 2, {"phone": "0903"}, {"desk-a": 1})])


def test_a_record_whose_only_event_was_refused_is_not_listed(replicas: Replicas) -> None:
    desk = replicas.replica("desk-b")
    desk.receive([refusal_of(event("desk-a", 1, {"phone": "bad"}, record_id="r9"), "invalid_value")])
    assert [r.record_id for r in desk.list_records("case")] == []
    desk.receive([event("desk-a", 2, {"phone": "0904"}, {"desk-a": 1}, record_id="r9")])
    assert [r.record_id for r in desk.list_records("case")] == ["r9"]
    assert desk.rebuild() == 1


def test_a_refusal_entry_is_read_leniently() -> None:
    entry = RefusedEvent("desk-a:2", "invalid_value", "event desk-a:2 is refused: 'fee' must be a number")
    assert RefusedEvent.from_dict(entry.to_dict()) == entry
    assert RefusedEvent.from_dict({"event": 1}) is None and RefusedEvent.from_dict("x") is None
