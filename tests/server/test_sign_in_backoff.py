"""Per-account backoff after wrong officer passwords (issue 14, finding 5), on a live server: from many
addresses or one, after five wrong passwords in a row for one account the next attempt waits, doubling; a
right password after the wait resets; other accounts are not slowed; unknown account names count alike."""

from __future__ import annotations

import datetime as dt

import pytest

from server.sign_in_backoff import SignInBackoff
from server.storage.interface import ServerStorage
from server.storage.records import Role
from tests.helpers.server_accounts import PASSWORD, add_account
from tests.server.conftest import Clock, LiveServer, make_config


def sign_in(live: LiveServer, username: str, password: str, address: str) -> tuple[int, dict, dict]:
    response = live.post(
        "/v1/login", json={"username": username, "password": password}, headers={"X-Forwarded-For": address}
    )
    return response.status_code, response.json(), {k.lower(): v for k, v in response.headers.items()}


@pytest.mark.parametrize("backend", ["sqlite"])  # kept in memory: the storage does not matter
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


def test_the_wait_doubles_up_to_its_cap() -> None:
    at = dt.datetime(2026, 3, 2, tzinfo=dt.UTC)
    backoff = SignInBackoff(lambda: at, free_failures=2, base_delay=dt.timedelta(seconds=1))
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
