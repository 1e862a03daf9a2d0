"""Scans on a USB stick: companion bundles of a sync bundle, each at most a bounded size.

A sync bundle ``ban-giao.mcb`` carries records; the scans its records name travel beside it in
``ban-giao.scans-1.mcb``, ``ban-giao.scans-2.mcb`` … (:mod:`sync.bundle_format` files: signed by the sender,
encrypted for the receiver). Scans are packed in order into parts of at most ``max_bytes`` of content, so
one part never needs more than that in memory to read; a scan larger than the bound travels only over the
network and is listed as left out. Items of a part: a JSON manifest (hash, size, media type of each scan),
then each scan's content. Reading checks every scan against its hash.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sync.bundle_format import SenderLookup, read_bundle, write_bundle
from sync.device_keys import DeviceIdentity, DevicePublicKeys
from sync.errors import BundleBadContent

SCAN_BUNDLE_KIND = "motcua-scans"
DEFAULT_PART_BYTES = 64 * 1024 * 1024
_NAMED = re.compile(r'"sha256":"([0-9a-f]{64})"')


@dataclass(frozen=True, slots=True)
class ScanItem:
    """One scan to carry: its hash, size and media type."""

    sha256: str
    size: int
    media_type: str


@dataclass(frozen=True)
class ScanBundlesWritten:
    paths: tuple[Path, ...]
    scans: int
    left_out: tuple[str, ...]
    """Hashes of scans larger than a part may be (they go over the network)."""


def scans_named(texts: Iterable[str]) -> list[str]:
    """The scan hashes that change events' texts name (``"sha256":"…"`` in a dossier's attachments), once."""
    seen: dict[str, None] = {}
    for text in texts:
        for found in _NAMED.findall(text):
            seen.setdefault(found, None)
    return list(seen)


def plan_parts(scans: Sequence[ScanItem], max_bytes: int) -> tuple[list[list[ScanItem]], list[ScanItem]]:
    """Scans packed in order into parts of at most ``max_bytes`` of content; the ones too big for any part."""
    if max_bytes < 1:
        raise ValueError("a scan bundle holds at least one byte")
    parts: list[list[ScanItem]] = []
    too_big: list[ScanItem] = []
    current: list[ScanItem] = []
    filled = 0
    for scan in scans:
        if scan.size > max_bytes:
            too_big.append(scan)
            continue
        if current and filled + scan.size > max_bytes:
            parts.append(current)
            current, filled = [], 0
        current.append(scan)
        filled += scan.size
    if current:
        parts.append(current)
    return parts, too_big


def part_path(path: Path, number: int) -> Path:
    """Where part ``number`` (from 1) of the scans of the sync bundle at ``path`` goes."""
    return path.with_name(f"{path.stem}.scans-{number}{path.suffix}")


def parts_beside(path: Path) -> list[Path]:
    """The scan parts that came with the sync bundle at ``path``, in order."""
    found = []
    for candidate in Path(path).parent.glob(f"{path.stem}.scans-*{path.suffix}"):
        number = candidate.name[len(path.stem) + len(".scans-") : len(candidate.name) - len(path.suffix)]
        if number.isdigit():
            found.append((int(number), candidate))
    return [candidate for _number, candidate in sorted(found)]


def write_scan_bundles(
    path: Path,
    scans: Sequence[ScanItem],
    read_scan: Callable[[str], bytes],
    *,
    sender: DeviceIdentity,
    receiver: DevicePublicKeys,
    bundle_id: str,
    created_at: str,
    max_bytes: int = DEFAULT_PART_BYTES,
) -> ScanBundlesWritten:
    """Write the scans beside the sync bundle at ``path``, split into parts of at most ``max_bytes``."""
    for stale in parts_beside(path):  # an earlier export's parts would be taken for this one's
        stale.unlink()
    parts, too_big = plan_parts(scans, max_bytes)
    written: list[Path] = []
    for number, part in enumerate(parts, start=1):
        manifest = [{"sha256": s.sha256, "size": s.size, "media_type": s.media_type} for s in part]

        def items(part: list[ScanItem] = part, manifest: list[dict[str, Any]] = manifest) -> Iterator[bytes]:
            yield json.dumps(manifest).encode("utf-8")
            for scan in part:
                yield read_scan(scan.sha256)

        target = part_path(path, number)
        write_bundle(
            target,
            items(),
            sender=sender,
            receiver=receiver,
            bundle_id=f"{bundle_id}.scans-{number}",
            created_at=created_at,
            metadata={
                "kind": SCAN_BUNDLE_KIND,
                "part": number,
                "parts": len(parts),
                "scans": len(part),
                "sync_bundle": bundle_id,
            },
        )
        written.append(target)
    return ScanBundlesWritten(
        tuple(written), sum(len(part) for part in parts), tuple(s.sha256 for s in too_big)
    )


def read_scan_bundle(
    path: Path,
    *,
    receiver: DeviceIdentity,
    known_senders: SenderLookup | Mapping[str, DevicePublicKeys],
) -> tuple[str, list[tuple[ScanItem, bytes]]]:
    """Verify one part and give its sender's replica id and its scans, each checked against its hash."""
    header, items = read_bundle(Path(path), receiver=receiver, known_senders=known_senders)
    if header.metadata.get("kind") != SCAN_BUNDLE_KIND or not items:
        raise BundleBadContent("this file does not hold scans; nothing was imported")
    try:
        manifest = json.loads(items[0])
        scans = [ScanItem(str(m["sha256"]), int(m["size"]), str(m["media_type"])) for m in manifest]
    except (ValueError, KeyError, TypeError) as exc:
        raise BundleBadContent("the list of scans in this bundle is damaged; nothing was imported") from exc
    contents = items[1:]
    if len(contents) != len(scans):
        raise BundleBadContent("this bundle holds a different number of scans than it lists")
    for scan, content in zip(scans, contents, strict=True):
        if len(content) != scan.size or hashlib.sha256(content).hexdigest() != scan.sha256:
            raise BundleBadContent("a scan in this bundle does not match its hash; nothing was imported")
    return header.sender.replica_id, list(zip(scans, contents, strict=True))
