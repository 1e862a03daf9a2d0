"""Changes of this desk that the province refused, kept in the store for the clerk and IT to read.

The province refuses an event whose content its rules do not allow (a value, a status change, a field the
desk may not set) and stores its refusal in the event's place, so the desk's later changes still arrive
(:mod:`sync.event_refusals`). The push's acknowledgement lists them in words; the desk keeps the last ones
here, with the time it learnt of them: the sync status says how many, and `motcua info` lists them. A
refusal names an event and a reason, never a value.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import datetime

from sync.event_refusals import RefusedEvent
from sync.store import Store, get_meta, set_meta

META_KEY = "province_refusals"
KEPT = 200


@dataclass(frozen=True)
class NotedRefusal:
    event: str
    reason: str
    message: str
    noted_at: str


def read_refusals(store: Store) -> list[NotedRefusal]:
    """The refusals noted so far, oldest first (at most :data:`KEPT`)."""
    with store.reader() as conn:
        text = get_meta(conn, META_KEY)
    if not text:
        return []
    try:
        return [NotedRefusal(**item) for item in json.loads(text)]
    except (ValueError, TypeError):
        return []


def note_refusals(store: Store, refused: Iterable[RefusedEvent], now: datetime) -> int:
    """Keep ``refused`` (new ones only) with the time; returns how many were new."""
    fresh = list(refused)
    if not fresh:
        return 0
    noted = read_refusals(store)
    known = {item.event for item in noted}
    at = now.isoformat(timespec="seconds")
    added = [NotedRefusal(r.event, r.reason, r.message, at) for r in fresh if r.event not in known]
    if added:
        kept = (noted + added)[-KEPT:]
        text = json.dumps([asdict(item) for item in kept], ensure_ascii=False)
        store.write(lambda conn: set_meta(conn, META_KEY, text)).result()
    return len(added)


def refused_in(result: object) -> tuple[RefusedEvent, ...]:
    """The refusals a sync's result carries (a session's, or a resumed session's last one)."""
    session = getattr(result, "result", result)
    counts = getattr(session, "peer_counts", None)
    return tuple(getattr(counts, "refused", ()))
