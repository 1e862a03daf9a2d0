"""Change events, field policies and the derivation of a record from its events (on the test record type
``CASE`` of ``tests/helpers/record_cases.py``)."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync.change_events import (
    ChangeEvent,
    FrozenDict,
    canonical_json,
    decode_event,
    encode_event,
    freeze,
    thaw,
)
from sync.errors import BadEventData
from sync.event_texts import join_event_texts, split_event_texts
from sync.field_policies import (
    FieldKind,
    FieldSpec,
    RecordType,
    StateMachine,
    add_only_set,
    log,
    owned,
    register,
)
from sync.record_merge import merge_record
from sync.version_vectors import EventId, VersionVector
from tests.helpers.record_cases import CASE, LIFECYCLE, T0, event


def merged(*events: ChangeEvent):
    return merge_record(CASE, "r1", events)


# -- change events -----------------------------------------------------------------------------------------


def test_event_is_deeply_immutable() -> None:
    source = {"documents": ["a", {"k": [1, 2]}]}
    made = event("A", 1, source)
    source["documents"].append("b")
    assert made.fields["documents"] == ("a", FrozenDict({"k": (1, 2)}))
    with pytest.raises(TypeError):
        made.fields["phone"] = "x"  # type: ignore[index]
    with pytest.raises(AttributeError):
        made.author = "other"  # type: ignore[misc]
    hash(made.fields["documents"])


def test_freeze_and_thaw_round_trip() -> None:
    value = {"b": [1, 2.5, None, True], "a": {"x": "y"}}
    assert thaw(freeze(value)) == value
    assert canonical_json(value) == '{"a":{"x":"y"},"b":[1,2.5,null,true]}'
    with pytest.raises(BadEventData):
        freeze(float("nan"))
    with pytest.raises(BadEventData):
        freeze({1: "x"})
    with pytest.raises(BadEventData):
        freeze({"x": {1, 2}})


def test_event_encoding_is_canonical_and_round_trips() -> None:
    made = event(
        "A", 3, {"phone": "0901", "notes": ["gọi lại"]}, {"A": 2, "B": 7}, resolves=(EventId("B", 7),)
    )
    text = encode_event(made)
    data = json.loads(text)
    assert list(data) == sorted(data)
    assert text == json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert "gọi lại" in text
    assert decode_event(text) == made
    assert decode_event(text.encode()) == made
    assert encode_event(decode_event(text)) == text
    assert [item.event for item in split_event_texts(join_event_texts([text, text]))] == [made, made]


def test_events_without_resolves_omit_the_key() -> None:
    assert "resolves" not in json.loads(encode_event(event("A", 1, {"phone": "1"})))


@pytest.mark.parametrize(
    "change",
    [
        {"format": 2},
        {"format": True},
        {"replica": ""},
        {"replica": " A"},
        {"counter": 0},
        {"counter": True},
        {"counter": "1"},
        {"record_type": ""},
        {"record_id": 5},
        {"author": "  "},
        {"side": None},
        {"fields": {}},
        {"fields": []},
        {"fields": {"phone": float("inf")}},
        {"context": {"A": -1}},
        {"context": {"A": 1}},  # includes the event itself (A:1)
        {"context": ["A", 1]},
        {"device_time": "yesterday"},
        {"device_time": "2025-03-01T08:00:00"},  # no time zone
        {"device_time": 5},
        {"resolves": [["B", 1]]},  # not within the context
        {"resolves": [["B"]]},
        {"resolves": "B:1"},
        {"extra": 1},
    ],
)
def test_bad_event_data_is_refused(change: dict[str, Any]) -> None:
    data = event("A", 1, {"phone": "1"}).to_dict()
    data.update(change)
    with pytest.raises(BadEventData):
        ChangeEvent.from_dict(data)


@pytest.mark.parametrize(
    "missing", ["replica", "counter", "fields", "context", "device_time", "author", "side"]
)
def test_events_missing_a_key_are_refused(missing: str) -> None:
    data = event("A", 1, {"phone": "1"}).to_dict()
    del data[missing]
    with pytest.raises(BadEventData, match="lacks"):
        ChangeEvent.from_dict(data)


@pytest.mark.parametrize("text", ["", "{", "[]", "null", b"\xff\xfe"])
def test_malformed_text_is_refused(text: str | bytes) -> None:
    with pytest.raises(BadEventData):
        decode_event(text)


def test_malformed_event_lists_are_refused() -> None:
    for text in ("{}", "[1", "[1]", "[", "[]]"):
        with pytest.raises(BadEventData):
            split_event_texts(text)


def test_direct_construction_is_validated() -> None:
    with pytest.raises(BadEventData):
        event("A", 1, {"phone": object()})
    with pytest.raises(BadEventData):
        event("A", 1, {"phone": "1"}, when=datetime(2025, 1, 1))
    with pytest.raises(BadEventData):
        ChangeEvent(EventId("A", 1), "case", "r1", {"a": 1}, {"A": 0}, T0, "x", "desk")  # type: ignore[arg-type]
    with pytest.raises(BadEventData):
        ChangeEvent(("A",), "case", "r1", {"a": 1}, VersionVector(), T0, "x", "desk")  # type: ignore[arg-type]
    with pytest.raises(BadEventData):
        event("A", 1, {" ": 1})


def test_causal_helpers() -> None:
    first = event("A", 1, {"phone": "1"})
    second = event("B", 1, {"phone": "2"}, {"A": 1})
    third = event("C", 1, {"phone": "3"})
    assert first.happened_before(second)
    assert not second.happened_before(first)
    assert not third.happened_before(second)
    assert sorted([second, third, first], key=ChangeEvent.causal_key) == [first, third, second]
    assert first.record_key == ("case", "r1")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=200)
@given(
    value=json_values,
    replica=st.text(st.characters(codec="utf-8"), min_size=1, max_size=8).filter(lambda s: s.strip() == s),
    counter=st.integers(1, 2**53),
    offset_minutes=st.integers(-14 * 60, 14 * 60),
)
def test_any_json_value_round_trips(value: Any, replica: str, counter: int, offset_minutes: int) -> None:
    when = datetime(2031, 5, 6, 7, 8, 9, 123456, tzinfo=UTC).astimezone(
        timezone(timedelta(minutes=offset_minutes))
    )
    made = ChangeEvent(
        EventId(replica, counter), "case", "r", {"f": value}, VersionVector(), when, "a", "desk"
    )
    again = decode_event(encode_event(made))
    assert encode_event(again) == encode_event(made)
    assert again.device_time.utcoffset() == made.device_time.utcoffset()


# -- field policies ----------------------------------------------------------------------------------------


def test_field_specs_are_validated() -> None:
    assert register("a").kind is FieldKind.REGISTER and register("a").is_single_value
    assert owned("d", "province").is_single_value
    assert not add_only_set("s").is_single_value
    assert owned("d", "province").writable_by("province")
    assert not owned("d", "province").writable_by("desk")
    assert register("a").writable_by("anyone")
    assert isinstance(LIFECYCLE, StateMachine)
    for bad in (
        lambda: FieldSpec("", FieldKind.REGISTER),
        lambda: FieldSpec("a", "register"),  # type: ignore[arg-type]
        lambda: FieldSpec("a", FieldKind.OWNED),
        lambda: FieldSpec("a", FieldKind.REGISTER, owner="province"),
        lambda: FieldSpec("a", FieldKind.OWNED, owner=" "),
        lambda: FieldSpec("a", FieldKind.STATE),
        lambda: FieldSpec("a", FieldKind.LOG, machine=LIFECYCLE),
        lambda: FieldSpec("a", FieldKind.STATE, machine=object()),  # type: ignore[arg-type]
        lambda: RecordType("", [register("a")]),
        lambda: RecordType("t", []),
        lambda: RecordType("t", [register("a"), log("a")]),
    ):
        with pytest.raises(ValueError):
            bad()


def test_record_type_lookup() -> None:
    assert CASE.field("phone") == register("phone")
    assert CASE.field("nope") is None
    assert set(CASE.by_name) == {"phone", "documents", "notes", "status", "decision"}


# -- registers ---------------------------------------------------------------------------------------------


def test_a_record_without_events() -> None:
    result = merged()
    assert dict(result.values) == {"documents": (), "notes": (), "status": "received"}
    assert result.get("phone") is None and result.get("phone", "-") == "-"
    assert result.conflicts == () and result.rejected == () and result.history == ()
    assert result.vector == VersionVector()


def test_a_later_write_replaces_an_earlier_one() -> None:
    result = merged(event("A", 1, {"phone": "1"}), event("B", 1, {"phone": "2"}, {"A": 1}))
    assert result.get("phone") == "2"
    assert result.conflicts == ()
    assert result.vector == VersionVector({"A": 1, "B": 1})


def test_concurrent_different_values_conflict_with_a_deterministic_provisional_winner() -> None:
    early_clock = event("A", 5, {"phone": "1"}, when=T0 + timedelta(days=3000))
    late_clock = event("B", 1, {"phone": "2"}, when=T0 - timedelta(days=3000))
    result = merged(late_clock, early_clock)
    assert result.get("phone") == "2"  # highest (replica, counter) — never the device clock
    [conflict] = result.conflicts
    assert conflict.field == "phone" and conflict.kind is FieldKind.REGISTER
    assert conflict.provisional == EventId("B", 1)
    assert conflict.values() == ("1", "2")
    assert result.conflict("phone") is conflict and result.conflict("documents") is None


def test_three_concurrent_values_keep_all_three() -> None:
    result = merged(
        event("A", 1, {"phone": "1"}), event("B", 1, {"phone": "2"}), event("C", 1, {"phone": "3"})
    )
    assert sorted(result.conflicts[0].values()) == ["1", "2", "3"]
    assert len(result.conflicts[0].competitors) == 3


def test_concurrent_equal_values_are_no_conflict() -> None:
    result = merged(event("A", 1, {"phone": "1"}), event("B", 1, {"phone": "1"}))
    assert result.get("phone") == "1" and result.conflicts == ()


def test_equal_and_different_values_keep_every_write() -> None:
    result = merged(
        event("A", 1, {"phone": "1"}), event("B", 1, {"phone": "1"}), event("C", 1, {"phone": "2"})
    )
    conflict = result.conflicts[0]
    assert conflict.values() == ("1", "2") and len(conflict.competitors) == 3


def test_a_write_that_saw_both_ends_the_conflict() -> None:
    result = merged(
        event("A", 1, {"phone": "1"}),
        event("B", 1, {"phone": "2"}),
        event("C", 1, {"phone": "3"}, {"A": 1, "B": 1}, resolves=(EventId("A", 1), EventId("B", 1))),
    )
    assert result.get("phone") == "3" and result.conflicts == ()
    [resolved] = result.resolved
    assert resolved.resolved == (EventId("A", 1), EventId("B", 1)) and resolved.value == "3"
    assert resolved.by == EventId("C", 1) and resolved.field == "phone"


def test_owned_field_rejects_the_wrong_side_and_keeps_the_write() -> None:
    result = merged(
        event("P", 1, {"decision": "approve"}, side="province"),
        event("A", 1, {"decision": "refuse", "phone": "1"}, {"P": 1}, side="desk"),
    )
    assert result.get("decision") == "approve"
    assert result.get("phone") == "1"  # the rest of the event stands
    [rejected] = result.rejected
    assert (rejected.event_id, rejected.field, rejected.value, rejected.reason) == (
        EventId("A", 1),
        "decision",
        "refuse",
        "wrong_side",
    )
    assert dict(rejected.params) == {"side": "desk", "owner": "province"}


def test_unknown_fields_and_bad_collection_values_are_rejected_not_lost() -> None:
    result = merged(event("A", 1, {"colour": "red"}), event("A", 2, {"documents": "not a list", "notes": 5}))
    assert [(item.field, item.reason) for item in result.rejected] == [
        ("colour", "unknown_field"),
        ("documents", "bad_value"),
        ("notes", "bad_value"),
    ]
    assert result.get("documents") == ()


# -- sets and logs -----------------------------------------------------------------------------------------


def test_sets_merge_by_union_without_conflict() -> None:
    result = merged(
        event("A", 1, {"documents": ["form", "id card"]}),
        event("B", 1, {"documents": ["photo", "form"]}),
        event("A", 2, {"documents": [{"code": "x"}]}, {"A": 1}),
    )
    assert set(result.get("documents")) == {"form", "id card", "photo", FrozenDict({"code": "x"})}
    assert len(result.get("documents")) == 4
    assert result.conflicts == ()


def test_logs_keep_every_entry_in_causal_order() -> None:
    first = event("B", 1, {"notes": ["b1"]})
    second = event("A", 1, {"notes": ["a1", "a1 again"]}, {"B": 1})
    concurrent = event("C", 1, {"notes": ["c1"]})
    third = event("A", 2, {"notes": ["a2"]}, {"A": 1, "B": 1, "C": 1})
    result = merged(third, concurrent, second, first)
    notes = result.get("notes")
    assert sorted(notes) == sorted(["b1", "a1", "a1 again", "c1", "a2"])
    assert notes.index("b1") < notes.index("a1") < notes.index("a1 again") < notes.index("a2")
    assert notes.index("c1") < notes.index("a2")


# -- state -------------------------------------------------------------------------------------------------


def test_status_follows_its_transitions() -> None:
    result = merged(
        event("A", 1, {"status": "process"}), event("A", 2, {"status": "return_result"}, {"A": 1})
    )
    assert result.get("status") == "returned" and result.conflicts == ()


def test_unorderable_concurrent_transitions_are_a_conflict() -> None:
    base = event("A", 1, {"status": "process"})
    returned = event("A", 2, {"status": "return_result"}, {"A": 1})
    stopped = event("P", 1, {"status": "stop"}, {"A": 1}, side="province")
    result = merged(stopped, returned, base)
    [conflict] = result.conflicts
    assert conflict.kind is FieldKind.STATE and conflict.field == "status"
    assert {c.value for c in conflict.competitors} == {"return_result", "stop"}
    shown = "returned" if conflict.provisional == returned.id else "stopped"
    assert result.get("status") == shown


def test_orderable_concurrent_transitions_both_stand() -> None:
    base = event("A", 1, {"status": "process"})
    noted = event("B", 1, {"status": "note"}, {"A": 1})
    stopped = event("P", 1, {"status": "stop"}, {"A": 1}, side="province")
    result = merged(base, noted, stopped)
    assert result.get("status") == "stopped" and result.conflicts == ()


def test_the_same_transition_made_twice_concurrently_is_no_conflict() -> None:
    result = merged(event("A", 1, {"status": "process"}), event("B", 1, {"status": "process"}))
    assert result.get("status") == "processing" and result.conflicts == ()


def test_a_refused_transition_without_concurrency_is_rejected_and_kept() -> None:
    result = merged(event("A", 1, {"status": "return_result"}))
    assert result.get("status") == "received"
    [rejected] = result.rejected
    assert rejected.reason == "transition_refused" and "not allowed" in rejected.params["error"]


def test_transitions_built_on_a_conflicting_branch_join_the_conflict() -> None:
    base = event("B", 1, {"status": "process"})
    returned = event("A", 1, {"status": "return_result"}, {"B": 1})  # walked first: the provisional one
    supplement = event("B", 2, {"status": "request_supplement"}, {"B": 1})
    reprocess = event("B", 3, {"status": "process"}, {"B": 2})
    result = merged(base, supplement, reprocess, returned)
    [conflict] = result.conflicts
    assert set(conflict.event_ids) == {supplement.id, reprocess.id, returned.id}
    assert conflict.provisional == returned.id and result.get("status") == "returned"


def test_transitions_after_the_provisional_branch_apply() -> None:
    base = event("A", 1, {"status": "process"})
    supplement = event("A", 2, {"status": "request_supplement"}, {"A": 1})  # walked first: provisional
    reprocess = event("A", 3, {"status": "process"}, {"A": 2})
    returned = event("B", 1, {"status": "return_result"}, {"A": 1})
    result = merged(base, supplement, reprocess, returned)
    [conflict] = result.conflicts
    assert set(conflict.event_ids) == {supplement.id, returned.id}
    assert result.get("status") == "processing"


def test_a_resolution_replaces_the_conflicting_transitions() -> None:
    base = event("A", 1, {"status": "process"})
    returned = event("A", 2, {"status": "return_result"}, {"A": 1})
    stopped = event("P", 1, {"status": "stop"}, {"A": 1}, side="province")
    decided = event(
        "P", 2, {"status": "stop"}, {"A": 2, "P": 1}, side="province", resolves=(returned.id, stopped.id)
    )
    result = merged(base, returned, stopped, decided)
    assert result.get("status") == "stopped" and result.conflicts == ()
    assert result.resolved[0].resolved == (returned.id, stopped.id)
    assert len(result.history) == 4  # the overruled transition stays in history


# -- the set of events, not their order --------------------------------------------------------------------


def test_duplicates_change_nothing_and_clashing_ids_are_refused() -> None:
    one = event("A", 1, {"phone": "1"})
    assert merged(one, one, one) == merged(one)
    with pytest.raises(BadEventData, match="two different events"):
        merged(one, event("A", 1, {"phone": "2"}))
    with pytest.raises(BadEventData, match="another record"):
        merged(event("A", 1, {"phone": "1"}, record_id="r2"))


def history_strategy():
    """Random causal histories of one record made by 2–4 replicas syncing at random."""
    step = st.tuples(
        st.integers(0, 3),
        st.sampled_from(["phone", "documents", "notes", "status", "decision", "sync"]),
        st.integers(0, 4),
    )
    return st.lists(step, min_size=1, max_size=25)


def build_history(steps: list[tuple[int, str, int]]) -> list[ChangeEvent]:
    """Replay ``steps`` with plain events (no replica class): a writer's context is what it has seen."""
    names = ["A", "B", "C", "P"]
    seen: list[set[EventId]] = [set() for _ in names]
    counters = [0] * 4
    made: dict[EventId, ChangeEvent] = {}
    values = {
        "phone": lambda n: f"09{n}",
        "documents": lambda n: [f"doc{n}"],
        "notes": lambda n: [f"note{n}"],
        "status": lambda n: ["process", "stop", "return_result", "note", "request_supplement"][n],
        "decision": lambda n: ["approve", "refuse"][n % 2],
    }
    for who, what, n in steps:
        if what == "sync":
            other = n % 4
            seen[who] |= seen[other]
            continue
        counters[who] += 1
        context: dict[str, int] = {}
        for seen_id in seen[who]:
            context[seen_id.replica_id] = max(context.get(seen_id.replica_id, 0), seen_id.counter)
        side = "province" if names[who] == "P" else "desk"
        made_event = event(names[who], counters[who], {what: values[what](n)}, context, side=side)
        made[made_event.id] = made_event
        seen[who].add(made_event.id)
    return list(made.values())


@settings(max_examples=300)
@given(steps=history_strategy(), seed=st.integers(0, 2**32))
def test_any_delivery_order_with_duplicates_gives_the_same_record(steps, seed) -> None:
    events = build_history(steps)
    reference = merge_record(CASE, "r1", events)
    shuffled = events + random.Random(seed).choices(events, k=len(events) // 2)
    random.Random(seed + 1).shuffle(shuffled)
    again = merge_record(CASE, "r1", shuffled)
    assert again == reference
    # no silent loss: every set item and log entry is there, every register write is shown, in an open
    # conflict, rejected, or seen by a later write of the same field
    for made in events:
        for name, value in made.fields.items():
            rejected = any(r.event_id == made.id and r.field == name for r in reference.rejected)
            if name == "documents":
                assert set(value) <= set(reference.get("documents"))
            elif name == "notes":
                assert set(value) <= set(reference.get("notes"))
            elif name in ("phone", "decision") and not rejected:
                superseded = any(
                    made.happened_before(o) for o in events if name in o.fields and o is not made
                )
                in_conflict = any(made.id in c.event_ids for c in reference.conflicts)
                assert superseded or in_conflict or reference.get(name) == value
    assert len(reference.history) == len(events)


def test_hundreds_of_events_merge() -> None:
    events = build_history(
        [(i % 4, ["phone", "notes", "documents", "sync"][i % 4], i % 5) for i in range(800)]
    )
    result = merge_record(CASE, "r1", reversed(events))
    assert len(result.history) == len(events)
    assert len(result.get("notes")) == 200
