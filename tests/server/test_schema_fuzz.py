"""Schemathesis against the live server (issue 14): every operation of its OpenAPI document, with generated
path values, queries and bodies, valid and invalid (its positive and negative modes), as a caller without
credentials, as a workstation and as an officer. No answer may be a 5xx, and every answer must conform to
the document: its status code, content type, body schema and headers. Bounded: a few examples each."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from server.storage.interface import ServerStorage
from server.storage.records import Role
from sync.protocol_version import protocol_headers
from tests.helpers.server_accounts import add_account, enrol, log_in
from tests.server.conftest import Clock, Ids, LiveServer

EXAMPLES = 3
"""Examples per operation and caller (3 callers × 25 operations × 3 ≈ 200 requests, ~13 s)."""
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]


def fuzz(
    operation: Any,
    url: str,
    session: requests.Session,
    headers: dict[str, str],
    name: str,
    failures: list[str],
    statuses: dict[int, int],
) -> int:
    """Call ``operation`` with generated cases as ``name``; failures are added to ``failures``."""
    calls = 0

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
        derandomize=True,
    )
    @given(case=st.one_of([operation.as_strategy(mode) for mode in GenerationMode]))
    def run(case: Any) -> None:
        nonlocal calls
        calls += 1
        try:
            response = case.call(base_url=url, session=session, headers=headers)
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            case.validate_response(response, checks=CHECKS, headers=headers)
        except Exception as exc:  # noqa: BLE001 - gathered and shown all at once by the test
            failures.append(f"{name} {case.method} {case.formatted_path}: {str(exc)[:400]}")

    run()
    return calls


@pytest.mark.parametrize("backend", ["sqlite"])
def test_generated_requests_get_no_5xx_and_conforming_answers(
    serve: Callable[..., LiveServer], storage: ServerStorage, clock: Clock, ids: Ids, communes: list[str]
) -> None:
    live = serve(
        anonymous_burst=100_000,
        anonymous_requests_per_minute=10**7,
        device_burst=100_000,
        device_requests_per_minute=10**7,
    )
    device = str(enrol(live, storage, communes[0], clock, ids, "desk-fuzz")["device_secret"])
    add_account(storage, "lan", Role.OFFICER)
    officer = log_in(live, "lan")
    schema = schemathesis.openapi.from_url(f"{live.url}/openapi.json")
    session = requests.Session()
    callers: dict[str, dict[str, str]] = {
        "nobody": {},
        "workstation": {"Authorization": f"Bearer {device}"},
        "officer": {"Authorization": f"Bearer {officer}"},
    }
    failures: list[str] = []
    statuses: dict[int, int] = {}
    calls = 0
    started = time.monotonic()
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.path == "/v1/logout":
            continue  # it would end the officer's login the other operations use
        for name, headers in callers.items():
            sent = {**protocol_headers(), **headers}
            calls += fuzz(operation, live.url, session, sent, name, failures, statuses)
    seconds = time.monotonic() - started
    print(
        f"{calls} requests in {seconds:.1f} s, {len(failures)} failures; statuses {sorted(statuses.items())}"
    )
    assert calls > 150
    assert not failures, "\n".join(sorted(set(failures))[:20])
    assert live.get("/healthz").status_code == 200
