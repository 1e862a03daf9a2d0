"""Sync sessions: round trips vs number of events, batch bytes on the wire, a sync over a poor emulated link.

Prints three figures (machines differ; the ratios are what we track):

1. round trips of a session pushing and pulling 10 events vs 10,000 events (must be equal);
2. bytes per event in compressed batches (500 events each, with frame headers and checksums) vs the whole
   event list compressed as one zstd frame, and vs the raw canonical JSON;
3. a LAN session (real HTTPS on 127.0.0.1, mutual TLS 1.3) through the flaky-link proxy at 256 kbit/s with
   200 ms one-way delay, vs what the link allows: payload bytes / bandwidth (and that plus one RTT per round
   trip).

    .venv/bin/python bench/bench_sync_lan.py [events_over_the_link]
"""

from __future__ import annotations

import itertools
import random
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import zstandard

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sync.change_events import ChangeEvent, encode_event  # noqa: E402
from sync.event_texts import join_event_texts  # noqa: E402
from sync.field_policies import RecordType, add_only_set, log, register  # noqa: E402
from sync.lan_peer import LanPeerTransport  # noqa: E402
from sync.replica_memory import MemoryReplica  # noqa: E402
from sync.sync_messages import COMPRESSION_LEVEL, batch_frames  # noqa: E402
from sync.sync_session import InProcessTransport, SessionResponder, run_session  # noqa: E402
from sync.version_vectors import EventId, VersionVector  # noqa: E402
from tests.helpers.flaky_link import FlakyLink  # noqa: E402
from tests.helpers.lan_certificates import caller, lan_server  # noqa: E402

T0 = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)
DOSSIER = RecordType(
    "dossier",
    [
        register("code"),
        register("procedure"),
        register("holder"),
        register("phone"),
        register("appointment"),
        add_only_set("documents"),
        log("notes"),
    ],
)
SYLLABLES = (
    "an binh chau dung giang ha hoa khanh lan linh mai minh nam ngoc phuc quang son thanh trang tuan van"
).split()
PROCEDURES = [f"1.{n:06d}" for n in range(40)]


def clock() -> Callable[[], datetime]:
    ticks = itertools.count()
    return lambda: T0 + timedelta(seconds=next(ticks))


def events(origin: str, count: int, seed: int) -> list[ChangeEvent]:
    """Synthetic dossier events (generated words and numbers, no real person), one new record each."""
    rng = random.Random(seed)
    made = []
    for i in range(count):
        holder = " ".join(rng.choice(SYLLABLES).title() for _ in range(3))
        fields = {
            "code": f"000.00.{rng.randrange(100):02d}.H{rng.randrange(64):02d}-260302-{i:04d}",
            "procedure": rng.choice(PROCEDURES),
            "holder": holder,
            "phone": f"09{rng.randrange(10**8):08d}",
            "appointment": (T0 + timedelta(days=rng.randrange(1, 20))).date().isoformat(),
            "documents": sorted(rng.sample(["don", "cccd", "giay_khai_sinh", "so_ho_khau", "anh"], 3)),
            "notes": [f"tiep nhan {rng.randrange(10**5)}"],
        }
        made.append(
            ChangeEvent(
                id=EventId(origin, i + 1),
                record_type="dossier",
                record_id=f"{origin}-{i}",
                fields=fields,
                context=VersionVector(),
                device_time=T0 + timedelta(seconds=i),
                author=f"clerk-{rng.randrange(4)}",
                side="desk",
            )
        )
    return made


def replica(name: str, held: list[ChangeEvent]) -> MemoryReplica:
    made = MemoryReplica(name, "desk", [DOSSIER], clock())
    made.receive(held)
    return made


def round_trips() -> None:
    print("1. round trips per session (push and pull, batches of 500)")
    trips = {}
    for count in (10, 10_000):
        a = replica("desk-1", events("desk-8", count, 1))
        b = replica("desk-2", events("desk-9", count, 2))
        transport = InProcessTransport(SessionResponder(b))
        result = run_session(a, transport, now=clock(), batch_size=500)
        assert a.vector() == b.vector()
        trips[count] = transport.round_trips
        print(
            f"   {count:>6} events each way: {transport.round_trips} round trips, "
            f"{result.pushed_batches} + {result.pulled_batches} batches"
        )
    print(f"   ratio 10,000 / 10 events: {trips[10_000] / trips[10]:.2f} (must be 1.00)")
    assert trips[10] == trips[10_000]


def batch_sizes() -> None:
    count = 10_000
    held = [encode_event(event) for event in events("desk-1", count, 3)]
    raw = join_event_texts(held).encode("utf-8")
    whole = zstandard.ZstdCompressor(level=COMPRESSION_LEVEL).compress(raw)
    print(f"\n2. bytes per event ({count} synthetic dossier events, zstd level {COMPRESSION_LEVEL})")
    print(f"   raw canonical JSON:            {len(raw) / count:7.1f} B/event")
    print(f"   one zstd frame of everything:  {len(whole) / count:7.1f} B/event")
    for size in (100, 500, 2000):
        framed = sum(len(frame) for frame in batch_frames(held, size))
        print(
            f"   batches of {size:>4} (framed):      {framed / count:7.1f} B/event, "
            f"{framed / len(whole):.2f} x the single frame, {framed / len(raw):.3f} x raw"
        )


def poor_link(count: int) -> None:
    bandwidth = 256_000 / 8  # bytes per second
    delay = 0.2  # one way
    a = replica("desk-1", events("desk-1x", count, 4))
    b = replica("desk-2", [])
    payload = sum(len(frame) for frame in batch_frames(a.missing_encoded(VersionVector()), 500))
    print(
        f"\n3. {count} events pushed over an emulated link: 256 kbit/s, {delay * 1000:.0f} ms one-way delay"
    )
    with lan_server(b, "desk-2", ["desk-1"]) as server:
        with FlakyLink(server.address, delay=delay, bandwidth=bandwidth) as link:
            with LanPeerTransport(("127.0.0.1", link.port), **caller("desk-1", "desk-2")) as transport:
                start = time.perf_counter()
                run_session(a, transport, now=clock(), batch_size=500)
                elapsed = time.perf_counter() - start
            wire = link.stats.bytes_up + link.stats.bytes_down
            trips = transport.round_trips
    assert a.vector() == b.vector()
    limit = payload / bandwidth
    with_latency = limit + (trips + 3) * 2 * delay  # + the TCP and TLS 1.3 handshakes and the channel check
    print(f"   payload (compressed batches):  {payload:,} B ({payload / count:.1f} B/event)")
    print(f"   bytes on the wire (both ways): {wire:,} B ({wire / payload:.3f} x payload)")
    print(f"   round trips: {trips}; elapsed {elapsed:.2f} s")
    print(f"   link limit payload/bandwidth:  {limit:.2f} s  -> ratio {elapsed / limit:.2f}")
    print(
        f"   limit + one RTT per round trip and the handshakes: {with_latency:.2f} s "
        f"-> ratio {elapsed / with_latency:.2f}"
    )


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    round_trips()
    batch_sizes()
    poor_link(count)


if __name__ == "__main__":
    main()
