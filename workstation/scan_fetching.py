"""A desk's scans and the province: which scans its dossiers name but it does not hold, sending its own after
the records of a sync, and fetching the others (after each sync, for a restored or new desk too, and at once
for a dossier a clerk opens). Blocking (disk and network): the desk calls these on worker threads.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sync.attachments import DEFAULT_MEDIA_TYPE
from sync.errors import SyncInterrupted, TransportError
from sync.scan_transfer import (
    NOT_ON_SERVER,
    ScanCarrier,
    ScanProgress,
    ScanReport,
    fetch_scan,
    fetch_scans,
    upload_scans,
)
from sync.store import Store
from workstation.province_link import TransportFactory
from workstation.province_scans import confirm_scans

DOSSIER = "dossier"
FETCH_BUDGET_BYTES = 4 * 1024 * 1024
"""What one sync fetches of other desks' scans at most (about two minutes at 256 kbit/s)."""

log = logging.getLogger(__name__)

_NAMED_SQL = """
SELECT DISTINCT
    CASE a.type WHEN 'text' THEN a.value ELSE json_extract(a.value, '$.sha256') END AS sha,
    CASE a.type WHEN 'object' THEN json_extract(a.value, '$.media_type') END,
    CASE a.type WHEN 'object' THEN json_extract(a.value, '$.size') END
FROM record_states AS r, json_each(r.state, '$.values.attachments') AS a
WHERE r.record_type = ? AND sha IS NOT NULL
"""
_WANTED_SQL = _NAMED_SQL + "    AND sha NOT IN (SELECT sha256 FROM attachments)\n"


class ScanState(StrEnum):
    """Where a dossier's scan stands on this desk (the page words it)."""

    HERE = "here"
    DOWNLOADING = "downloading"
    NOT_AVAILABLE_OFFLINE = "not_available_offline"
    NOT_ON_SERVER = "not_on_server"
    """No desk of the commune has sent it to the province yet."""


def scan_hash(entry: Any) -> str | None:
    """The hash an entry of a dossier's ``attachments`` names (a dict with ``sha256``, or the hash itself)."""
    if isinstance(entry, str):
        return entry
    if isinstance(entry, Mapping) and isinstance(entry.get("sha256"), str):
        return str(entry["sha256"])
    return None


def wanted_scans(store: Store) -> list[tuple[str, str, int]]:
    """(hash, media type, size) of every scan a dossier on this desk names that the desk does not hold."""
    with store.reader() as conn:
        rows = conn.execute(_WANTED_SQL, (DOSSIER,)).fetchall()
    return [
        (str(sha), str(media or DEFAULT_MEDIA_TYPE), int(size) if isinstance(size, int) else 0)
        for sha, media, size in rows
        if isinstance(sha, str) and len(sha) == 64
    ]


def named_scans(store: Store) -> set[str]:
    """The hashes of every scan a dossier on this desk names (held here or not)."""
    with store.reader() as conn:
        rows = conn.execute(_NAMED_SQL, (DOSSIER,)).fetchall()
    return {str(row[0]) for row in rows if isinstance(row[0], str)}


def held(store: Store, hashes: Sequence[str]) -> set[str]:
    """Which of ``hashes`` this desk holds."""
    if not hashes:
        return set()
    with store.reader() as conn:
        marks = ",".join("?" * len(hashes))
        rows = conn.execute(f"SELECT sha256 FROM attachments WHERE sha256 IN ({marks})", list(hashes))
        return {str(row[0]) for row in rows}


def carries_scans(transport: object) -> bool:
    """Whether this transport can move scans (the provincial server's can; a LAN peer's cannot yet)."""
    return all(
        callable(getattr(transport, name, None))
        for name in ("missing_attachments", "upload_attachment", "download_attachment")
    )


@dataclass(frozen=True, slots=True)
class ScanSync:
    """The scans of one sync: sent after the records, then fetched."""

    sent: ScanReport
    fetched: ScanReport


def sync_scans(
    carrier: ScanCarrier,
    store: Store,
    progress: Callable[[ScanProgress], None],
    *,
    fetch_budget: int = FETCH_BUDGET_BYTES,
) -> ScanSync:
    """Send this desk's scans the server lacks, then fetch scans its dossiers name that it lacks, up to
    ``fetch_budget`` bytes (the rest in the next syncs: a sync never waits long behind other desks' scans)."""
    sent = upload_scans(carrier, store, progress=progress, only=named_scans(store))  # no orphan scan
    for sha, code in sent.refused.items():  # for IT; the hash names no one
        log.warning("the server refused scan %s…: %s", sha[:12], code)
    confirm_scans(store, sent.confirmed)  # the status area counts the others as waiting to go up
    fetched = fetch_scans(carrier, store, wanted_scans(store), progress=progress, budget=fetch_budget)
    confirm_scans(store, fetched.confirmed)
    return ScanSync(sent, fetched)


def fetch_dossier_scans(
    store: Store, factory: TransportFactory | None, entries: Sequence[Any]
) -> dict[str, ScanState]:
    """Fetch the scans of one dossier this desk lacks; each scan's state afterwards."""
    hashes = [sha for sha in (scan_hash(entry) for entry in entries) if sha]
    here = held(store, hashes)
    states = {sha: ScanState.HERE for sha in here}
    lacking = [sha for sha in hashes if sha not in here]
    if not lacking:
        return states
    transport = factory() if factory is not None else None
    try:
        if transport is None or not carries_scans(transport):
            return {**states, **{sha: ScanState.NOT_AVAILABLE_OFFLINE for sha in lacking}}
        media = {scan_hash(e): e.get("media_type") for e in entries if isinstance(e, Mapping)}
        for sha in lacking:
            try:
                fetch_scan(transport, store, sha, str(media.get(sha) or DEFAULT_MEDIA_TYPE))  # type: ignore[arg-type]
            except SyncInterrupted:
                states[sha] = ScanState.NOT_AVAILABLE_OFFLINE
            except TransportError as exc:
                states[sha] = (
                    ScanState.NOT_ON_SERVER if exc.code == NOT_ON_SERVER else ScanState.NOT_AVAILABLE_OFFLINE
                )
            else:
                states[sha] = ScanState.HERE
        confirm_scans(store, [sha for sha in lacking if states[sha] is ScanState.HERE])  # from the province
        return states
    finally:
        close = getattr(transport, "close", None)
        if callable(close):
            close()


class ScanFetcher:
    """Fetches dossiers' scans for the pages a clerk opens, one at a time on its own thread (a long download
    never holds up the desk's other background work). ``factory`` is read at each fetch: the desk may enrol
    meanwhile."""

    def __init__(self, store: Store, factory: Callable[[], TransportFactory | None]) -> None:
        self._store = store
        self._factory = factory
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="motcua-scans")

    def lacking(self, entries: Sequence[Any]) -> list[str]:
        """The hashes of these scans this desk does not hold (reads the store: call it off the UI thread)."""
        hashes = [sha for sha in (scan_hash(entry) for entry in entries) if sha]
        here = held(self._store, hashes)
        return [sha for sha in hashes if sha not in here]

    def fetch(self, entries: Sequence[Any]) -> Future[dict[str, ScanState]]:
        """Fetch the scans of ``entries`` this desk lacks, in the background; each scan's state after."""
        store, factory = self._store, self._factory()
        return self._worker.submit(lambda: fetch_dossier_scans(store, factory, list(entries)))

    def shutdown(self) -> None:
        self._worker.shutdown(wait=False, cancel_futures=True)
