"""Per-account backoff after wrong passwords on an officer's sign-in (issue 14, finding 5).

The address rate limit (``limits.anonymous_*``) slows one caller; an attacker with many addresses could
still try passwords on one account at full speed. So each *account name* (as typed, normalised; unknown names
too, so the answer never tells whether an account exists) has its own count of wrong passwords in a row:
the first ``free_failures`` cost nothing, then each further attempt must wait ``base_delay`` × 2ⁿ since the
last failure (capped at ``max_delay``). A right password resets the count. An attempt during the wait is
refused *before* the password is checked (429 ``sign_in_locked`` with ``Retry-After``, in words), so it
neither costs an Argon2 hash nor counts.

Shared by the sign-in API (``POST /v1/login``) and the officer's web sign-in page. Kept in memory per server
process (a restart forgets; with N worker processes an attacker gets at most N × the attempts).
"""

from __future__ import annotations

import datetime as dt
import math
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from server.errors import RateLimited


class SignInLocked(RateLimited):
    """Too many wrong passwords in a row for this account: wait before trying again."""

    code = "sign_in_locked"


@dataclass(slots=True)
class _Failures:
    count: int
    last: dt.datetime


class SignInBackoff:
    """Wrong-password counts per account name, with the wait each imposes."""

    def __init__(
        self,
        now: Callable[[], dt.datetime],
        *,
        free_failures: int = 5,
        base_delay: dt.timedelta = dt.timedelta(seconds=2),
        max_delay: dt.timedelta = dt.timedelta(minutes=15),
        max_accounts: int = 100_000,
    ) -> None:
        if free_failures < 0 or base_delay <= dt.timedelta(0) or max_delay < base_delay or max_accounts < 1:
            raise ValueError("a sign-in backoff needs positive delays and room for an account")
        self._now = now
        self.free_failures = free_failures
        self.base_delay = base_delay
        self.max_delay = max_delay
        self._max_accounts = max_accounts
        self._failures: OrderedDict[str, _Failures] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def key(username: object) -> str:
        """The account name as counted: NFC, trimmed, lower case (at most 200 characters)."""
        text = username if isinstance(username, str) else ""
        return unicodedata.normalize("NFC", text).strip().casefold()[:200]

    def delay(self, failures: int) -> dt.timedelta:
        """The wait after ``failures`` wrong passwords in a row."""
        over = failures - self.free_failures
        if over < 0:
            return dt.timedelta(0)
        return min(self.max_delay, self.base_delay * (2 ** min(over, 30)))

    def wait(self, username: object) -> dt.timedelta:
        """How long ``username`` must still wait before its next attempt (zero: it may try now)."""
        with self._lock:
            held = self._failures.get(self.key(username))
        if held is None:
            return dt.timedelta(0)
        return max(dt.timedelta(0), held.last + self.delay(held.count) - self._now())

    def check(self, username: object) -> None:
        """Raise :class:`SignInLocked` while ``username`` must wait."""
        left = self.wait(username)
        if left > dt.timedelta(0):
            seconds = max(1, math.ceil(left.total_seconds()))
            raise SignInLocked(
                f"too many wrong passwords for this account: try again in {seconds} s", retry_after=seconds
            )

    def failed(self, username: object) -> None:
        """Count a wrong password (or an unknown or disabled account) for ``username``."""
        key = self.key(username)
        with self._lock:
            held = self._failures.pop(key, None)
            self._failures[key] = _Failures((held.count if held else 0) + 1, self._now())
            while len(self._failures) > self._max_accounts:
                self._failures.popitem(last=False)

    def succeeded(self, username: object) -> None:
        """A right password: ``username`` starts afresh."""
        with self._lock:
            self._failures.pop(self.key(username), None)
