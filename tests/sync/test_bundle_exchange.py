"""Sync by bundle file: export what the other store lacks, import verifying everything, idempotently."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sync.bundle_exchange import BUNDLE_KIND, export_bundle, import_bundle
from sync.bundle_format import write_bundle
from sync.change_events import encode_event
from sync.device_keys import DeviceIdentity
from sync.errors import (
    BundleBadContent,
    BundleError,
    BundleTampered,
    BundleTooNew,
    BundleTruncated,
    BundleUnknownSender,
    BundleWrongReceiver,
    WrongPeer,
)
from sync.protocol_version import PROTOCOL_VERSION
from sync.replica_memory import MemoryReplica
from sync.sync_checkpoints import MemoryCheckpoints
from sync.version_vectors import VersionVector
from tests.helpers.sync_replicas import NOW, fill, replica, same_state, sync

KEYS = {name: DeviceIdentity.generate(name) for name in ("desk-1", "desk-2", "desk-3")}
KNOWN = {name: identity.public() for name, identity in KEYS.items()}


def export(source: MemoryReplica, to: str, path: Path, since=None, bundle_id: str = "b-1"):
    return export_bundle(
        source,
        path,
        identity=KEYS[source.replica_id],
        receiver=KNOWN[to],
        since=since,
        bundle_id=bundle_id,
        now=NOW,
    )


def load(target: MemoryReplica, path: Path, **kwargs):
    return import_bundle(
        target, path, identity=KEYS[target.replica_id], known_senders=KNOWN, now=NOW, **kwargs
    )


@pytest.fixture
def desks() -> tuple[MemoryReplica, MemoryReplica]:
    a, b = replica("desk-1"), replica("desk-2")
    fill(a, 120, seed=1)
    fill(b, 15, prefix="s", seed=2)
    return a, b


def test_round_trip_both_ways_converges(tmp_path: Path, desks) -> None:
    a, b = desks
    written = export(a, "desk-2", tmp_path / "to-desk-2.mcb")
    assert written.events == 120 and written.since == VersionVector() and written.size > 0
    assert written.sender_vector == a.vector()
    checkpoints = MemoryCheckpoints()
    result = load(b, written.path, batch_size=50, checkpoints=checkpoints)
    assert (result.bundle_id, result.sender_replica, result.events) == ("b-1", "desk-1", 120)
    assert result.counts.new == 120 and result.counts.duplicates == 0
    assert checkpoints.load("desk-2", "desk-1") == result.checkpoint
    assert result.checkpoint.peer_after == a.vector() and result.checkpoint.pulled_batches == 3
    back = export(b, "desk-1", tmp_path / "to-desk-1.mcb", since=result.checkpoint.peer_after)
    assert back.events == 15  # only what desk-1 lacks
    load(a, back.path)
    assert same_state(a, b)


def test_importing_twice_applies_nothing_the_second_time(tmp_path: Path, desks) -> None:
    a, b = desks
    path = export(a, "desk-2", tmp_path / "b.mcb").path
    first = load(b, path)
    before = b.events()
    second = load(b, path)
    assert first.counts.new == 120
    assert second.counts.new == 0 and second.counts.duplicates == 120
    assert b.events() == before


def test_export_since_a_checkpoint_sends_only_what_is_new(tmp_path: Path, desks) -> None:
    a, b = desks
    result, _ = sync(a, b)
    fill(a, 7, prefix="n", seed=3)
    written = export(a, "desk-2", tmp_path / "b.mcb", since=result.checkpoint)
    assert written.events == 7 and written.since == result.checkpoint.peer_after
    assert load(b, written.path).counts.new == 7
    with pytest.raises(WrongPeer, match="another pair"):
        export(a, "desk-3", tmp_path / "c.mcb", since=result.checkpoint)
    with pytest.raises(TypeError):
        export(a, "desk-2", tmp_path / "d.mcb", since={"desk-1": 3})


def test_a_tampered_bundle_is_refused_and_nothing_is_applied(tmp_path: Path, desks) -> None:
    a, b = desks
    path = export(a, "desk-2", tmp_path / "b.mcb").path
    data = bytearray(path.read_bytes())
    for where in (len(data) // 2, len(data) - 70, len(data) - 1):
        damaged = bytearray(data)
        damaged[where] ^= 0x01
        path.write_bytes(bytes(damaged))
        with pytest.raises(BundleTampered):
            load(b, path)
    assert b.vector() == VersionVector({"desk-2": 15})


def test_a_truncated_bundle_is_refused_and_nothing_is_applied(tmp_path: Path, desks) -> None:
    a, b = desks
    path = export(a, "desk-2", tmp_path / "b.mcb").path
    data = path.read_bytes()
    for size in (len(data) - 1, len(data) - 64, len(data) // 2, 30):
        path.write_bytes(data[:size])
        with pytest.raises(BundleTruncated):
            load(b, path)
    assert b.vector() == VersionVector({"desk-2": 15})


def test_a_bundle_for_another_workstation_is_refused(tmp_path: Path, desks) -> None:
    a, _ = desks
    path = export(a, "desk-2", tmp_path / "b.mcb").path
    other = replica("desk-3")
    with pytest.raises(BundleWrongReceiver, match="another"):
        load(other, path)
    assert other.vector() == VersionVector()


def test_a_bundle_replayed_into_the_wrong_store_is_refused(tmp_path: Path, desks) -> None:
    a, _ = desks
    path = export(a, "desk-2", tmp_path / "b.mcb").path
    restored = replica("desk-2b")  # e.g. desk-2 restored from a backup under a new replica id
    with pytest.raises(BundleWrongReceiver, match="another store"):
        import_bundle(restored, path, identity=KEYS["desk-2"], known_senders=KNOWN, now=NOW)
    with pytest.raises(BundleWrongReceiver, match="itself"):
        own = _signed_by_desk_1_for("desk-1", tmp_path)
        import_bundle(replica("desk-1"), own, identity=KEYS["desk-1"], known_senders=KNOWN, now=NOW)
    assert restored.vector() == VersionVector()


def _signed_by_desk_1_for(receiver: str, tmp_path: Path) -> Path:
    """A bundle desk-1 signed for ``receiver`` with desk-1 as sender (what a confused copy could produce)."""
    target = tmp_path / "rewrapped.mcb"
    write_bundle(
        target,
        [],
        sender=KEYS["desk-1"],
        receiver=KNOWN[receiver],
        bundle_id="b-x",
        created_at="2026-01-01T00:00:00+07:00",
        metadata={
            "kind": BUNDLE_KIND,
            "protocol": PROTOCOL_VERSION,
            "sender_replica": "desk-1",
            "receiver_replica": receiver,
            "since": {},
            "sender_vector": {},
            "events": 0,
        },
    )
    return target


def test_a_bundle_from_an_unknown_device_is_refused(tmp_path: Path, desks) -> None:
    a, b = desks
    path = export(a, "desk-2", tmp_path / "b.mcb").path
    with pytest.raises(BundleUnknownSender):
        import_bundle(b, path, identity=KEYS["desk-2"], known_senders={}, now=NOW)


def test_device_keys_of_another_store_are_refused(tmp_path: Path, desks) -> None:
    a, b = desks
    with pytest.raises(BundleError, match="another store"):
        export_bundle(
            a,
            tmp_path / "x.mcb",
            identity=KEYS["desk-3"],
            receiver=KNOWN["desk-2"],
            since=None,
            bundle_id="x",
            now=NOW,
        )
    with pytest.raises(WrongPeer, match="itself"):
        export(a, "desk-1", tmp_path / "y.mcb")
    path = export(a, "desk-2", tmp_path / "b.mcb").path
    with pytest.raises(BundleWrongReceiver, match="another store"):
        import_bundle(b, path, identity=KEYS["desk-3"], known_senders=KNOWN, now=NOW)
    assert not list(tmp_path.glob("x.mcb")) and not list(tmp_path.glob("y.mcb"))


def raw_bundle(tmp_path: Path, items: list[bytes], **metadata) -> Path:
    meta = {
        "kind": BUNDLE_KIND,
        "protocol": PROTOCOL_VERSION,
        "sender_replica": "desk-1",
        "receiver_replica": "desk-2",
        "since": {},
        "sender_vector": {},
        "events": len(items),
    }
    meta.update(metadata)
    path = tmp_path / f"raw-{len(os.listdir(tmp_path))}.mcb"
    write_bundle(
        path,
        items,
        sender=KEYS["desk-1"],
        receiver=KNOWN["desk-2"],
        bundle_id="raw",
        created_at="2026-01-01T00:00:00+07:00",
        metadata=meta,
    )
    return path


def test_bundles_with_bad_content_are_refused_before_anything_is_applied(tmp_path: Path, desks) -> None:
    a, b = desks
    good = [encode_event(event).encode() for event in a.events()[:3]]
    cases = [
        (raw_bundle(tmp_path, good, kind="backup"), BundleBadContent, "sync events"),
        (raw_bundle(tmp_path, good, protocol="1"), BundleBadContent, "protocol"),
        (raw_bundle(tmp_path, good, protocol=PROTOCOL_VERSION + 1), BundleTooNew, "newer"),
        (raw_bundle(tmp_path, good, receiver_replica="desk-3"), BundleWrongReceiver, "another store"),
        (raw_bundle(tmp_path, good, sender_replica="desk-3"), BundleBadContent, "sender"),
        (raw_bundle(tmp_path, good, events=5), BundleBadContent, "number of events"),
        (raw_bundle(tmp_path, [*good, b"{not json"]), BundleBadContent, "malformed"),
        (raw_bundle(tmp_path, good, since={"desk-1": -2}), BundleBadContent, "malformed"),
    ]
    for path, error, words in cases:
        with pytest.raises(error, match=words):
            load(b, path)
    assert b.vector() == VersionVector({"desk-2": 15})
    assert load(b, raw_bundle(tmp_path, good)).counts.new == 3


def test_an_empty_export_still_makes_a_valid_bundle(tmp_path: Path, desks) -> None:
    a, b = desks
    sync(a, b)
    written = export(a, "desk-2", tmp_path / "b.mcb", since=b.vector())
    assert written.events == 0
    result = load(b, written.path)
    assert result.events == 0 and result.counts.new == 0 and result.checkpoint.pulled_batches == 0


def test_a_bad_batch_size_is_refused_on_import(tmp_path: Path, desks) -> None:
    a, b = desks
    path = export(a, "desk-2", tmp_path / "b.mcb").path
    with pytest.raises(ValueError):
        load(b, path, batch_size=0)
