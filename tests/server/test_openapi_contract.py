"""The OpenAPI document says what the code does (issue 14, finding 5), on a live server: attachment hashes
have their pattern, binary bodies are required, and whole numbers are strict (``false`` is not 0)."""

from __future__ import annotations

import pytest

from server.storage.interface import ServerStorage
from server.storage.records import Role
from tests.helpers.server_accounts import add_account, enrol, log_in
from tests.server.conftest import Clock, Ids, LiveServer

SHA = "ab" * 32
pytestmark = pytest.mark.parametrize("backend", ["sqlite"])  # the HTTP surface: one storage is enough


def test_the_document_names_hash_patterns_required_binary_bodies_and_strict_numbers(live: LiveServer) -> None:
    doc = live.get("/openapi.json").json()
    hashes, binaries = 0, 0
    for operations in doc["paths"].values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["name"] == "sha256":
                    hashes += 1
                    assert parameter["schema"]["pattern"] == "^[0-9a-f]{64}$"
            body = operation.get("requestBody", {})
            if "application/octet-stream" in body.get("content", {}):
                binaries += 1
                assert body["required"] is True
    assert hashes == 2 and binaries == 4
    wanted = doc["components"]["schemas"]["AttachmentWanted"]["properties"]["size"]
    assert wanted["type"] == "integer" and wanted["minimum"] == 0


def test_false_or_a_fraction_is_no_size_and_a_bad_hash_is_refused_before_the_handler(
    live: LiveServer, storage: ServerStorage, clock: Clock, ids: Ids, communes: list[str]
) -> None:
    device = str(enrol(live, storage, communes[0], clock, ids, "desk-o")["device_secret"])
    for size in (False, True, 1.0, "3"):
        answer = live.post(
            "/v1/sync/attachments/missing",
            token=device,
            json={"attachments": [{"sha256": SHA, "size": size}]},
        )
        assert answer.status_code == 422, (size, answer.text)
    fine = live.post(
        "/v1/sync/attachments/missing", token=device, json={"attachments": [{"sha256": SHA, "size": 3}]}
    )
    assert fine.status_code == 200 and fine.json()["missing"][0]["size"] == 3
    for name in ("AB" * 32, "zz" * 32, "ab"):
        assert live.get(f"/v1/sync/attachments/{name}", token=device).status_code == 422
        put = live.request("PUT", f"/v1/sync/attachments/{name}?offset=0&size=1", token=device, data=b"x")
        assert put.status_code == 422


def test_an_officers_amount_is_a_strict_whole_number(
    live: LiveServer, storage: ServerStorage, communes: list[str]
) -> None:
    add_account(storage, "lan", Role.OFFICER)
    token = log_in(live, "lan")
    path = f"/v1/province/communes/{communes[0]}/dossiers/d-1/actions/request_financial_obligation"
    answer = live.post(path, token=token, json={"amount": False})
    assert answer.status_code == 422, answer.text
