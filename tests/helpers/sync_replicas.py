"""In-memory replicas for the sync tests: filling them, wrapping them to count receives, syncing two in
process, and comparing their states."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from sync.event_texts import EncodedEvent
from sync.replica_memory import MemoryReplica, ReceiveReport
from sync.sync_session import InProcessTransport, SessionResponder, run_session
from sync.version_vectors import VersionVector
from tests.helpers.record_cases import CASE, T0


def clock(start: datetime = T0) -> Callable[[], datetime]:
    ticks = itertools.count()
    return lambda: start + timedelta(seconds=next(ticks))


NOW = clock()


def replica(name: str, side: str = "desk") -> MemoryReplica:
    return MemoryReplica(name, side, [CASE], clock())


def fill(target: MemoryReplica, count: int, *, prefix: str = "r", seed: int = 0) -> None:
    """``count`` writes of varied content (random phone numbers and notes), one record each."""
    rng = random.Random(seed)
    for i in range(count):
        fields = {"phone": f"09{rng.randrange(10**8):08d}", "notes": [f"note {rng.randrange(10**6)}"]}
        target.write("case", f"{prefix}{i}", fields, author=f"clerk-{rng.randrange(5)}")


class Counting:
    """A replica wrapper that records every receive report (to prove nothing was applied twice)."""

    def __init__(self, inner: MemoryReplica) -> None:
        self.inner = inner
        self.reports: list[ReceiveReport] = []

    @property
    def replica_id(self) -> str:
        return self.inner.replica_id

    def vector(self) -> VersionVector:
        return self.inner.vector()

    def missing_encoded(self, vector: VersionVector) -> list[str]:
        return self.inner.missing_encoded(vector)

    def waiting_beyond(self, vector: VersionVector) -> bool:
        return self.inner.waiting_beyond(vector)

    def receive_encoded(self, events: Iterable[EncodedEvent]) -> ReceiveReport:
        report = self.inner.receive_encoded(events)
        self.reports.append(report)
        return report

    @property
    def applied(self) -> int:
        return sum(report.new for report in self.reports)


def sync(a: object, b: object, **kwargs: object) -> tuple[object, InProcessTransport]:
    transport = InProcessTransport(SessionResponder(b))  # type: ignore[arg-type]
    return run_session(a, transport, now=NOW, **kwargs), transport  # type: ignore[arg-type]


def texts(replica: MemoryReplica) -> list[str]:
    """Every event ``replica`` holds, as the canonical texts it sends."""
    return replica.missing_encoded(VersionVector())


def same_state(*replicas: MemoryReplica) -> bool:
    first = replicas[0]
    keys = first.record_keys()
    return all(
        other.vector() == first.vector()
        and other.record_keys() == keys
        and all(other.record(*key) == first.record(*key) for key in keys)
        for other in replicas[1:]
    )


# -- sessions ------------------------------------------------------------------------------------------------
