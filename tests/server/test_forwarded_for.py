"""``X-Forwarded-For`` is believed only from the proxies ``server.trusted_proxies`` names (issue 14,
finding 5): by default a caller on loopback cannot take a fresh address, and a fresh rate limit, each time."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.server.conftest import LiveServer


def logins_from_many_addresses(live: LiveServer, count: int) -> list[int]:
    """Wrong logins, each claiming another client address (and naming another account: one account's own
    backoff after wrong passwords is ``test_sign_in_backoff``'s)."""
    return [
        live.post(
            "/v1/login",
            json={"username": f"nobody.{n}", "password": "not the password"},
            headers={"X-Forwarded-For": f"203.0.113.{n}"},
        ).status_code
        for n in range(1, count + 1)
    ]


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_by_default_a_forwarded_address_does_not_escape_the_rate_limit(
    serve: Callable[..., LiveServer],
) -> None:
    live = serve(anonymous_burst=3, anonymous_requests_per_minute=1)
    statuses = logins_from_many_addresses(live, 6)
    assert statuses[:3] == [401, 401, 401] and statuses[3:] == [429, 429, 429], statuses


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_trusted_proxys_forwarded_address_names_the_client(serve: Callable[..., LiveServer]) -> None:
    live = serve(anonymous_burst=3, anonymous_requests_per_minute=1, trusted_proxies=("127.0.0.1",))
    assert logins_from_many_addresses(live, 6) == [401] * 6  # six clients behind the proxy, one try each
