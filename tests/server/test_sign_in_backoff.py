"""Per-account backoff after wrong officer passwords (issue 14, finding 5), on a live server: from many
addresses or one, after five wrong passwords in a row for one account the next attempt waits, doubling; a
right password after the wait resets; other accounts are not slowed; unknown account names count alike. The
counts are in the database: two servers over one database share them, a restarted server process keeps them,
old ones are pruned, and no account name is stored in clear."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import requests

from server.sign_in_backoff import SignInBackoff
from server.storage.interface import ServerStorage
from server.storage.records import Role
from server.storage.sqlite_storage import SqliteStorage
from server.web import sessions
from sync.protocol_version import protocol_headers
from tests.helpers.server_accounts import PASSWORD, add_account
from tests.helpers.server_processes import free_port, start_server, stop_server
from tests.server.conftest import Clock, LiveServer, make_config


def sign_in(live: LiveServer, username: str, password: str, address: str) -> tuple[int, dict, dict]:
    response = live.post(
        "/v1/login", json={"username": username, "password": password}, headers={"X-Forwarded-For": address}
    )
    return response.status_code, response.json(), {k.lower(): v for k, v in response.headers.items()}


@pytest.mark.parametrize("backend", ["sqlite"])
def test_wrong_passwords_for_one_account_back_off_whatever_the_address(
    serve, storage: ServerStorage, clock: Clock
) -> None:
    live = serve(trusted_proxies=("127.0.0.1",), anonymous_burst=1000, anonymous_requests_per_minute=100000)
    add_account(storage, "lan", Role.OFFICER)
    add_account(storage, "minh", Role.OFFICER)
    for n in range(5):  # five wrong passwords from five addresses: each a plain refusal
        status, body, _ = sign_in(live, "lan", "wrong password", f"10.0.0.{n}")
        assert status == 401, body
    status, body, headers = sign_in(live, "LAN ", PASSWORD, "10.0.1.2")  # any spelling; even the right one
    assert status == 429 and body["error"] == "sign_in_locked", body
    assert "too many wrong passwords for this account: try again in 2 s" == body["message"]
    assert headers["retry-after"] == "2"
    assert sign_in(live, "minh", PASSWORD, "10.0.0.1")[0] == 200  # another account is not slowed
    assert sign_in(live, "nobody", "x", "10.0.0.1")[0] == 401  # unknown names count alike
    clock.advance(seconds=2)
    assert sign_in(live, "lan", "wrong again", "10.0.2.1")[0] == 401
    status, body, headers = sign_in(live, "lan", PASSWORD, "10.0.2.2")
    assert status == 429 and headers["retry-after"] == "4"  # doubled
    clock.advance(seconds=4)
    assert sign_in(live, "lan", PASSWORD, "10.0.2.3")[0] == 200
    assert sign_in(live, "lan", "wrong", "10.0.2.4")[0] == 401  # reset: free failures again
    assert sign_in(live, "lan", PASSWORD, "10.0.2.5")[0] == 200


def test_the_wait_doubles_up_to_its_cap(storage: ServerStorage, clock: Clock) -> None:
    backoff = SignInBackoff(storage, clock.now, free_failures=2, base_delay=dt.timedelta(seconds=1))
    assert [backoff.delay(n).total_seconds() for n in (0, 1, 2, 3, 4)] == [0, 0, 1, 2, 4]
    assert backoff.delay(100) == dt.timedelta(minutes=15)
    for _ in range(3):
        backoff.failed("Lan")
    assert backoff.wait("lan") == dt.timedelta(seconds=2)
    with pytest.raises(Exception, match="try again in 2 s"):
        backoff.check(" LAN")
    backoff.succeeded("lan")
    backoff.check("lan")
    assert make_config().argon2_lanes >= 1


def _rows(storage: ServerStorage) -> list[tuple[str, int]]:
    with storage.transaction() as tx:
        return [(str(r[0]), int(r[1])) for r in tx.query("SELECT key, failures FROM sign_in_failures")]


def test_two_servers_over_one_database_share_the_counts_which_are_pruned_and_hold_no_name(
    serve, storage: ServerStorage, clock: Clock
) -> None:
    """Two servers (as two workers would) each with its own services over one database: an attacker
    alternating between them gets the same five free tries, not ten."""
    limits = {"anonymous_burst": 1000, "anonymous_requests_per_minute": 100000}
    first, second = serve(**limits), serve(**limits)
    add_account(storage, "lan", Role.OFFICER)
    for n in range(5):
        live = (first, second)[n % 2]
        assert live.post("/v1/login", json={"username": "lan", "password": "wrong"}).status_code == 401
    for live in (first, second):
        refused = live.post("/v1/login", json={"username": "lan", "password": PASSWORD})
        assert refused.status_code == 429 and refused.json()["error"] == "sign_in_locked", refused.text
    ((key, failures),) = _rows(storage)
    assert failures == 5 and key.startswith("api:") and "lan" not in key  # a hash, never the name
    clock.advance(days=2)  # a day of quiet: the next failure (of any name) prunes the old count
    assert second.post("/v1/login", json={"username": "minh", "password": "x"}).status_code == 401
    assert [f for _, f in _rows(storage)] == [1]
    assert first.post("/v1/login", json={"username": "lan", "password": PASSWORD}).status_code == 200


def test_a_restarted_server_process_remembers_the_wrong_passwords(tmp_path: Path) -> None:
    port = free_port()
    config = tmp_path / "server.toml"
    config.write_text(
        f'[server]\nport = {port}\ndatabase = "sqlite:///data/server.db"\n'
        "[accounts]\nargon2_memory_kib = 8192\nargon2_iterations = 1\nargon2_lanes = 1\n"
        "[limits]\nanonymous_burst = 1000\nanonymous_requests_per_minute = 100000\n",
        encoding="utf-8",
    )
    url = f"http://127.0.0.1:{port}/v1/login"
    headers = protocol_headers()

    def attempt(password: str) -> requests.Response:
        return requests.post(url, json={"username": "lan", "password": password}, headers=headers, timeout=10)

    process = start_server(config, port)
    storage = SqliteStorage(tmp_path / "data" / "server.db")
    try:
        add_account(storage, "lan", Role.OFFICER)
        for _ in range(5):
            assert attempt("wrong").status_code == 401
        assert attempt(PASSWORD).status_code == 429
        stop_server(process)
        # more wrong passwords counted meanwhile (another worker): the wait is now 2 s × 2³ = 16 s
        backoff = SignInBackoff(storage, lambda: dt.datetime.now(dt.UTC))
        for _ in range(3):
            backoff.failed("lan")
        process = start_server(config, port)
        refused = attempt(PASSWORD)
        assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 10, refused.text
        assert [f for _, f in _rows(storage)] == [8]
    finally:
        stop_server(process)
        storage.close()


@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_web_sign_ins_counts_hold_no_name_or_address_and_are_pruned(
    storage: ServerStorage, clock: Clock
) -> None:
    keys = ["account:ho.tich", "address:10.0.0.7"]
    for _ in range(4):
        sessions.record_failure(storage, keys, clock.now())
    assert sessions.seconds_to_wait(storage, keys, clock.now()) > 0
    rows = _rows(storage)
    assert len(rows) == 2 and not any("ho.tich" in key or "10.0.0.7" in key for key, _ in rows)
    clock.advance(days=2)
    sessions.record_failure(storage, ["account:other"], clock.now())
    assert [f for _, f in _rows(storage)] == [1]
