"""A desk's scans on a USB stick: the scans an export's records name go beside its bundle (in bounded parts,
:mod:`sync.scan_bundles`), and the parts beside an imported bundle are added to the store. Blocking (disk):
the desk runs these on its sync worker thread, IT's commands in their process."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from pathlib import Path

from sync.attachments import AttachmentStore
from sync.bundle_format import SenderLookup
from sync.connection import Connection
from sync.device_keys import DeviceIdentity, DevicePublicKeys
from sync.scan_bundles import (
    DEFAULT_PART_BYTES,
    ScanBundlesWritten,
    ScanItem,
    parts_beside,
    read_scan_bundle,
    scans_named,
    write_scan_bundles,
)
from sync.store import Store
from workstation.scan_fetching import wanted_scans


def _attachments(store: Store, conn: Connection) -> AttachmentStore:
    return AttachmentStore(conn, store.paths.attachments, now=store.now)


def export_scans(
    store: Store,
    path: Path,
    event_texts: Iterable[str],
    *,
    sender: DeviceIdentity,
    receiver: DevicePublicKeys,
    bundle_id: str,
    now: Callable[[], datetime],
    max_bytes: int = DEFAULT_PART_BYTES,
) -> ScanBundlesWritten:
    """Write the scans this desk holds that the exported events name, beside the bundle at ``path``."""
    named = scans_named(event_texts)
    with store.reader() as conn:
        attachments = _attachments(store, conn)
        items = [
            ScanItem(info.sha256, info.size, info.media_type)
            for info in (attachments.info(sha) for sha in named if attachments.has(sha))
        ]

    def read_scan(sha256: str) -> bytes:
        with store.reader() as conn:
            return _attachments(store, conn).read_bytes(sha256)

    return write_scan_bundles(
        path,
        items,
        read_scan,
        sender=sender,
        receiver=receiver,
        bundle_id=bundle_id,
        created_at=now().isoformat(),
        max_bytes=max_bytes,
    )


def import_scans(
    store: Store,
    path: Path,
    *,
    receiver: DeviceIdentity,
    known_senders: SenderLookup | Mapping[str, DevicePublicKeys],
) -> int:
    """Add the scans of every part beside the bundle at ``path`` (each part verified whole first); returns
    how many scans were new here."""
    added = 0
    parts = parts_beside(Path(path))
    media = {sha: media_type for sha, media_type, _size in wanted_scans(store)} if parts else {}
    for part in parts:
        _sender, scans = read_scan_bundle(part, receiver=receiver, known_senders=known_senders)

        def add(conn: Connection, scans: list[tuple[ScanItem, bytes]] = scans) -> int:
            attachments = _attachments(store, conn)
            new = 0
            for scan, content in scans:
                if not attachments.has(scan.sha256):
                    media_type = media.get(scan.sha256, scan.media_type)  # as the dossier names it
                    attachments.add_stream(io.BytesIO(content), media_type)
                    new += 1
            return new

        added += int(store.write(add).result())
    return added
