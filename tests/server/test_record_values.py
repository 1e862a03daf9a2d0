"""The server checks the values of every pushed dossier event (issue 14, finding 7), on a live server on
SQLite and PostgreSQL: wrong types, oversized values and illegal status changes are refused in words
(403 events_refused, reason invalid_value) and nothing of the batch is stored; valid dossiers pass."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from server.storage.interface import ServerStorage
from sync.change_events import ChangeEvent, encode_event
from sync.errors import ServerRejectedData
from sync.http_transport import HttpTransport
from sync.sync_session import run_session
from sync.version_vectors import EventId, VersionVector
from tests.helpers.gapped_events import PushOnly
from tests.helpers.live_desks import T0, dossier_fields, province
from tests.helpers.server_accounts import enrol
from tests.server.conftest import Clock, Ids, LiveServer


def texts(commune: str, *changes: dict[str, Any]) -> list[str]:
    """Events of desk-v: dossier d-1 received, then each of ``changes`` to it."""
    made, context = [], VersionVector()
    for counter, fields in enumerate([dossier_fields(commune, 1), *changes], start=1):
        event = ChangeEvent(EventId("desk-v", counter), "dossier", "d-1", fields, context, T0, "lan", "desk")
        made.append(encode_event(event))
        context = context.with_event(event.id)
    return made


def push(live: LiveServer, credential: str, events: list[str]) -> Any:
    with HttpTransport(live.url, credential, sleep=lambda _: None) as transport:
        return run_session(PushOnly("desk-v", events), transport, now=lambda: T0)  # type: ignore[arg-type]


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


def test_a_pushed_event_with_a_value_the_domain_refuses_is_refused_in_words(
    live: LiveServer, storage: ServerStorage, clock: Clock, ids: Ids, communes: list[str]
) -> None:
    credential = str(enrol(live, storage, communes[0], clock, ids, "desk-v")["device_secret"])
    for change, words in CASES:
        with pytest.raises(ServerRejectedData) as refused:
            push(live, credential, texts(communes[0], change))
        assert words in str(refused.value), str(refused.value)
        assert "Nguyễn Nguyễn" not in str(refused.value)
        assert province(storage, communes[0]).record_ids("dossier") == []  # the valid first event neither
    push(live, credential, texts(communes[0], {"fee": 30_000}))
    assert province(storage, communes[0]).record("dossier", "d-1").values["fee"] == 30_000


@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_refusal_is_a_403_with_its_reason(
    live: LiveServer, storage: ServerStorage, clock: Clock, ids: Ids, communes: list[str]
) -> None:
    credential = str(enrol(live, storage, communes[0], clock, ids, "desk-v")["device_secret"])
    seen: list[requests.Response] = []
    transport = HttpTransport(live.url, credential, sleep=lambda _: None)
    transport.session.hooks["response"].append(lambda r, *a, **k: seen.append(r))
    with transport, pytest.raises(ServerRejectedData):
        run_session(PushOnly("desk-v", texts(communes[0], {"sets": 0})), transport, now=lambda: T0)  # type: ignore[arg-type]
    refused = [r for r in seen if r.status_code == 403]
    assert refused and refused[0].json()["error"] == "events_refused"
    assert refused[0].json()["reason"] == "invalid_value"
