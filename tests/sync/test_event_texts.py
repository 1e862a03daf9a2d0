"""Events travel as their canonical text: batches carry the stored characters, receivers keep what arrived
and refuse any other form of an event; the causal sort key is read from the text without decoding it."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync.change_events import ChangeEvent, encode_event
from sync.errors import BadEventData, BadSyncMessage
from sync.event_texts import (
    EncodedEvent,
    context_total,
    decode_canonical,
    encoded,
    join_event_texts,
    split_event_texts,
)
from sync.replica_memory import MemoryReplica
from sync.replica_store import ReplicaStore
from sync.sync_messages import END, ERROR, PULL, PUSH, StreamReader, encode_batch, encode_frame
from sync.sync_session import InProcessTransport, SessionResponder, run_session
from sync.version_vectors import EventId, VersionVector
from tests.helpers.record_cases import CASE, T0, event
from tests.helpers.recorded_wire import Recording, array, batch_payloads
from tests.helpers.replica_stores import Replicas, clock


def filled(name: str, count: int) -> MemoryReplica:
    made = MemoryReplica(name, "desk", (CASE,), clock())
    for number in range(count):
        record = f"r{number % 4}"
        made.write("case", record, {"phone": f"09{number:08d}", "notes": [f"Gọi lại lần {number}"]}, "clerk")
    return made


def test_split_gives_back_each_events_exact_characters() -> None:
    texts = filled("desk-1", 7).missing_encoded(VersionVector())
    items = split_event_texts(join_event_texts(texts))
    assert [item.text for item in items] == texts
    assert [item.event for item in items] == [decode_canonical(text).event for text in texts]
    assert split_event_texts(join_event_texts([])) == []


def other_forms(made: ChangeEvent) -> Iterator[str]:
    """Texts of ``made`` that decode to the same event but are not its canonical form."""
    data = made.to_dict()
    yield json.dumps(data, sort_keys=True, ensure_ascii=False)  # blanks
    yield json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True)  # \\u escapes
    yield json.dumps(dict(reversed(list(data.items()))), separators=(",", ":"), ensure_ascii=False)
    yield encode_event(made).replace("+00:00", "Z")
    yield encode_event(made)[:-1] + ',"side":"desk"}'  # a repeated key


def test_other_forms_of_an_event_are_refused() -> None:
    made = event("A", 1, {"notes": ["Gọi lại"]}, side="desk", when=T0)
    canonical = encode_event(made)
    assert decode_canonical(canonical) == EncodedEvent(made, canonical)
    assert decode_canonical(canonical.encode()) == EncodedEvent(made, canonical)
    for text in other_forms(made):
        assert text != canonical
        with pytest.raises(BadEventData):
            decode_canonical(text)
        with pytest.raises(BadEventData):
            split_event_texts(join_event_texts([canonical, text]))


def test_the_repr_names_no_field_value() -> None:
    made = encoded(event("A", 1, {"phone": "0912345678"}))
    assert "0912345678" not in repr(made) and "phone" in repr(made)


@settings(max_examples=200, deadline=None)
@given(
    author=st.text(min_size=1).filter(str.strip),
    context=st.dictionaries(st.sampled_from(["a", "b.c", "srv-1.01"]), st.integers(1, 10**12), max_size=3),
)
def test_the_context_total_read_from_the_text_is_the_decoded_one(
    author: str, context: dict[str, int]
) -> None:
    made = ChangeEvent(
        id=EventId("z", 1),
        record_type="case",
        record_id="r1",
        fields={"notes": [',"context":{"a":99}', author]},
        context=VersionVector(context),
        device_time=T0,
        author=author,
        side="desk",
    )
    assert context_total(encode_event(made)) == made.context.total()


def test_context_total_of_a_tricky_author() -> None:
    author = 'x","context":{"a":1000},"y":"'
    made = event("A", 2, {"phone": "1"}, {"A": 1, "B": 4})
    made = ChangeEvent(made.id, "case", "r1", made.fields, made.context, T0, author, "desk")
    assert context_total(encode_event(made)) == 5


def stored_texts(replica: ReplicaStore, table: str = "change_events") -> list[str]:
    """The texts of a store's table, in causal order, read with SQL."""
    with replica.store.reader() as conn:
        rows = conn.execute(
            f"SELECT body FROM {table} ORDER BY context_total, replica_id, counter"
        ).fetchall()
    return [str(row[0]) for row in rows]


def test_between_two_stores_the_wire_carries_the_stored_texts(tmp_path: Path) -> None:
    replicas = Replicas(tmp_path, os.urandom(32))
    try:
        wire_carries_the_stored_texts(replicas)
    finally:
        replicas.close()


def wire_carries_the_stored_texts(replicas: Replicas) -> None:
    a, b = replicas.replica("desk-1"), replicas.replica("desk-2")
    for number in range(5):
        a.write("case", f"r{number % 2}", {"phone": f"09{number}", "notes": ["Hồ sơ đầy đủ"]}, "clerk")
    b.write("case", "r9", {"phone": "0987", "notes": ["Đã gọi"]}, "clerk")
    a_texts, b_texts = stored_texts(a), stored_texts(b)
    recording = Recording(InProcessTransport(SessionResponder(b)))
    run_session(a, recording, now=clock(), batch_size=2)

    pushed = batch_payloads(bytes(recording.up[PUSH]))
    cuts = [(0, 1), (1, 3), (3, 4), (4, 5)]  # batches of 2, the push's first and last events on their own
    assert pushed == [array(a_texts[start:end]) for start, end in cuts]
    pulled = batch_payloads(bytes(recording.down[PULL]))
    assert pulled == [array(b_texts)]
    assert stored_texts(a) == stored_texts(b) and set(stored_texts(b)) == set(a_texts) | set(b_texts)


def test_a_pushed_event_in_another_form_is_refused_and_nothing_is_kept() -> None:
    made = filled("desk-1", 3).missing_encoded(VersionVector())
    loose = json.dumps(json.loads(made[1]), sort_keys=True)
    receiver = MemoryReplica("desk-2", "desk", (CASE,), clock())
    frames = [
        encode_frame(PUSH, {"replica": "desk-1"}),
        encode_batch(1, [made[0], loose, made[2]]),
        encode_frame(END, {"batches": 1}),
    ]
    reply = StreamReader(SessionResponder(receiver).handle(PUSH, frames)).read_frame()
    assert reply.type == ERROR and reply.header["code"] == BadSyncMessage.kind
    assert "canonical" in reply.header["message"]
    assert receiver.vector() == VersionVector() and receiver.waiting() == ()
