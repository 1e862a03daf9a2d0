"""The test record type of the sync tests (``CASE``) and its small status machine (``LIFECYCLE``)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sync.change_events import ChangeEvent
from sync.field_policies import RecordType, add_only_set, log, owned, register, state
from sync.version_vectors import EventId, VersionVector


class CaseLifecycle:
    """A small status machine: ``note`` can be ordered with anything; other concurrent transitions cannot."""

    initial = "received"
    moves: dict[str, dict[str, str]] = {
        "process": {"received": "processing", "supplement": "processing"},
        "request_supplement": {"processing": "supplement"},
        "return_result": {"processing": "returned"},
        "stop": {"processing": "stopped", "supplement": "stopped"},
        "note": {s: s for s in ("received", "processing", "supplement")},
    }

    def apply(self, current: Any, transition: Any) -> Any:
        try:
            return self.moves[transition][current]
        except (KeyError, TypeError):
            raise ValueError(f"{transition!r} is not allowed from {current!r}") from None

    def can_order(self, first: Any, second: Any) -> bool:
        return "note" in (first, second)


LIFECYCLE = CaseLifecycle()
CASE = RecordType(
    "case",
    [
        register("phone"),
        add_only_set("documents"),
        log("notes"),
        state("status", LIFECYCLE),
        owned("decision", "province"),
    ],
)
T0 = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)


def event(
    replica: str,
    counter: int,
    fields: dict[str, Any],
    context: dict[str, int] | None = None,
    *,
    side: str = "desk",
    record_id: str = "r1",
    resolves: tuple[EventId, ...] = (),
    when: datetime = T0,
) -> ChangeEvent:
    return ChangeEvent(
        id=EventId(replica, counter),
        record_type="case",
        record_id=record_id,
        fields=fields,
        context=VersionVector(context or {}),
        device_time=when,
        author=f"clerk-{replica}",
        side=side,
        resolves=resolves,
    )
