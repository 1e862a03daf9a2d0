"""Every route in the OpenAPI spec × every kind of caller → the expected status; new routes need an entry."""

from __future__ import annotations

import hashlib
import io
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from dossiers.dossier_record import DOSSIER_RECORD, transition_value
from dossiers.lifecycle import Actor, Status
from server.catalogues import publish_catalogue
from server.enrolment import revoke_device
from server.fee_tables import FeeTable, publish_fee_table
from server.storage.interface import ServerStorage
from server.storage.records import Role
from sync.http_transport import HttpTransport
from sync.replica_memory import MemoryReplica
from sync.sync_messages import END, HELLO, PULL, PUSH, encode_frame
from sync.sync_session import run_session
from tests.helpers.catalogue_versions import catalogue_text
from tests.helpers.server_accounts import add_account, enrol, log_in
from tests.server.conftest import Clock, Ids, LiveServer

CALLERS = ("device_a", "device_b", "revoked", "officer", "supervisor", "admin", "anonymous")
SECRET_CONTENT = b"a scan only commune A holds"
FRESH_CONTENT = b"a scan any workstation may upload for its own commune"


@dataclass
class Row:
    path: str
    expected: dict[str, int]
    body: Callable[[dict[str, str]], dict[str, Any]] = field(default=lambda ctx: {})
    fresh_login: bool = False


WRONG_NAMES = itertools.count()
"""A name per wrong login (one account's backoff after wrong passwords is ``test_sign_in_backoff``'s)."""


def statuses(default: int, **changes: int) -> dict[str, int]:
    """``default`` for every authenticated caller; revoked and anonymous get 401 unless changed."""
    table = dict.fromkeys(CALLERS, default)
    table.update(revoked=401, anonymous=401)
    table.update(changes)
    return table


def frames(*parts: bytes) -> dict[str, Any]:
    return {"data": b"".join(parts), "headers": {"Content-Type": "application/octet-stream"}}


SHA_SECRET = hashlib.sha256(SECRET_CONTENT).hexdigest()
SHA_FRESH = hashlib.sha256(FRESH_CONTENT).hexdigest()
OFFICERS_FORBIDDEN = {"officer": 403, "supervisor": 403, "admin": 403}
DEVICES_FORBIDDEN = {"device_a": 403, "device_b": 403}

TABLE: dict[tuple[str, str], Row] = {
    ("GET", "/healthz"): Row("/healthz", dict.fromkeys(CALLERS, 200)),
    ("GET", "/readyz"): Row("/readyz", dict.fromkeys(CALLERS, 200)),
    ("POST", "/v1/enrol"): Row(
        "/v1/enrol",
        dict.fromkeys(CALLERS, 403),  # a code nobody issued: refused whoever asks
        lambda ctx: {
            "json": {
                "code": "ABCD-EFGH-JKLM-NPQR",
                "commune": ctx["commune_a"],
                "label": "x",
                "device_keys": ctx["keys"],
            }
        },
    ),
    ("POST", "/v1/login"): Row(
        "/v1/login",
        dict.fromkeys(CALLERS, 401),
        lambda ctx: {"json": {"username": f"officer.{next(WRONG_NAMES)}", "password": "wrong password here"}},
    ),
    ("POST", "/v1/logout"): Row("/v1/logout", statuses(204, **DEVICES_FORBIDDEN), fresh_login=True),
    ("GET", "/v1/me"): Row("/v1/me", statuses(200)),
    ("GET", "/v1/communes"): Row("/v1/communes", statuses(200)),
    ("GET", "/v1/communes/{code}"): Row("/v1/communes/{commune_a}", statuses(200, device_b=403)),
    ("GET", "/v1/devices"): Row("/v1/devices", statuses(200, **DEVICES_FORBIDDEN, officer=403)),
    ("POST", "/v1/devices/{device_id}/revoke"): Row(
        "/v1/devices/{spare_device}/revoke", statuses(200, **DEVICES_FORBIDDEN, officer=403, supervisor=403)
    ),
    ("POST", "/v1/enrolment-codes"): Row(
        "/v1/enrolment-codes",
        statuses(201, **DEVICES_FORBIDDEN, officer=403, supervisor=403),
        lambda ctx: {"json": {"commune": ctx["commune_a"]}},
    ),
    ("POST", "/v1/sync/hello"): Row(
        "/v1/sync/hello",
        statuses(200, device_b=403, **OFFICERS_FORBIDDEN),
        lambda ctx: frames(encode_frame(HELLO, {"replica": ctx["replica_a"], "vector": {}})),
    ),
    ("POST", "/v1/sync/push"): Row(
        "/v1/sync/push",
        statuses(200, device_b=403, **OFFICERS_FORBIDDEN),
        lambda ctx: frames(
            encode_frame(PUSH, {"replica": ctx["replica_a"], "events": 0}), encode_frame(END, {"batches": 0})
        ),
    ),
    ("POST", "/v1/sync/pull"): Row(
        "/v1/sync/pull",
        statuses(200, device_b=403, **OFFICERS_FORBIDDEN),
        lambda ctx: frames(
            encode_frame(PULL, {"replica": ctx["replica_a"], "vector": {}, "batch_size": 500})
        ),
    ),
    ("POST", "/v1/sync/attachments/missing"): Row(
        "/v1/sync/attachments/missing",
        statuses(200, **OFFICERS_FORBIDDEN),
        lambda ctx: {"json": {"attachments": [{"sha256": SHA_SECRET, "size": len(SECRET_CONTENT)}]}},
    ),
    ("GET", "/v1/sync/attachments/{sha256}"): Row(
        f"/v1/sync/attachments/{SHA_SECRET}", statuses(200, device_b=404, **OFFICERS_FORBIDDEN)
    ),
    ("PUT", "/v1/sync/attachments/{sha256}"): Row(
        f"/v1/sync/attachments/{SHA_FRESH}?offset=0&size={len(FRESH_CONTENT)}",
        statuses(200, device_b=403, **OFFICERS_FORBIDDEN),  # no dossier of commune B names it
        lambda ctx: {"data": FRESH_CONTENT},
    ),
    ("GET", "/v1/sync/origins"): Row("/v1/sync/origins", statuses(200, **OFFICERS_FORBIDDEN)),
    ("GET", "/v1/reference/catalogue"): Row("/v1/reference/catalogue", statuses(200)),
    ("GET", "/v1/reference/fees"): Row("/v1/reference/fees", statuses(200, **OFFICERS_FORBIDDEN)),
    ("GET", "/v1/updates/{kind}/{part}/{name}"): Row(  # no release published in this test: 404 to desks
        "/v1/updates/reference/metadata/1.root.json", statuses(404, **OFFICERS_FORBIDDEN)
    ),
    ("GET", "/v1/province/communes/{code}/dossiers"): Row(
        "/v1/province/communes/{commune_a}/dossiers", statuses(200, **DEVICES_FORBIDDEN)
    ),
    ("GET", "/v1/province/communes/{code}/dossiers/{dossier_id}"): Row(
        "/v1/province/communes/{commune_a}/dossiers/{dossier_a}", statuses(200, **DEVICES_FORBIDDEN)
    ),
    ("POST", "/v1/province/communes/{code}/dossiers/{dossier_id}/actions/{action}"): Row(
        # the first officer hands the dossier over; for the next ones it is no longer "accepted"
        "/v1/province/communes/{commune_a}/dossiers/{dossier_a}/actions/hand_over",
        statuses(200, **DEVICES_FORBIDDEN, supervisor=409, admin=409),
    ),
    ("PUT", "/v1/province/communes/{code}/dossiers/{dossier_id}/decision"): Row(
        "/v1/province/communes/{commune_a}/dossiers/{dossier_a}/decision",
        statuses(200, **DEVICES_FORBIDDEN),
        lambda ctx: {"json": {"text": "approved"}},
    ),
    ("GET", "/v1/province/communes/{code}/conflicts"): Row(
        "/v1/province/communes/{commune_a}/conflicts", statuses(200, **DEVICES_FORBIDDEN)
    ),
    ("GET", "/v1/province/communes/{code}/dossiers/{dossier_id}/conflicts"): Row(
        "/v1/province/communes/{commune_a}/dossiers/{dossier_a}/conflicts", statuses(200, **DEVICES_FORBIDDEN)
    ),
    ("POST", "/v1/province/communes/{code}/dossiers/{dossier_id}/conflicts/{field}/resolve"): Row(
        # no open conflict: an officer gets as far as 404
        "/v1/province/communes/{commune_a}/dossiers/{dossier_a}/conflicts/status/resolve",
        statuses(404, **DEVICES_FORBIDDEN),
        lambda ctx: {"json": {"choose": "x:1"}},
    ),
}


def test_every_route_has_an_entry(live: LiveServer) -> None:
    spec = live.app.openapi()
    routes = {(method.upper(), path) for path, item in spec["paths"].items() for method in item}
    assert routes == set(TABLE), "add the new route to TABLE with the status each caller gets"


def test_authorisation_matrix(
    serve: Callable[..., LiveServer], storage: ServerStorage, clock: Clock, ids: Ids, communes: list[str]
) -> None:
    live = serve(anonymous_burst=1000, anonymous_requests_per_minute=60_000)
    device_a = enrol(live, storage, communes[0], clock, ids, "replica-a")
    device_b = enrol(live, storage, communes[1], clock, ids, "replica-b")
    revoked = enrol(live, storage, communes[0], clock, ids, "replica-r")
    spare = enrol(live, storage, communes[0], clock, ids, "replica-s")
    revoke_device(storage, revoked["device_id"], now=clock.now)
    for name, role in (
        ("officer.one", Role.OFFICER),
        ("super.one", Role.SUPERVISOR),
        ("admin.one", Role.ADMIN),
    ):
        add_account(storage, name, role)
    publish_catalogue(storage, catalogue_text(1), clock.now())
    publish_fee_table(storage, FeeTable({"1.004873": 5_000}, {}), clock.now())
    from tests.server.conftest import device_keys

    desk = MemoryReplica("replica-a", "desk", (DOSSIER_RECORD,), clock.now)
    fields = {
        "commune": communes[0],
        "status": transition_value(Status.NEW, Status.ACCEPTED, Actor.DESK),
        "attachments": [{"sha256": SHA_SECRET}, {"sha256": SHA_FRESH}],  # a scan travels after its dossier
    }
    desk.write("dossier", "dossier-a", fields, "clerk")
    with HttpTransport(live.url, device_a["device_secret"]) as transport:
        run_session(desk, transport, now=clock.now)
        transport.upload_attachment(SHA_SECRET, len(SECRET_CONTENT), lambda: io.BytesIO(SECRET_CONTENT))
    ctx = {
        "commune_a": communes[0],
        "dossier_a": "dossier-a",
        "replica_a": "replica-a",
        "spare_device": spare["device_id"],
        "keys": device_keys("replica-new"),
    }
    logins = {"officer": "officer.one", "supervisor": "super.one", "admin": "admin.one"}
    tokens: dict[str, str | None] = {
        "device_a": device_a["device_secret"],
        "device_b": device_b["device_secret"],
        "revoked": revoked["device_secret"],
        "anonymous": None,
        **{caller: log_in(live, name) for caller, name in logins.items()},
    }
    wrong: list[str] = []
    for (method, _), row in TABLE.items():
        for caller in CALLERS:
            token = tokens[caller]
            if row.fresh_login and caller in logins:
                token = log_in(live, logins[caller])
            options = row.body(ctx)
            answer = live.request(method, row.path.format(**ctx), token=token, **options)
            if answer.status_code != row.expected[caller]:
                wrong.append(f"{method} {row.path} as {caller}: {answer.status_code} {answer.text[:120]}")
            if answer.status_code >= 400:
                text = answer.text
                assert SHA_SECRET not in text, text
                assert "replica-a" not in text and device_a["device_secret"] not in text
                assert set(answer.json()) <= {
                    "error",
                    "message",
                    "reason",
                    "problems",
                    "supported",
                    "expected",
                }
    assert not wrong, "\n".join(wrong)
