"""When an enrolled desk syncs by itself, and the session that resumes after a cut (no Qt; blocks).

Occasions: every ``interval`` seconds (the plain settings' ``sync_interval_seconds``), when the probe finds
the server again after it did not answer, a few seconds after a reception is saved, and before the desk
closes (waiting at most ``close_wait`` seconds). :func:`run_resuming_sync` is one such sync: retried with
backoff over fresh transports until it completes (:mod:`sync.resuming_session`), metered for the progress
bar, and stoppable between chunks when the desk closes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from sync.errors import SyncError, SyncInterrupted
from sync.replica_store import ReplicaStore
from sync.resuming_session import ResumedSession, run_resuming_session
from sync.retry_policy import RetryPolicy, Waiter
from sync.sync_session import Transport
from workstation.province_link import TransportFactory
from workstation.scan_fetching import carries_scans, sync_scans
from workstation.sync_keys import StoreCheckpoints
from workstation.sync_transfers import MeteredReplica, MeteredTransport, ProgressMeter, meter_scans

PROBE_SECONDS = 30
AFTER_RECEPTION_SECONDS = 3
CLOSE_WAIT_SECONDS = 10.0


@dataclass(frozen=True)
class AutoSync:
    """The occasions' timings, in seconds; ``interval`` 0 turns the periodic sync off."""

    interval: int
    probe: int = PROBE_SECONDS
    after_reception: float = AFTER_RECEPTION_SECONDS
    close_wait: float = CLOSE_WAIT_SECONDS

    @classmethod
    def every(cls, interval: int) -> AutoSync:
        """The periodic sync every ``interval`` seconds; the server is probed at least as often."""
        return cls(interval, probe=min(PROBE_SECONDS, interval) if interval else PROBE_SECONDS)


def desk_retry_policy(sleep: Callable[[float], None]) -> RetryPolicy:
    """How a desk's sync retries: up to 12 tries within 5 minutes, pauses of 1 s doubling up to 60 s."""
    return RetryPolicy(attempts=12, base=1.0, cap=60.0, total=300.0, sleep=sleep)


class Stoppable:
    """Passes a transport's calls through, ending them (:class:`SyncInterrupted`) once ``waiter`` is
    cancelled: the desk closes without waiting for the rest of a long transfer."""

    def __init__(self, inner: Transport, waiter: Waiter, *, closes: object = None) -> None:
        self._inner = inner
        self._waiter = waiter
        self._closes = closes if closes is not None else inner

    @property
    def round_trips(self) -> int:
        return self._inner.round_trips

    def call(self, route: str, body: Iterable[bytes]) -> Iterator[bytes]:
        self._check()
        return self._watch(self._inner.call(route, self._watch(body)))

    def _watch(self, chunks: Iterable[bytes]) -> Iterator[bytes]:
        for chunk in chunks:
            self._check()
            yield chunk

    def _check(self) -> None:
        if self._waiter.cancelled:
            raise SyncInterrupted("the desk is closing")

    def close(self) -> None:
        close = getattr(self._closes, "close", None)
        if callable(close):
            close()


def run_resuming_sync(
    replica: ReplicaStore,
    factory: TransportFactory,
    meter: ProgressMeter,
    *,
    now: Callable[[], datetime],
    checkpoints: StoreCheckpoints,
    waiter: Waiter,
    policy: RetryPolicy | None = None,
    on_retry: Callable[[SyncError, float], None] | None = None,
) -> ResumedSession:
    """One sync with the peer the factory reaches, resumed after cuts until it completes (see the module
    docstring); ``waiter`` is the pause between tries ("Sync now" wakes it, closing cancels it)."""

    made: list[Transport] = []

    def transports() -> Transport:
        transport = factory()
        made[:] = [transport]
        return Stoppable(MeteredTransport(transport, meter), waiter, closes=transport)

    session = run_resuming_session(
        MeteredReplica(replica, meter, session=True),
        transports,
        now=now,
        policy=policy if policy is not None else desk_retry_policy(waiter),
        checkpoints=checkpoints,
        on_retry=on_retry,
        cancelled=lambda: waiter.cancelled,
    )
    if made and carries_scans(made[0]):  # the scans follow their records (resumed by chunk next time if cut)
        transport = factory()
        try:
            sync_scans(transport, replica.store, lambda p: meter_scans(meter, p))  # type: ignore[arg-type]
        finally:
            close = getattr(transport, "close", None)
            if callable(close):
                close()
    return session
