"""Which of this desk's scans the province has confirmed holding, kept in the store's ``meta`` table (one row
per scan, written through the store's single writer), and how many scans still wait to go up. No Qt; call
these off the UI thread."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sync.connection import Connection
from sync.store import Store, set_meta

CONFIRMED_PREFIX = "sync.province_scan."
CANDIDATE_LIMIT = 2000
"""At most this many waiting scans are counted (the count is then a lower bound); orphans never count."""

_UNCONFIRMED_SQL = """
SELECT a.sha256, a.size FROM attachments AS a
WHERE NOT EXISTS (SELECT 1 FROM meta AS m WHERE m.key = ? || a.sha256)
"""
_NAMED_SQL = """
SELECT DISTINCT CASE a.type WHEN 'text' THEN a.value ELSE json_extract(a.value, '$.sha256') END
FROM record_states AS r, json_each(r.state, '$.values.attachments') AS a
WHERE r.record_type = 'dossier'
"""


@dataclass(frozen=True, slots=True)
class WaitingScans:
    """Scans of this desk's dossiers the province has not confirmed holding."""

    count: int = 0
    bytes: int = 0


def confirm_scans(store: Store, hashes: Iterable[str]) -> None:
    """Remember that the province holds these scans (idempotent)."""
    wanted = sorted({sha for sha in hashes if isinstance(sha, str) and len(sha) == 64})
    if not wanted:
        return

    def save(conn: Connection) -> None:
        for sha in wanted:
            set_meta(conn, CONFIRMED_PREFIX + sha, "1")

    store.write(save).result()


def waiting_scans(store: Store) -> WaitingScans:
    """How many held scans named by a dossier the province has not confirmed, and their size. Cheap when
    nothing waits (one indexed look-up per held scan, at most CANDIDATE_LIMIT); the dossiers' scan lists
    are read only when some scan is unconfirmed."""
    with store.reader() as conn:
        unconfirmed = conn.execute(_UNCONFIRMED_SQL, (CONFIRMED_PREFIX,))
        first = unconfirmed.fetchone()
        if first is None:
            return WaitingScans()
        named = {row[0] for row in conn.execute(_NAMED_SQL).fetchall() if isinstance(row[0], str)}
        waiting: list[tuple[str, int]] = []
        for sha, size in [first, *unconfirmed.fetchall()]:  # the limit counts named scans, not orphans
            if sha in named:
                waiting.append((sha, int(size)))
                if len(waiting) >= CANDIDATE_LIMIT:
                    break
    return WaitingScans(len(waiting), sum(size for _sha, size in waiting))
