"""When a failed call to the provincial server is tried again, and after how long.

:class:`RetryPolicy` is exponential backoff with full jitter, bounded both in attempts and in total time;
the clock, the pause and the random source are passed in (tests pass their own, nothing is patched).
:func:`retry_decision` says what an error calls for:

- the link was cut or the server did not answer (``offline``), or a 5xx: back off and try again;
- 429: wait what ``Retry-After`` says (never less than the backoff), then try again;
- 413: try again at once with smaller batches (the caller halves them);
- 401/403 (unauthorised, revoked), 426, refused data, damaged messages: no retry, a person must act.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from sync.errors import (
    ServerFailed,
    ServerOffline,
    ServerRateLimited,
    ServerTooLarge,
    SyncError,
    SyncInterrupted,
    TransportError,
)

RETRY_STATUSES = frozenset({500, 502, 503, 504})


class Retry(StrEnum):
    """What to do after an error."""

    BACK_OFF = "back_off"
    """Wait the backoff (offline, 5xx), then try again."""
    WAIT_RETRY_AFTER = "wait_retry_after"
    """Wait what the server asked for (429), then try again."""
    SMALLER = "smaller"
    """Try again at once with smaller batches (413)."""
    STOP = "stop"
    """No retry: a person must act (re-enrol, update motcua, ask IT)."""


def retry_decision(error: BaseException) -> Retry:
    """What ``error`` from a sync or a server call calls for (see the module docstring)."""
    if isinstance(error, ServerRateLimited):
        return Retry.WAIT_RETRY_AFTER
    if isinstance(error, ServerTooLarge):
        return Retry.SMALLER
    if isinstance(error, ServerFailed):
        return Retry.BACK_OFF if error.status is None or error.status in RETRY_STATUSES else Retry.STOP
    if isinstance(error, ServerOffline):
        return Retry.BACK_OFF
    if isinstance(error, TransportError):
        return Retry.STOP  # unauthorised, revoked, too old, refused data
    if isinstance(error, SyncInterrupted):
        return Retry.BACK_OFF  # a link cut inside a session (any transport)
    if isinstance(error, SyncError):
        return Retry.STOP
    return Retry.STOP


class Waiter:
    """A pause that can be cut short: :meth:`wake` ends the current (or next) wait at once ("Sync now"
    during a backoff), :meth:`cancel` ends it and every later one (the desk is closing)."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self.cancelled = False

    def __call__(self, seconds: float) -> None:
        if self.cancelled:
            return
        self._event.wait(max(0.0, seconds))
        if not self.cancelled:
            self._event.clear()

    def wake(self) -> None:
        self._event.set()

    def cancel(self) -> None:
        self.cancelled = True
        self._event.set()


@dataclass
class RetryPolicy:
    """Exponential backoff with full jitter: try ``n`` waits a random time in [base·2ⁿ/2, base·2ⁿ], at most
    ``cap`` seconds; at most ``attempts`` tries and ``total`` seconds in all (by ``monotonic``)."""

    attempts: int = 8
    base: float = 1.0
    cap: float = 60.0
    total: float = 300.0
    sleep: Callable[[float], None] = time.sleep
    monotonic: Callable[[], float] = time.monotonic
    jitter: Callable[[], float] = field(default_factory=lambda: random.Random().random)

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("a retry policy makes at least one attempt")
        if self.base < 0 or self.cap < 0 or self.total < 0:
            raise ValueError("retry times cannot be negative")

    def backoff(self, failures: int) -> float:
        """The pause after the ``failures``-th failure in a row (1, 2, …)."""
        ceiling = min(self.cap, self.base * 2 ** max(0, failures - 1))
        return ceiling / 2 + self.jitter() * ceiling / 2

    def pause(self, error: BaseException, failures: int) -> float:
        """How long to wait before the next try after ``error``."""
        decision = retry_decision(error)
        if decision is Retry.SMALLER:
            return 0.0
        wait = self.backoff(failures)
        if decision is Retry.WAIT_RETRY_AFTER:
            asked = getattr(error, "retry_after", None)
            if isinstance(asked, int | float) and asked > 0:
                wait = max(wait, float(asked))
        return wait


class RetryClock:
    """One run of a :class:`RetryPolicy`: counts tries and time; :meth:`next_pause` says whether and how long
    to wait before the next try (``None``: give up and raise)."""

    def __init__(self, policy: RetryPolicy) -> None:
        self.policy = policy
        self.started = policy.monotonic()
        self.tries = 0
        self.failures_in_a_row = 0

    def next_pause(self, error: BaseException) -> float | None:
        self.tries += 1
        self.failures_in_a_row += 1
        if retry_decision(error) is Retry.STOP or self.tries >= self.policy.attempts:
            return None
        wait = self.policy.pause(error, self.failures_in_a_row)
        left = self.policy.total - (self.policy.monotonic() - self.started)
        if wait > left:
            return None
        return wait

    def progressed(self) -> None:
        """The last try got something through: the next failure waits the shortest backoff again."""
        self.failures_in_a_row = 0


def call_with_retries(attempt: Callable[[], object], policy: RetryPolicy) -> object:
    """``attempt()`` until it succeeds, an error calls for no retry, or the policy's bounds are reached."""
    clock = RetryClock(policy)
    while True:
        try:
            return attempt()
        except SyncError as exc:
            wait = clock.next_pause(exc)
            if wait is None:
                raise
            policy.sleep(wait)
