"""The shared protocol constant and the server's answers to each header value."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from server.protocol_version import MIN_SUPPORTED_PROTOCOL, protocol_answer
from sync.protocol_version import (
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    UPDATE_REQUIRED,
    parse_protocol_version,
    protocol_headers,
)


def test_the_client_header() -> None:
    assert protocol_headers() == {PROTOCOL_HEADER: str(PROTOCOL_VERSION)}
    assert 1 <= MIN_SUPPORTED_PROTOCOL <= PROTOCOL_VERSION


def test_parse() -> None:
    assert parse_protocol_version(" 1 ") == 1
    assert parse_protocol_version("0") == 0
    for bad in (None, "", "-1", "1.0", "one", "١", "9999999", "1 2"):
        assert parse_protocol_version(bad) is None, bad


def test_answers() -> None:
    assert protocol_answer(str(PROTOCOL_VERSION)) is None
    status, body = protocol_answer(None)  # type: ignore[misc]
    assert status == 426 and body["error"] == UPDATE_REQUIRED
    status, body = protocol_answer(str(MIN_SUPPORTED_PROTOCOL - 1))  # type: ignore[misc]
    assert status == 426 and body["error"] == UPDATE_REQUIRED and "update" in body["message"]
    status, body = protocol_answer(str(PROTOCOL_VERSION + 1))  # type: ignore[misc]
    assert status == 426 and body["error"] == "server_too_old"
    status, body = protocol_answer("abc")  # type: ignore[misc]
    assert status == 400


@given(st.text(max_size=20))
def test_any_header_value_gets_an_answer_or_passes(value: str) -> None:
    answer = protocol_answer(value)
    assert answer is None or answer[0] in (400, 426)
    assert (answer is None) == (
        parse_protocol_version(value) in range(MIN_SUPPORTED_PROTOCOL, PROTOCOL_VERSION + 1)
    )
