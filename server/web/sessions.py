"""Officers' browser sessions: a cookie ``<id>.<secret>`` (only the secret's hash is stored), a CSRF token per
session, an idle timeout, and a backoff after wrong passwords per account and per address (rows of
``sign_in_failures`` named by a hash of the account name or address, pruned after a day).

A sign-in always opens a new session (a new id and secret), whatever cookie the browser brought: a session
id planted before sign-in is never the one signed in (no fixation). A password change ends every other session
of the account and rotates the current one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from server.credentials import hash_secret, new_secret, secret_matches
from server.storage.interface import ServerStorage
from server.storage.records import Account

COOKIE = "motcua_web"
PRE_COOKIE = "motcua_pre"
"""The sign-in form's CSRF cookie (double submit), before any session exists."""
FREE_FAILURES = 3
"""Wrong passwords allowed before the backoff starts."""
MAX_WAIT = dt.timedelta(minutes=15)
KEEP_FAILURES = dt.timedelta(days=1)
"""A count of wrong passwords untouched this long is pruned (the table holds only recent names)."""
_LAST_SEEN_STEP = dt.timedelta(seconds=30)
"""A request refreshes ``last_seen_at`` only if it is older than this (fewer writes)."""


@dataclass(frozen=True, slots=True, repr=False)  # no account details, no token in a repr
class WebSession:
    id: str
    account: Account
    csrf_token: str


@dataclass(frozen=True, slots=True, repr=False)
class Opened:
    cookie: str
    session: WebSession


def open_session(
    storage: ServerStorage, account: Account, *, now: dt.datetime, new_id: Callable[[], str]
) -> Opened:
    """A fresh session for ``account`` (new id, secret and CSRF token)."""
    session_id, secret, csrf = new_id(), new_secret(), secrets.token_urlsafe(32)
    at = storage.time_in(now)
    with storage.transaction() as tx:
        tx.run(
            "INSERT INTO web_sessions (id, account_id, secret_hash, csrf_token, created_at, last_seen_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (session_id, account.id, hash_secret(secret), csrf, at, at),
        )
    return Opened(f"{session_id}.{secret}", WebSession(session_id, account, csrf))


def current_session(
    storage: ServerStorage, cookie: str | None, *, now: dt.datetime, idle: dt.timedelta
) -> WebSession | None:
    """The live session the cookie stands for, or ``None`` (unknown, ended, idle too long, disabled)."""
    if not cookie or len(cookie) > 200 or cookie.count(".") != 1:
        return None
    session_id, secret = cookie.split(".")
    with storage.transaction() as tx:
        rows = tx.query(
            "SELECT account_id, secret_hash, csrf_token, last_seen_at, revoked_at FROM web_sessions"
            " WHERE id = ?",
            (session_id,),
        )
        if not rows:
            return None
        account_id, secret_hash, csrf, last_seen, revoked = rows[0]
        if revoked is not None or not secret_matches(secret, str(secret_hash)):
            return None
        seen = storage.time_out(last_seen)
        assert seen is not None
        if now - seen > idle:
            tx.run("UPDATE web_sessions SET revoked_at = ? WHERE id = ?", (storage.time_in(now), session_id))
            return None
        if now - seen > _LAST_SEEN_STEP:
            tx.run(
                "UPDATE web_sessions SET last_seen_at = ? WHERE id = ?", (storage.time_in(now), session_id)
            )
    account = storage.get_account(str(account_id))
    if account is None or account.disabled_at is not None:
        return None
    return WebSession(session_id, account, str(csrf))


def end_session(storage: ServerStorage, session_id: str, now: dt.datetime) -> None:
    with storage.transaction() as tx:
        tx.run(
            "UPDATE web_sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
            (storage.time_in(now), session_id),
        )


def end_other_sessions(storage: ServerStorage, account_id: str, keep: str | None, now: dt.datetime) -> None:
    with storage.transaction() as tx:
        tx.run(
            "UPDATE web_sessions SET revoked_at = ? WHERE account_id = ? AND id <> ? AND revoked_at IS NULL",
            (storage.time_in(now), account_id, keep or ""),
        )


def csrf_matches(expected: str, given: object) -> bool:
    return isinstance(given, str) and bool(given) and hmac.compare_digest(expected, given)


# ---- backoff after wrong passwords ------------------------------------------------------------------------


def _wait_for(failures: int) -> dt.timedelta:
    if failures < FREE_FAILURES:
        return dt.timedelta(0)
    return min(MAX_WAIT, dt.timedelta(seconds=2 ** (failures - FREE_FAILURES + 1)))


def _stored(key: str) -> str:
    """A backoff key as its row names it: a hash, never the account name or the address in clear."""
    return "web:" + hashlib.sha256(key.encode()).hexdigest()


def seconds_to_wait(storage: ServerStorage, keys: list[str], now: dt.datetime) -> int:
    """How long a sign-in must wait under these keys (``account:…``, ``address:…``), in whole seconds."""
    among, values = storage.among("key", [_stored(key) for key in keys])
    with storage.transaction() as tx:
        rows = tx.query(f"SELECT failures, last_at FROM sign_in_failures WHERE {among}", (values,))
    longest = dt.timedelta(0)
    for failures, last in rows:
        at = storage.time_out(last)
        assert at is not None
        longest = max(longest, at + _wait_for(int(failures)) - now)
    return max(0, int(longest.total_seconds() + 0.999))


def record_failure(storage: ServerStorage, keys: list[str], now: dt.datetime) -> None:
    """Count a wrong password under ``keys``; counts untouched for ``KEEP_FAILURES`` are pruned."""
    at = storage.time_in(now)
    with storage.transaction() as tx:
        tx.run_many(
            "INSERT INTO sign_in_failures (key, failures, last_at) VALUES (?, 1, ?)"
            " ON CONFLICT (key) DO UPDATE SET failures = sign_in_failures.failures + 1,"
            " last_at = excluded.last_at",
            [(_stored(key), at) for key in keys],
        )
        tx.run("DELETE FROM sign_in_failures WHERE last_at < ?", (storage.time_in(now - KEEP_FAILURES),))


def clear_failures(storage: ServerStorage, key: str) -> None:
    with storage.transaction() as tx:
        tx.run("DELETE FROM sign_in_failures WHERE key = ?", (_stored(key),))


def new_pre_token() -> str:
    return secrets.token_urlsafe(24)
