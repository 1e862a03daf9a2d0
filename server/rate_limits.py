"""Per-device (and per-address) rate limits: a token bucket per key, driven by the clock passed in, and a cap
on the requests one key has running at once."""

from __future__ import annotations

import datetime as dt
import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from server.errors import RateLimited


class TokenBucketLimiter:
    """Each key may make ``burst`` requests at once, refilled at ``per_minute`` requests per minute.

    At most ``max_keys`` buckets are kept (least recently used forgotten: a forgotten key starts full).
    """

    def __init__(
        self, per_minute: float, burst: int, now: Callable[[], dt.datetime], *, max_keys: int = 100_000
    ) -> None:
        if per_minute <= 0 or burst < 1 or max_keys < 1:
            raise ValueError("a rate limit needs a positive rate, a burst of at least 1 and room for a key")
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self._now = now
        self._max_keys = max_keys
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        """Spend one request of ``key``'s bucket: 0.0 if allowed, else the seconds until one is available."""
        at = self._now().timestamp()
        with self._lock:
            tokens, last = self._buckets.pop(key, (self.burst, at))
            tokens = min(self.burst, tokens + max(0.0, at - last) * self.rate)
            if tokens >= 1.0:
                wait, tokens = 0.0, tokens - 1.0
            else:
                wait = (1.0 - tokens) / self.rate
            self._buckets[key] = (tokens, max(at, last))
            while len(self._buckets) > self._max_keys:
                self._buckets.popitem(last=False)
        return wait

    def check(self, key: str, what: str) -> None:
        """Raise ``RateLimited`` (429 with Retry-After in whole seconds) if ``key`` has no request left."""
        wait = self.take(key)
        if wait > 0:
            seconds = max(1, math.ceil(wait))
            raise RateLimited(
                f"too many requests from this {what}: try again in {seconds} s", retry_after=seconds
            )


class ConcurrencyLimiter:
    """At most ``limit`` requests of one key running at once; one more is refused at once, not queued."""

    def __init__(self, limit: int) -> None:
        if limit < 1:
            raise ValueError("a concurrency limit is at least 1")
        self.limit = limit
        self._running: dict[str, int] = {}
        self._lock = threading.Lock()

    @contextmanager
    def slot(self, key: str, what: str) -> Iterator[None]:
        """Hold one of ``key``'s slots while the block runs; ``RateLimited`` (429) if none is free."""
        with self._lock:
            running = self._running.get(key, 0)
            if running >= self.limit:
                raise RateLimited(
                    f"this {what} already has {running} sync requests running: wait for them to finish",
                    retry_after=1,
                )
            self._running[key] = running + 1
        try:
            yield
        finally:
            with self._lock:
                left = self._running.pop(key) - 1
                if left:
                    self._running[key] = left
