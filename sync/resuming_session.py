"""A sync session that resumes by itself after a cut: a flaky link needs no clerk.

:func:`run_resuming_session` runs :func:`sync.sync_session.run_session` over a fresh transport until it
completes, waiting between tries as a :class:`sync.retry_policy.RetryPolicy` says. Every try starts with
``hello``, whose vectors say what each side has committed, so a batch acknowledged before a cut is never sent
again, in either direction: a push resumes after the server's last committed batch, a pull after the desk's.
A 413 halves the batch size; 401, 426 and refused data end the session at once (a person must act).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sync.errors import SyncError
from sync.event_texts import EncodedEvent
from sync.retry_policy import Retry, RetryClock, RetryPolicy, retry_decision
from sync.sync_checkpoints import CheckpointStore
from sync.sync_messages import DEFAULT_BATCH_SIZE
from sync.sync_session import ReceiveResult, Replica, SessionResult, Transport, run_session
from sync.version_vectors import VersionVector


@dataclass(frozen=True)
class ResumedSession:
    """A completed session and what it took: ``tries`` sessions, the ``errors`` kinds met on the way and
    the step each of them cut (``hello``, ``push`` or ``pull``)."""

    result: SessionResult
    tries: int
    errors: tuple[str, ...]
    batch_size: int
    cut_during: tuple[str, ...] = ()


class _Steps:
    """Passes calls through to a transport, remembering the last step asked for."""

    def __init__(self, inner: Transport) -> None:
        self.inner = inner
        self.last = ""

    @property
    def round_trips(self) -> int:
        return self.inner.round_trips

    def call(self, route: str, body: Iterable[bytes]) -> Iterable[bytes]:
        self.last = route
        return self.inner.call(route, body)


class _Watched:
    """The replica as a try sees it, noting whether the try got anything through."""

    def __init__(self, inner: Replica) -> None:
        self._inner = inner
        self.to_push: int | None = None
        self.pulled = 0
        self.pulled_events = 0

    @property
    def replica_id(self) -> str:
        return self._inner.replica_id

    def vector(self) -> VersionVector:
        return self._inner.vector()

    def missing_encoded(self, vector: VersionVector) -> Sequence[str]:
        missing = self._inner.missing_encoded(vector)
        self.to_push = len(missing)
        return missing

    def receive_encoded(self, events: Iterable[EncodedEvent]) -> ReceiveResult:
        batch = list(events)
        report = self._inner.receive_encoded(batch)
        self.pulled += 1
        self.pulled_events += len(batch)
        return report


def run_resuming_session(
    local: Replica,
    transports: Callable[[], Transport],
    *,
    now: Callable[[], datetime],
    policy: RetryPolicy,
    checkpoints: CheckpointStore | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_retry: Callable[[SyncError, float], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> ResumedSession:
    """Sync ``local`` with the peer until done (see the module docstring); raises the last error when the
    policy gives up, when an error calls for a person, or when ``cancelled()`` turns true between tries.

    ``on_retry(error, pause)`` is told before each pause. The result counts every event pushed and pulled
    over all tries.
    """
    clock = RetryClock(policy)
    errors: list[str] = []
    steps: list[str] = []
    pulled = 0
    first_to_push: int | None = None
    last_to_push: int | None = None
    while True:
        watched = _Watched(local)
        transport = transports()
        step = _Steps(transport)
        try:
            result = run_session(watched, step, now=now, checkpoints=checkpoints, batch_size=batch_size)
        except SyncError as exc:
            errors.append(exc.kind)
            steps.append(step.last)
            pulled += watched.pulled_events
            if first_to_push is None:
                first_to_push = watched.to_push
            if watched.pulled or (
                watched.to_push is not None and last_to_push is not None and watched.to_push < last_to_push
            ):
                clock.progressed()
            if watched.to_push is not None:
                last_to_push = watched.to_push
            if retry_decision(exc) is Retry.SMALLER and batch_size == 1:
                raise
            pause = clock.next_pause(exc)
            if pause is None or cancelled():
                raise
            if retry_decision(exc) is Retry.SMALLER:
                batch_size = max(1, batch_size // 2)
            if on_retry is not None:
                on_retry(exc, pause)
            policy.sleep(pause)
            if cancelled():
                raise
            continue
        finally:
            close = getattr(transport, "close", None)
            if callable(close):
                close()
        pushed = first_to_push if first_to_push is not None else result.pushed_events
        total = replace(result, pushed_events=pushed, pulled_events=pulled + result.pulled_events)
        return ResumedSession(total, clock.tries + 1, tuple(errors), batch_size, tuple(steps))
