"""The API through a real uvicorn on 127.0.0.1, against SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from fastapi.routing import APIRoute

from dossiers.code_allocation import SequenceSpace, check_no_overlap
from server.storage.interface import ServerStorage
from server.storage.records import Role
from sync.protocol_version import PROTOCOL_HEADER, PROTOCOL_VERSION
from tests.helpers.server_accounts import PASSWORD, add_account, enrol, enrol_body, issue, log_in
from tests.server.conftest import Clock, Ids, LiveServer

# ---- enrolment


def test_enrol_gives_credentials_scope_and_a_block(
    live: LiveServer, storage: ServerStorage, clock: Clock, ids: Ids, communes: list[str]
) -> None:
    answer = enrol(live, storage, communes[0], clock, ids, "replica-a")
    assert answer["commune"]["code"] == communes[0]
    assert answer["commune"]["province_code"] == "01"
    assert answer["sequence"]["first"] == 1 and answer["sequence"]["last"] == 1000
    assert answer["sequence"]["label"] == "0001–1000"
    assert answer["sequence"]["valid_from"] == "2026-03-02"
    assert answer["protocol"] == PROTOCOL_VERSION
    device = storage.get_device(answer["device_id"])
    assert device is not None and device.replica_id == "replica-a" and device.label == "Bàn 1"
    assert answer["device_secret"] not in device.secret_hash  # only a hash is stored
    me = live.get("/v1/me", token=answer["device_secret"])
    assert me.status_code == 200, me.text
    assert me.json()["kind"] == "device"
    assert me.json()["device_id"] == answer["device_id"]
    assert me.json()["commune"]["code"] == communes[0]
    assert me.json()["sequence"]["label"] == "0001–1000"


def test_an_enrolment_code_works_once(
    live: LiveServer, storage: ServerStorage, clock: Clock, ids: Ids, communes: list[str]
) -> None:
    code = issue(storage, communes[0], clock, ids)
    assert live.post("/v1/enrol", json=enrol_body(code, communes[0], "replica-a")).status_code == 200
    again = live.post("/v1/enrol", json=enrol_body(code, communes[0], "replica-b"))
    assert again.status_code == 403
    assert again.json()["error"] == "enrolment_refused"
    assert again.json()["reason"] == "used"
    assert len(storage.list_devices()) == 1


def test_an_expired_code_is_refused(
    live: LiveServer, storage: ServerStorage, clock: Clock, ids: Ids, communes: list[str]
) -> None:
    code = issue(storage, communes[0], clock, ids, hours=72)
    clock.advance(hours=72)
    answer = live.post("/v1/enrol", json=enrol_body(code, communes[0], "replica-a"))
    assert answer.status_code == 403
    assert answer.json()["reason"] == "expired"
    assert storage.list_devices() == []


def test_a_code_for_another_commune_is_refused_and_stays_usable(
    live: LiveServer, storage: ServerStorage, clock: Clock, ids: Ids, communes: list[str]
) -> None:
    code = issue(storage, communes[0], clock, ids)
    wrong = live.post("/v1/enrol", json=enrol_body(code, communes[1], "replica-a"))
    assert wrong.status_code == 403
    assert wrong.json()["reason"] == "wrong_commune"
    assert live.post("/v1/enrol", json=enrol_body(code, communes[0], "replica-a")).status_code == 200


def test_unknown_code_and_reused_replica_id_are_refused(
    live: LiveServer, storage: ServerStorage, clock: Clock, ids: Ids, communes: list[str]
) -> None:
    unknown = live.post("/v1/enrol", json=enrol_body("ABCD-EFGH-JKLM-NPQR", communes[0], "replica-a"))
    assert unknown.status_code == 403 and unknown.json()["reason"] == "unknown"
    enrol(live, storage, communes[0], clock, ids, "replica-a")
    code = issue(storage, communes[0], clock, ids)
    twice = live.post("/v1/enrol", json=enrol_body(code, communes[0], "replica-a"))
    assert twice.status_code == 409 and twice.json()["error"] == "replica_already_enrolled"


def test_two_workstations_of_one_commune_get_blocks_that_do_not_overlap(
    live: LiveServer, storage: ServerStorage, clock: Clock, ids: Ids, communes: list[str]
) -> None:
    first = enrol(live, storage, communes[0], clock, ids, "replica-a")
    second = enrol(live, storage, communes[0], clock, ids, "replica-b")
    other_commune = enrol(live, storage, communes[1], clock, ids, "replica-c")
    spaces = [
        SequenceSpace(a["sequence"]["agency"], a["device_id"], a["sequence"]["first"], a["sequence"]["last"])
        for a in (first, second)
    ]
    check_no_overlap(spaces)
    assert (spaces[0].first, spaces[0].last, spaces[1].first, spaces[1].last) == (1, 1000, 1001, 2000)
    assert other_commune["sequence"]["first"] == 1  # another commune has its own numbers


def test_a_revoked_device_is_refused_at_its_next_request(
    live: LiveServer, storage: ServerStorage, clock: Clock, ids: Ids, communes: list[str]
) -> None:
    answer = enrol(live, storage, communes[0], clock, ids, "replica-a")
    token = answer["device_secret"]
    assert live.get("/v1/me", token=token).status_code == 200
    add_account(storage, "it.admin", Role.ADMIN)
    admin = log_in(live, "it.admin")
    revoked = live.post(f"/v1/devices/{answer['device_id']}/revoke", token=admin)
    assert revoked.status_code == 200, revoked.text
    assert revoked.json()["revoked_at"] is not None
    refused = live.get("/v1/me", token=token)
    assert refused.status_code == 401
    assert refused.json()["error"] == "device_revoked"
    assert "revoked" in refused.json()["message"]
    # Its block is not handed out again the same day.
    replacement = enrol(live, storage, communes[0], clock, ids, "replica-b")
    assert replacement["sequence"]["first"] == 1001


def test_wrong_or_missing_device_credentials_are_refused(
    live: LiveServer, storage: ServerStorage, clock: Clock, ids: Ids, communes: list[str]
) -> None:
    answer = enrol(live, storage, communes[0], clock, ids, "replica-a")
    forged = answer["device_secret"][:-4] + "AAAA"
    for token in (forged, "mcd.nosuchdevice." + "A" * 43, "garbage", "mco." + answer["device_secret"][4:]):
        refused = live.get("/v1/me", token=token)
        assert refused.status_code == 401, token
        assert refused.json()["error"] == "unauthenticated"
    assert live.get("/v1/me").status_code == 401
    assert live.get("/v1/me", headers={"Authorization": "Basic dXNlcjpwYXNz"}).status_code == 401


# ---- officers


def test_officer_login_me_and_logout(live: LiveServer, storage: ServerStorage, clock: Clock) -> None:
    add_account(storage, "officer.one", Role.OFFICER)
    token = log_in(live, "Officer.One")  # user names are case-insensitive
    me = live.get("/v1/me", token=token)
    assert me.status_code == 200
    assert me.json()["kind"] == "officer"
    assert me.json()["role"] == "officer" and me.json()["province_code"] == "01"
    assert live.post("/v1/logout", token=token).status_code == 204
    assert live.get("/v1/me", token=token).status_code == 401


def test_wrong_password_and_unknown_user_get_the_same_refusal(
    live: LiveServer, storage: ServerStorage
) -> None:
    add_account(storage, "officer.one", Role.OFFICER)
    wrong = live.post("/v1/login", json={"username": "officer.one", "password": "not the password"})
    unknown = live.post("/v1/login", json={"username": "nobody.here", "password": PASSWORD})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()


def test_login_tokens_expire(live: LiveServer, storage: ServerStorage, clock: Clock) -> None:
    add_account(storage, "officer.one", Role.OFFICER)
    token = log_in(live, "officer.one")
    clock.advance(hours=12)
    expired = live.get("/v1/me", token=token)
    assert expired.status_code == 401 and expired.json()["error"] == "token_expired"


def test_roles_gate_the_endpoints(
    live: LiveServer, storage: ServerStorage, clock: Clock, ids: Ids, communes: list[str]
) -> None:
    device = enrol(live, storage, communes[0], clock, ids, "replica-a")
    for name, role in (("off", Role.OFFICER), ("sup", Role.SUPERVISOR), ("adm", Role.ADMIN)):
        add_account(storage, name, role)
    officer, supervisor, admin = log_in(live, "off"), log_in(live, "sup"), log_in(live, "adm")
    assert live.get("/v1/devices", token=officer).status_code == 403
    assert live.get("/v1/devices", token=device["device_secret"]).status_code == 403
    listed = live.get("/v1/devices", token=supervisor)
    assert listed.status_code == 200 and [d["device_id"] for d in listed.json()] == [device["device_id"]]
    assert live.get("/v1/devices", token=admin).status_code == 200
    body = {"commune": communes[1]}
    assert live.post("/v1/enrolment-codes", json=body, token=supervisor).status_code == 403
    made = live.post("/v1/enrolment-codes", json=body, token=admin)
    assert made.status_code == 201, made.text
    enrolled = live.post("/v1/enrol", json=enrol_body(made.json()["code"], communes[1], "replica-z"))
    assert enrolled.status_code == 200
    assert live.post(f"/v1/devices/{device['device_id']}/revoke", token=supervisor).status_code == 403


def test_scopes_device_sees_its_commune_officer_its_province(
    live: LiveServer, storage: ServerStorage, clock: Clock, ids: Ids, communes: list[str]
) -> None:
    device = enrol(live, storage, communes[0], clock, ids, "replica-a")["device_secret"]
    assert [c["code"] for c in live.get("/v1/communes", token=device).json()] == [communes[0]]
    assert live.get(f"/v1/communes/{communes[0]}", token=device).status_code == 200
    assert live.get(f"/v1/communes/{communes[1]}", token=device).status_code == 403
    add_account(storage, "off", Role.OFFICER)
    officer = log_in(live, "off")
    seen = live.get("/v1/communes", token=officer).json()
    assert len(seen) == len(storage.list_communes("01")) and communes[1] in {c["code"] for c in seen}
    add_account(storage, "elsewhere", Role.ADMIN, province="79")
    other = log_in(live, "elsewhere")
    assert live.get(f"/v1/communes/{communes[0]}", token=other).status_code == 403
    assert live.get("/v1/communes", token=other).json() == []
    revoke = live.post(f"/v1/devices/{storage.list_devices()[0].id}/revoke", token=other)
    assert revoke.status_code == 404  # another province's device is not there for this admin
    assert not storage.list_devices()[0].revoked


# ---- limits and protocol


def test_a_body_over_the_limit_gets_413(serve: Callable[..., LiveServer], communes: list[str]) -> None:
    live = serve(max_body_bytes=2048)
    big = enrol_body("ABCD-EFGH-JKLM-NPQR", communes[0], "replica-a", label="x" * 4000)
    answer = live.post("/v1/enrol", json=big)
    assert answer.status_code == 413
    assert answer.json()["error"] == "request_too_large"
    assert "2048 bytes" in answer.json()["message"]


def test_a_chunked_body_over_the_limit_gets_413(serve: Callable[..., LiveServer]) -> None:
    live = serve(max_body_bytes=2048)

    def chunks():
        for _ in range(8):
            yield b"x" * 1024

    answer = live.post("/v1/login", data=chunks(), headers={"Content-Type": "application/json"})
    assert answer.status_code == 413
    assert answer.json()["error"] == "request_too_large"


def test_huge_headers_get_431(live: LiveServer) -> None:
    answer = live.get("/v1/me", headers={"X-Big": "y" * 100_000})
    assert answer.status_code == 431
    assert answer.json()["error"] == "headers_too_large"
    assert live.get("/v1/me", headers={"X-Small": "y" * 1000}).status_code == 401  # normal headers pass


def test_too_many_requests_from_one_device_get_429_with_retry_after(
    serve: Callable[..., LiveServer], storage: ServerStorage, clock: Clock, ids: Ids, communes: list[str]
) -> None:
    live = serve(device_burst=3, device_requests_per_minute=6)
    first = enrol(live, storage, communes[0], clock, ids, "replica-a")["device_secret"]
    second = enrol(live, storage, communes[0], clock, ids, "replica-b")["device_secret"]
    assert [live.get("/v1/me", token=first).status_code for _ in range(3)] == [200, 200, 200]
    limited = live.get("/v1/me", token=first)
    assert limited.status_code == 429
    assert limited.json()["error"] == "rate_limited"
    assert int(limited.headers["Retry-After"]) == 10  # one request per 10 s
    assert live.get("/v1/me", token=second).status_code == 200  # the limit is per device
    clock.advance(seconds=10)
    assert live.get("/v1/me", token=first).status_code == 200


def test_anonymous_calls_are_limited_per_address(serve: Callable[..., LiveServer]) -> None:
    live = serve(anonymous_burst=2, anonymous_requests_per_minute=1)
    body = {"username": "nobody", "password": "wrong password"}
    codes = [live.post("/v1/login", json=body).status_code for _ in range(3)]
    assert codes == [401, 401, 429]


@pytest.mark.parametrize("version", [None, "0"])
def test_an_old_or_silent_client_gets_426_update_required(live: LiveServer, version: str | None) -> None:
    headers = {PROTOCOL_HEADER: version} if version is not None else {}
    live.session.headers.pop(PROTOCOL_HEADER)
    answer = live.get("/v1/me", headers=headers)
    assert answer.status_code == 426
    assert answer.json()["error"] == "update_required"
    assert "update" in answer.json()["message"]


def test_a_newer_client_is_told_the_server_is_old_and_garbage_is_400(live: LiveServer) -> None:
    newer = live.get("/v1/me", headers={PROTOCOL_HEADER: str(PROTOCOL_VERSION + 1)})
    assert newer.status_code == 426 and newer.json()["error"] == "server_too_old"
    garbage = live.get("/v1/me", headers={PROTOCOL_HEADER: "1; DROP TABLE devices"})
    assert garbage.status_code == 400 and garbage.json()["error"] == "bad_protocol_header"


def test_health_needs_no_protocol_header(live: LiveServer) -> None:
    live.session.headers.pop(PROTOCOL_HEADER)
    answer = live.get("/healthz")
    assert answer.status_code == 200 and answer.json() == {"status": "ok", "protocol": PROTOCOL_VERSION}


def test_readiness_asks_the_database_and_says_503_once_it_is_gone(
    live: LiveServer, storage: ServerStorage
) -> None:
    live.session.headers.pop(PROTOCOL_HEADER)
    answer = live.get("/readyz")
    assert answer.status_code == 200 and answer.json() == {"status": "ok", "protocol": PROTOCOL_VERSION}
    storage.close()  # the database is out of reach: alive, but not ready
    answer = live.get("/readyz")
    assert answer.status_code == 503 and answer.json()["error"] == "database_unavailable"
    assert answer.headers["Retry-After"] == "5"
    assert live.get("/healthz").status_code == 200


# ---- hostile input


SQLISH = ["' OR '1'='1", "1; DROP TABLE devices; --", '" OR 1=1 --', "x'); DELETE FROM accounts; --"]


def test_hostile_input_gets_4xx_never_500(
    live: LiveServer, storage: ServerStorage, clock: Clock, ids: Ids, communes: list[str]
) -> None:
    token = enrol(live, storage, communes[0], clock, ids, "replica-a")["device_secret"]
    json_headers = {"Content-Type": "application/json"}
    attempts = [
        live.post("/v1/enrol", data=b"{not json", headers=json_headers),
        live.post("/v1/enrol", data=b"\xff\xfe\x00garbage", headers=json_headers),
        live.post("/v1/enrol", data=json.dumps([1, 2, 3]), headers=json_headers),
        live.post("/v1/enrol", json={"code": 5, "commune": None, "label": [], "device_keys": "x"}),
        live.post("/v1/enrol", json=enrol_body("ABCD-EFGH-JKLM-NPQR", communes[0], "bad\x00replica")),
        live.post("/v1/enrol", json=enrol_body("ABCD\x00EFGH", communes[0], "replica-q")),
        live.post("/v1/enrol", json=enrol_body("ABCD-EFGH-JKLM-NPQR", "9" * 15, "replica-q")),
        live.post("/v1/enrol", json=enrol_body("ABCD-EFGH-JKLM-NPQR", communes[0], "r", label="\x00\x07")),
        live.post(
            "/v1/enrol",
            json={
                "code": issue(storage, communes[0], clock, ids),
                "commune": communes[0],
                "label": "ok",
                "device_keys": {"replica_id": "replica-k", "signing": "AAAA", "exchange": "!!!"},
            },
        ),
        live.post("/v1/login", json={"username": "a\x00b", "password": "p\x00" * 10}),
        live.post("/v1/login", json={"username": "x" * 300, "password": "y"}),
        live.get("/v1/me", token="mcd." + "\u00e9" * 10 + ".x"),
        live.get("/v1/me", headers={"Authorization": "Bearer " + "A" * 5000}),
        live.get("/v1/communes/%00", token=token),
        live.get("/v1/communes/" + "9" * 200, token=token),
        live.post("/v1/devices/%27%20OR%201=1/revoke", token=token),
        live.request("DELETE", "/v1/me", token=token),
        live.get("/v1/nothing-here"),
        live.get("/v1/me", headers={"X-Big": "y" * 100_000}),
    ]
    for sql in SQLISH:
        attempts.append(live.post("/v1/enrol", json=enrol_body(sql, sql, sql, label=sql)))
        attempts.append(live.post("/v1/login", json={"username": sql, "password": sql}))
        attempts.append(live.get(f"/v1/communes/{sql}", token=token))
        attempts.append(live.get("/v1/me", token=sql))
    for answer in attempts:
        assert 400 <= answer.status_code < 500, (answer.request.url, answer.status_code, answer.text[:200])
    assert live.get("/v1/me", token=token).status_code == 200  # still serving, nothing was dropped
    assert len(storage.list_devices()) == 1


def test_validation_errors_do_not_echo_the_input(live: LiveServer) -> None:
    answer = live.post("/v1/login", json={"username": "someone", "password": 12345678901})
    assert answer.status_code == 422
    assert answer.json()["error"] == "invalid_request"
    assert "12345678901" not in answer.text


# ---- OpenAPI


OCTETS = "application/octet-stream"
ROUTE_TABLE = {
    ("/healthz", "get"),
    ("/readyz", "get"),
    ("/v1/enrol", "post"),
    ("/v1/login", "post"),
    ("/v1/logout", "post"),
    ("/v1/me", "get"),
    ("/v1/communes", "get"),
    ("/v1/communes/{code}", "get"),
    ("/v1/devices", "get"),
    ("/v1/devices/{device_id}/revoke", "post"),
    ("/v1/enrolment-codes", "post"),
    ("/v1/sync/hello", "post"),
    ("/v1/sync/push", "post"),
    ("/v1/sync/pull", "post"),
    ("/v1/sync/attachments/missing", "post"),
    ("/v1/sync/attachments/{sha256}", "put"),
    ("/v1/sync/attachments/{sha256}", "get"),
    ("/v1/sync/origins", "get"),
    ("/v1/reference/catalogue", "get"),
    ("/v1/updates/{kind}/{part}/{name}", "get"),
    ("/v1/reference/fees", "get"),
    ("/v1/province/communes/{code}/dossiers", "get"),
    ("/v1/province/communes/{code}/dossiers/{dossier_id}", "get"),
    ("/v1/province/communes/{code}/dossiers/{dossier_id}/actions/{action}", "post"),
    ("/v1/province/communes/{code}/dossiers/{dossier_id}/decision", "put"),
    ("/v1/province/communes/{code}/conflicts", "get"),
    ("/v1/province/communes/{code}/dossiers/{dossier_id}/conflicts", "get"),
    ("/v1/province/communes/{code}/dossiers/{dossier_id}/conflicts/{field}/resolve", "post"),
}
"""Every route the server has: a new one must be added here (and so looked at in the OpenAPI document)."""
BINARY_BODIES = {
    ("/v1/sync/hello", "post"),
    ("/v1/sync/push", "post"),
    ("/v1/sync/pull", "post"),
    ("/v1/sync/attachments/{sha256}", "put"),
}
BINARY_REPLIES = {
    ("/v1/sync/hello", "post"),
    ("/v1/sync/push", "post"),
    ("/v1/sync/pull", "post"),
    ("/v1/sync/attachments/{sha256}", "get"),
}


def api_routes(routes: list) -> list[APIRoute]:
    """The app's own routes, looking inside included routers (however deeply nested)."""
    found: list[APIRoute] = []
    for route in routes:
        if isinstance(route, APIRoute):
            found.append(route)
        elif hasattr(route, "original_router"):
            found += api_routes(route.original_router.routes)
    return found


def test_openapi_lists_every_route(serve: Callable[..., LiveServer]) -> None:
    live = serve(anonymous_burst=1000, anonymous_requests_per_minute=100_000.0)
    spec = live.get("/openapi.json").json()
    operations = {(path, method) for path, item in spec["paths"].items() for method in item}
    assert operations == ROUTE_TABLE, (operations - ROUTE_TABLE, ROUTE_TABLE - operations)
    in_code = [  # the web workspace's HTML pages are not the API: test_web_security.py's matrix lists them
        (route.name, method)
        for route in api_routes(live.app.routes)
        if not route.path.startswith("/web")
        for method in route.methods
    ]
    assert len(in_code) == len(ROUTE_TABLE)  # no route left out of the document (include_in_schema=False)
    for path, method in sorted(ROUTE_TABLE):  # each one is served: no 404 or 405 from the router
        answer = live.request(method.upper(), re.sub(r"\{[a-z_0-9]+\}", "x", path))
        assert answer.status_code in {200, 401, 422}, (path, method, answer.status_code, answer.text[:200])
    for path, method in sorted(BINARY_BODIES):
        body = spec["paths"][path][method]["requestBody"]
        assert body["required"] is True and set(body["content"]) == {OCTETS}, (path, body)
        assert body["content"][OCTETS]["schema"] == {"type": "string", "format": "binary"}
    for path, method in sorted(BINARY_REPLIES):
        assert set(spec["paths"][path][method]["responses"]["200"]["content"]) == {OCTETS}, path
    for path, method in sorted(ROUTE_TABLE - BINARY_BODIES):  # the others take JSON, if anything
        body = spec["paths"][path][method].get("requestBody", {"content": {"application/json": {}}})
        assert set(body["content"]) == {"application/json"}, (path, body)
    me = spec["paths"]["/v1/me"]["get"]
    assert any(p["name"] == PROTOCOL_HEADER for p in me["parameters"])
    assert "HTTPBearer" in spec["components"]["securitySchemes"]
    ready = spec["paths"]["/readyz"]["get"]["responses"]["503"]
    assert ready["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorBody")
