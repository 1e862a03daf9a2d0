"""The server checks the values of every pushed dossier event (issue 14, finding 7), on a live server on
SQLite and PostgreSQL: wrong types, oversized values and illegal status changes are refused in words, alone:
the province stores its refusal in the event's place and the batch's other events, before and after it, are
taken (``sync.event_refusals``); another desk gets the refusal and never the refused value."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from dossiers.dossier_record import DOSSIER_RECORD
from server.storage.interface import ServerStorage
from sync.change_events import ChangeEvent, decode_event, encode_event
from sync.device_keys import DeviceIdentity
from sync.errors import ServerRejectedData
from sync.event_refusals import refusal_of, refusal_valid
from sync.http_transport import HttpTransport
from sync.replica_memory import MemoryReplica
from sync.sync_session import SessionResult, run_session
from sync.version_vectors import EventId, VersionVector
from tests.helpers.gapped_events import PushOnly
from tests.helpers.live_desks import T0, dossier_fields, province
from tests.helpers.server_accounts import enrol
from tests.server.conftest import Clock, Ids, LiveServer


def texts(commune: str, *changes: dict[str, Any], record_id: str = "d-1", first: int = 1) -> list[str]:
    """Events of desk-v: dossier ``record_id`` received, then each of ``changes`` to it."""
    made, context = [], VersionVector()
    for counter, fields in enumerate([dossier_fields(commune, 1), *changes], start=first):
        event = ChangeEvent(
            EventId("desk-v", counter), "dossier", record_id, fields, context, T0, "lan", "desk"
        )
        made.append(encode_event(event))
        context = context.with_event(event.id)
    return made


def push(live: LiveServer, credential: str, events: list[str], desk: str = "desk-v") -> SessionResult:
    with HttpTransport(live.url, credential, sleep=lambda _: None) as transport:
        return run_session(PushOnly(desk, events), transport, now=lambda: T0)  # type: ignore[arg-type]


CASES = [
    ({"fee": "miễn phí"}, "the dossier field 'fee' must be a whole number"),
    ({"applicant_name": "Nguyễn " * 400}, "'applicant_name' has at most 1000 characters"),
    ({"received_at": 20260302}, "'received_at' must be an ISO datetime as text"),
    (
        {"status": {"from": "1", "to": "10", "by": "desk"}},
        "cannot go from 'newly registered' to 'result returned'",
    ),
    ({"status": {"from": "1", "to": "2", "by": "province"}}, "'status' is changed here by the desk side"),
]


def test_an_event_with_a_value_the_domain_refuses_is_refused_alone_in_words(
    live: LiveServer, storage: ServerStorage, clock: Clock, ids: Ids, communes: list[str]
) -> None:
    commune = communes[0]
    credential = str(enrol(live, storage, commune, clock, ids, "desk-v")["device_secret"])
    sent: list[str] = []
    for number, (change, words) in enumerate(CASES):
        # one dossier per case: received (valid), the refused change, then a valid fee after it
        sent += texts(commune, change, {"fee": 1000 + number}, record_id=f"d-{number}", first=len(sent) + 1)
        result = push(live, credential, sent)
        refused = result.peer_counts.refused
        assert [(r.event, r.reason) for r in refused] == [(f"desk-v:{len(sent) - 1}", "invalid_value")]
        assert words in refused[0].message and "Nguyễn Nguyễn" not in refused[0].message
        state = province(storage, commune).record("dossier", f"d-{number}")
        assert state.values["fee"] == 1000 + number  # the events before and after the refused one were taken
        for name in change:
            assert name not in state.values or state.values[name] != change[name]
    # every case's refusal took the refused event's place: the desk's next push sends nothing again
    again = push(live, credential, sent)
    assert again.peer_counts.new == 0 and not again.peer_counts.refused


def test_another_desk_gets_the_refusal_never_the_refused_value(
    live: LiveServer, storage: ServerStorage, clock: Clock, ids: Ids, communes: list[str]
) -> None:
    commune = communes[0]
    credential = str(enrol(live, storage, commune, clock, ids, "desk-v")["device_secret"])
    other = str(enrol(live, storage, commune, clock, ids, "desk-w")["device_secret"])
    push(live, credential, texts(commune, {"fee": "miễn phí"}, {"fee": 30_000}))
    desk_w = MemoryReplica("desk-w", "desk", (DOSSIER_RECORD,), lambda: T0)
    with HttpTransport(live.url, other, sleep=lambda _: None) as transport:
        run_session(desk_w, transport, now=lambda: T0)
    assert desk_w.vector()["desk-v"] == 3  # nothing of desk-v waits at desk-w: the refusal filled its place
    assert desk_w.record("dossier", "d-1").values["fee"] == 30_000
    held = {event.id.counter: event for event in desk_w.events() if event.id.replica_id == "desk-v"}
    assert held[2].refused == "invalid_value" and held[2].fields == {}
    # desk-v's own refused text, relayed again by a peer, is a duplicate: the refusal stays
    original = texts(commune, {"fee": "miễn phí"})[1]
    assert push(live, other, [original], "desk-w").peer_counts.duplicates == 1
    assert province(storage, commune).record("dossier", "d-1").values["fee"] == 30_000


def test_a_refusal_the_province_never_made_refuses_the_batch(
    live: LiveServer, storage: ServerStorage, clock: Clock, ids: Ids, communes: list[str]
) -> None:
    commune = communes[0]
    credential = str(enrol(live, storage, commune, clock, ids, "desk-v")["device_secret"])
    first, second = texts(commune, {"fee": 10})
    forged = encode_event(refusal_of(decode_event(second), "invalid_value"))
    with pytest.raises(ServerRejectedData) as refused:
        push(live, credential, [first, forged])
    assert "never refused" in str(refused.value)
    assert province(storage, commune).record_ids("dossier") == []


def test_a_refusal_is_signed_with_the_provinces_key_where_it_has_one() -> None:
    province_keys = DeviceIdentity.generate("province.c1")
    event = decode_event(texts("c1", {"fee": "x"})[1])
    signed = refusal_of(event, "invalid_value", province_keys)
    assert refusal_valid(signed, province_keys.public().signing)
    assert not refusal_valid(signed, DeviceIdentity.generate("other").public().signing)
    assert not refusal_valid(refusal_of(event, "invalid_value"), province_keys.public().signing)
    assert decode_event(encode_event(signed)) == signed


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_refusal_is_listed_in_the_push_answer_and_the_batch_is_taken(
    live: LiveServer, storage: ServerStorage, clock: Clock, ids: Ids, communes: list[str]
) -> None:
    credential = str(enrol(live, storage, communes[0], clock, ids, "desk-v")["device_secret"])
    seen: list[requests.Response] = []
    transport = HttpTransport(live.url, credential, sleep=lambda _: None)
    transport.session.hooks["response"].append(lambda r, *a, **k: seen.append(r))
    with transport:
        run_session(PushOnly("desk-v", texts(communes[0], {"sets": 0})), transport, now=lambda: T0)  # type: ignore[arg-type]
    assert [r.status_code for r in seen] == [200] * len(seen)
    assert province(storage, communes[0]).record_ids("dossier") == ["d-1"]


def test_two_pcs_pushing_as_one_workstation_are_told_apart_in_words(
    live: LiveServer, storage: ServerStorage, clock: Clock, ids: Ids, communes: list[str]
) -> None:
    """A copied disk: the copy makes its own events under the same numbers; the province says so, for IT."""
    commune = communes[0]
    credential = str(enrol(live, storage, commune, clock, ids, "desk-v")["device_secret"])
    push(live, credential, texts(commune, {"fee": 10}))
    with pytest.raises(ServerRejectedData) as refused:
        push(live, credential, texts(commune, {"fee": 20}))  # the copy's own event number 2
    assert "used by two PCs" in str(refused.value) and "new enrolment" in str(refused.value)
    assert province(storage, commune).record("dossier", "d-1").values["fee"] == 10
