"""Every route of the OpenAPI spec with garbage path values, query values and bodies: never a 5xx.

A bounded stand-in for schemathesis (not installed): each route gets the same hostile values in each of its
path parameters, hostile query strings and bodies (not JSON, JSON of the wrong shape, deep nesting, binary),
as a workstation, as an admin and without credentials. Nothing may answer 5xx; the server keeps serving.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable, Iterator

import pytest

from dossiers.dossier_record import DOSSIER_RECORD, transition_value
from dossiers.lifecycle import Actor, Status
from server.storage.interface import ServerStorage
from server.storage.records import Role
from sync.http_transport import HttpTransport
from sync.replica_memory import MemoryReplica
from sync.sync_session import run_session
from tests.helpers.server_accounts import add_account, enrol, log_in
from tests.server.conftest import Clock, Ids, LiveServer

PATH_VALUES = [
    "%00",
    "%27%20OR%20%271%27=%271",
    "..%2F..%2Fetc%2Fpasswd",
    "9" * 300,
    "-1",
    "%F0%9F%92%A5",
    "%C3%A9%CC%81",
    "a%20b",
    "%FF%FE",
    "status",
    "0",
]
QUERIES = [
    "",
    "?limit=-5&offset=abc",
    "?q=%00%00&status=99",
    "?limit=99999999999999999999999",
    "?offset=1e9&size=-1",
    "?status=&q=" + "x" * 500,
    "?" + "&".join(f"p{i}=1" for i in range(200)),
]


def bodies(rng: random.Random) -> Iterator[tuple[bytes, str]]:
    """Hostile request bodies with their content types."""
    yield b"", "application/json"
    yield b"{not json", "application/json"
    yield b"\xff\xfe\x00\x01garbage", "application/json"
    yield b"null", "application/json"
    yield json.dumps([1, "two", None]).encode(), "application/json"
    yield (
        json.dumps(
            {"note": 5, "missing": "x", "amount": -1, "text": None, "choose": [], "seen": "x"}
        ).encode(),
        ("application/json"),
    )
    yield (
        json.dumps({"value": float("1e308"), "choose": "a:1", "text": "t" * 10_000}).encode(),
        "application/json",
    )
    yield b"[" * 5000 + b"]" * 5000, "application/json"
    yield json.dumps({"attachments": [{"sha256": "../" * 30, "size": -1}] * 3}).encode(), "application/json"
    yield bytes(rng.getrandbits(8) for _ in range(2048)), "application/octet-stream"
    yield b"\x00\x00\x00\x10" + b'{"type":"push"}' + b"\x00" * 40, "application/octet-stream"
    yield b"\xff\xff\xff\xff", "application/octet-stream"


def concrete(path: str, value: str) -> str:
    return re.sub(r"\{[^}]+\}", value, path)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_every_route_answers_garbage_with_4xx_never_5xx(
    serve: Callable[..., LiveServer], storage: ServerStorage, clock: Clock, ids: Ids, communes: list[str]
) -> None:
    live = serve(
        anonymous_burst=100_000,
        anonymous_requests_per_minute=1_000_000,
        device_burst=100_000,
        device_requests_per_minute=1_000_000,
    )
    device = enrol(live, storage, communes[0], clock, ids, "replica-a")
    desk = MemoryReplica("replica-a", "desk", (DOSSIER_RECORD,), clock.now)
    status = transition_value(Status.NEW, Status.ACCEPTED, Actor.DESK)
    desk.write("dossier", "0", {"commune": communes[0], "status": status}, "clerk")
    with HttpTransport(live.url, device["device_secret"]) as transport:
        run_session(desk, transport, now=clock.now)
    add_account(storage, "admin.one", Role.ADMIN)
    tokens: list[str | None] = [device["device_secret"], log_in(live, "admin.one"), None]
    spec = live.app.openapi()
    rng = random.Random(5)
    answers: list[tuple[str, str, int, str]] = []
    for path, item in spec["paths"].items():
        for method in item:
            targets = [concrete(path, value) for value in PATH_VALUES] if "{" in path else [path]
            if "{code}" in path:  # real commune, hostile values in the other parameters
                targets += [concrete(path.replace("{code}", communes[0]), value) for value in PATH_VALUES]
            for target in targets:  # each hostile path once, with a random caller, query and body
                data, kind = rng.choice(list(bodies(rng)))
                answer = live.request(
                    method.upper(),
                    target + rng.choice(QUERIES),
                    token=rng.choice(tokens),
                    data=data,
                    headers={"Content-Type": kind},
                )
                answers.append((method, target, answer.status_code, answer.text[:160]))
            for data, kind in bodies(rng):  # each hostile body once, at a path that exists
                answer = live.request(
                    method.upper(),
                    targets[-1],
                    token=rng.choice(tokens),
                    data=data,
                    headers={"Content-Type": kind},
                )
                answers.append((method, targets[-1], answer.status_code, answer.text[:160]))
    errors = [a for a in answers if a[2] >= 500]
    assert not errors, "\n".join(map(str, errors[:20]))
    refused = [a for a in answers if 400 <= a[2] < 500]
    assert len(refused) > 0.9 * len(answers), [a for a in answers if a[2] < 400][:10]
    for _, _, _, text in refused:
        assert "Traceback" not in text and "psycopg" not in text and "sqlite" not in text.lower()
    assert live.get("/v1/me", token=device["device_secret"]).status_code == 200  # still serving
    assert len(storage.list_devices()) == 1
