"""Officers' browser sessions and sign-in backoff on SQLite and PostgreSQL (``server.web.sessions``)."""

from __future__ import annotations

import datetime as dt

from server.storage.interface import ServerStorage
from server.storage.records import Role
from server.web import sessions
from tests.helpers.web_clients import add_officer
from tests.server.conftest import Clock, Ids

IDLE = dt.timedelta(minutes=30)


def test_sessions_rotate_expire_and_end(storage: ServerStorage, clock: Clock, ids: Ids) -> None:
    add_officer(storage, "ho.tich", Role.OFFICER, "Hộ tịch")
    account = storage.get_account_by_username("ho.tich")
    assert account is not None and account.department == "Hộ tịch"
    first = sessions.open_session(storage, account, now=clock.now(), new_id=ids)
    second = sessions.open_session(storage, account, now=clock.now(), new_id=ids)
    assert first.cookie != second.cookie and first.session.csrf_token != second.session.csrf_token
    found = sessions.current_session(storage, first.cookie, now=clock.now(), idle=IDLE)
    assert found is not None and found.account.username == "ho.tich"
    session_id, secret = first.cookie.split(".")
    for forged in (f"{session_id}.{'x' * len(secret)}", "nonsense", "", f"{session_id}.", "a.b.c", "é" * 300):
        assert sessions.current_session(storage, forged, now=clock.now(), idle=IDLE) is None
    clock.advance(minutes=20)
    assert sessions.current_session(storage, first.cookie, now=clock.now(), idle=IDLE) is not None
    clock.advance(minutes=29)  # 29 minutes after the last use
    assert sessions.current_session(storage, first.cookie, now=clock.now(), idle=IDLE) is not None
    clock.advance(minutes=31)
    assert sessions.current_session(storage, first.cookie, now=clock.now(), idle=IDLE) is None
    third = sessions.open_session(storage, account, now=clock.now(), new_id=ids)
    sessions.end_other_sessions(storage, account.id, third.session.id, clock.now())
    assert sessions.current_session(storage, second.cookie, now=clock.now(), idle=IDLE) is None
    assert sessions.current_session(storage, third.cookie, now=clock.now(), idle=IDLE) is not None
    sessions.end_session(storage, third.session.id, clock.now())
    assert sessions.current_session(storage, third.cookie, now=clock.now(), idle=IDLE) is None


def test_backoff_grows_with_failures_and_clears(storage: ServerStorage, clock: Clock) -> None:
    keys = ["account:ho.tich", "address:10.0.0.7"]
    for _ in range(sessions.FREE_FAILURES - 1):
        sessions.record_failure(storage, keys, clock.now())
    assert sessions.seconds_to_wait(storage, keys, clock.now()) == 0
    sessions.record_failure(storage, keys, clock.now())
    assert sessions.seconds_to_wait(storage, keys, clock.now()) == 2
    for _ in range(20):
        sessions.record_failure(storage, keys, clock.now())
    assert sessions.seconds_to_wait(storage, keys, clock.now()) == 15 * 60  # capped
    sessions.clear_failures(storage, "account:ho.tich")
    assert sessions.seconds_to_wait(storage, ["account:ho.tich"], clock.now()) == 0
    assert sessions.seconds_to_wait(storage, ["address:10.0.0.7"], clock.now()) == 15 * 60
    clock.advance(minutes=15)
    assert sessions.seconds_to_wait(storage, keys, clock.now()) == 0
