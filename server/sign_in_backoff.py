"""Per-account backoff after wrong passwords on an officer's sign-in (issue 14, finding 5).

The address rate limit (``limits.anonymous_*``) slows one caller; an attacker with many addresses could
still try passwords on one account at full speed. So each *account name* (as typed, normalised; unknown names
too, so the answer never tells whether an account exists) has its own count of wrong passwords in a row:
the first ``free_failures`` cost nothing, then each further attempt must wait ``base_delay`` × 2ⁿ since the
last failure (capped at ``max_delay``). A right password resets the count. An attempt during the wait is
refused *before* the password is checked (429 ``sign_in_locked`` with ``Retry-After``, in words), so it
neither costs an Argon2 hash nor counts.

The counts live in the database (``sign_in_failures``, one row per account name as ``api:`` and the SHA-256
of the normalised name: no name in clear), so every worker process of a server sees the same count and a
restart forgets nothing. A count untouched for ``keep_for`` (a day) is pruned, by age through an index, at
each failure: the table holds only the names tried within that time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import unicodedata
from collections.abc import Callable

from server.errors import RateLimited
from server.storage.interface import ServerStorage

KEY_PREFIX = "api:"
"""The rows of this backoff in ``sign_in_failures`` (the web sign-in keeps its own there)."""


class SignInLocked(RateLimited):
    """Too many wrong passwords in a row for this account: wait before trying again."""

    code = "sign_in_locked"


class SignInBackoff:
    """Wrong-password counts per account name, kept in ``storage``, with the wait each imposes."""

    def __init__(
        self,
        storage: ServerStorage,
        now: Callable[[], dt.datetime],
        *,
        free_failures: int = 5,
        base_delay: dt.timedelta = dt.timedelta(seconds=2),
        max_delay: dt.timedelta = dt.timedelta(minutes=15),
        keep_for: dt.timedelta = dt.timedelta(days=1),
    ) -> None:
        if (
            free_failures < 0
            or base_delay <= dt.timedelta(0)
            or max_delay < base_delay
            or keep_for < max_delay
        ):
            raise ValueError("a sign-in backoff needs positive delays, kept at least as long as the longest")
        self._storage = storage
        self._now = now
        self.free_failures = free_failures
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.keep_for = keep_for

    @staticmethod
    def key(username: object) -> str:
        """The account name as counted: NFC, trimmed, lower case (at most 200 characters)."""
        text = username if isinstance(username, str) else ""
        return unicodedata.normalize("NFC", text).strip().casefold()[:200]

    @classmethod
    def row_key(cls, username: object) -> str:
        """The account name's row in ``sign_in_failures``: a hash, never the name."""
        return KEY_PREFIX + hashlib.sha256(cls.key(username).encode()).hexdigest()

    def delay(self, failures: int) -> dt.timedelta:
        """The wait after ``failures`` wrong passwords in a row."""
        over = failures - self.free_failures
        if over < 0:
            return dt.timedelta(0)
        return min(self.max_delay, self.base_delay * (2 ** min(over, 30)))

    def wait(self, username: object) -> dt.timedelta:
        """How long ``username`` must still wait before its next attempt (zero: it may try now)."""
        with self._storage.transaction() as tx:
            rows = tx.query(
                "SELECT failures, last_at FROM sign_in_failures WHERE key = ?", (self.row_key(username),)
            )
        if not rows:
            return dt.timedelta(0)
        last = self._storage.time_out(rows[0][1])
        assert last is not None
        return max(dt.timedelta(0), last + self.delay(int(rows[0][0])) - self._now())

    def check(self, username: object) -> None:
        """Raise :class:`SignInLocked` while ``username`` must wait."""
        left = self.wait(username)
        if left > dt.timedelta(0):
            seconds = max(1, math.ceil(left.total_seconds()))
            raise SignInLocked(
                f"too many wrong passwords for this account: try again in {seconds} s", retry_after=seconds
            )

    def failed(self, username: object) -> None:
        """Count a wrong password (or an unknown or disabled account) for ``username``; prune old counts."""
        now = self._now()
        with self._storage.transaction() as tx:
            tx.run(
                "INSERT INTO sign_in_failures (key, failures, last_at) VALUES (?, 1, ?)"
                " ON CONFLICT (key) DO UPDATE SET failures = sign_in_failures.failures + 1,"
                " last_at = excluded.last_at",
                (self.row_key(username), self._storage.time_in(now)),
            )
            tx.run(
                "DELETE FROM sign_in_failures WHERE last_at < ?",
                (self._storage.time_in(now - self.keep_for),),
            )

    def succeeded(self, username: object) -> None:
        """A right password: ``username`` starts afresh."""
        with self._storage.transaction() as tx:
            tx.run("DELETE FROM sign_in_failures WHERE key = ?", (self.row_key(username),))
