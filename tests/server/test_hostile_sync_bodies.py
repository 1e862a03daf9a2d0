"""Hostile sync bodies from an enrolled workstation answer 4xx with words, never 500 (issue 14, finding 5):
deeply nested JSON in a batch or a frame header, counters of 2^63 and more, huge pull vectors."""

from __future__ import annotations

import base64
import json
import os

import pytest

from dossiers.dossier_record import DOSSIER_RECORD, SCOPE_FIELD
from server.storage.interface import ServerStorage
from sync.change_events import canonical_json
from sync.replica_memory import MemoryReplica
from sync.sync_messages import END, PULL, PUSH, encode_batch, encode_frame
from sync.version_vectors import VersionVector
from tests.helpers.server_accounts import enrol
from tests.server.conftest import Clock, Ids, LiveServer

OCTETS = {"Content-Type": "application/octet-stream"}
DEEP = 5_000
NOISE = base64.b64encode(os.urandom(30_000)).decode()
"""Incompressible padding, so that a batch passes the compression-ratio check and is opened."""


def one_event(commune: str, clock: Clock, replica: str = "desk-a") -> dict[str, object]:
    desk = MemoryReplica(replica, "desk", (DOSSIER_RECORD,), clock.now)
    desk.write("dossier", "d1", {SCOPE_FIELD: commune, "notes": ["a note"]}, "clerk")
    (text,) = desk.missing_encoded(VersionVector())
    return dict(json.loads(text))


def push_of(*texts: str, replica: str = "desk-a") -> bytes:
    return (
        encode_frame(PUSH, {"replica": replica, "events": len(texts)})
        + encode_batch(1, list(texts))
        + encode_frame(END, {"batches": 1})
    )


def assert_refused_in_words(answer: object, *words: str) -> None:
    status = answer.status_code  # type: ignore[attr-defined]
    assert 400 <= status < 500, (status, answer.text[:300])  # type: ignore[attr-defined]
    message = answer.json()["message"]  # type: ignore[attr-defined]
    assert "Traceback" not in message
    for word in words:
        assert word in message, message


def test_deeply_nested_json_in_a_batch_or_a_header_is_refused_in_words(
    live: LiveServer, storage: ServerStorage, clock: Clock, ids: Ids, communes: list[str]
) -> None:
    secret = enrol(live, storage, communes[0], clock, ids, "desk-a")["device_secret"]
    nested = '{"noise":"' + NOISE + '","x":' + "[" * DEEP + "]" * DEEP + "}"
    answer = live.post("/v1/sync/push", token=secret, data=push_of(nested), headers=OCTETS)
    assert_refused_in_words(answer, "malformed events")

    event = one_event(communes[0], clock)
    event["fields"] = {"notes": {"v": [[[]]]}, "summary": {"v": NOISE}}
    deep_field = canonical_json(event).replace("[[[]]]", "[" * DEEP + "]" * DEEP)
    answer = live.post("/v1/sync/push", token=secret, data=push_of(deep_field), headers=OCTETS)
    assert_refused_in_words(answer, "malformed events")

    header = b'{"protocol":1,"type":"push","replica":"desk-a","x":' + b"[" * 20_000 + b"]" * 20_000 + b"}"
    body = len(header).to_bytes(4, "big") + header
    for route in ("push", "pull", "hello"):
        answer = live.post(f"/v1/sync/{route}", token=secret, data=body, headers=OCTETS)
        assert_refused_in_words(answer, "not valid JSON")
    assert live.get("/v1/me", token=secret).status_code == 200


@pytest.mark.parametrize("counter", [2**63, 2**63 + 5, 10**30])
def test_counters_of_2_to_the_63_or_more_are_refused_in_words(
    counter: int, live: LiveServer, storage: ServerStorage, clock: Clock, ids: Ids, communes: list[str]
) -> None:
    secret = enrol(live, storage, communes[0], clock, ids, "desk-a")["device_secret"]
    event = one_event(communes[0], clock)
    answer = live.post(
        "/v1/sync/push",
        token=secret,
        data=push_of(canonical_json({**event, "counter": counter})),
        headers=OCTETS,
    )
    assert_refused_in_words(answer, "counter")
    event["context"] = {"desk-b": counter}
    answer = live.post("/v1/sync/push", token=secret, data=push_of(canonical_json(event)), headers=OCTETS)
    assert_refused_in_words(answer, "counter")
    pull = encode_frame(PULL, {"replica": "desk-a", "vector": {"desk-a": counter}, "batch_size": 100})
    answer = live.post("/v1/sync/pull", token=secret, data=pull, headers=OCTETS)
    assert_refused_in_words(answer, "counter")
    hello = encode_frame("hello", {"replica": "desk-a", "vector": {"desk-a": counter}})
    answer = live.post("/v1/sync/hello", token=secret, data=hello, headers=OCTETS)
    assert_refused_in_words(answer, "counter")


def test_a_huge_pull_vector_is_answered_without_a_server_error(
    live: LiveServer, storage: ServerStorage, clock: Clock, ids: Ids, communes: list[str]
) -> None:
    secret = enrol(live, storage, communes[0], clock, ids, "desk-a")["device_secret"]
    answer = live.post(
        "/v1/sync/push",
        token=secret,
        data=push_of(canonical_json(one_event(communes[0], clock))),
        headers=OCTETS,
    )
    assert answer.status_code == 200, answer.text
    vector = {f"r{i}": 2**62 + i for i in range(2000)}
    pull = encode_frame(PULL, {"replica": "desk-a", "vector": vector, "batch_size": 100})
    answer = live.post("/v1/sync/pull", token=secret, data=pull, headers=OCTETS)
    assert answer.status_code == 200, answer.text[:300]
    vector = {"desk-a": 1, **{f"r{i}": 2**63 - 1 for i in range(2000)}}
    pull = encode_frame(PULL, {"replica": "desk-a", "vector": vector, "batch_size": 100})
    answer = live.post("/v1/sync/pull", token=secret, data=pull, headers=OCTETS)
    assert answer.status_code == 200, answer.text[:300]


def test_a_desk_cannot_tell_whether_another_communes_event_id_exists(
    live: LiveServer, storage: ServerStorage, clock: Clock, ids: Ids, communes: list[str]
) -> None:
    mine = enrol(live, storage, communes[0], clock, ids, "desk-a")["device_secret"]
    theirs = enrol(live, storage, communes[1], clock, ids, "desk-b")["device_secret"]
    their_event = one_event(communes[1], clock, "desk-b")
    body = push_of(canonical_json(their_event), replica="desk-b")
    assert live.post("/v1/sync/push", token=theirs, data=body, headers=OCTETS).status_code == 200

    answers = []
    for counter in (1, 2):  # desk-b:1 exists on the server, desk-b:2 does not
        forged = {**one_event(communes[0], clock), "replica": "desk-b", "counter": counter}
        answer = live.post("/v1/sync/push", token=mine, data=push_of(canonical_json(forged)), headers=OCTETS)
        answers.append((answer.status_code, answer.json()["error"], answer.json().get("reason")))
    assert answers[0] == answers[1] == (403, "events_refused", "unknown_origin"), answers
