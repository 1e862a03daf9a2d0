"""Two desks of one commune exchanging dossiers over an emulated 100 Mbit/s LAN (issue 16).

Two real desks (SQLCipher stores, the desk's dossier replica, each desk's own certificate, mutual TLS 1.3)
paired through the product's pairing; desk A receives half the dossiers, desk B the other half; then A syncs
with B (records both ways, one session) through the flaky-link proxy at 100 Mbit/s with 0.25 ms one-way
delay. Printed: the time of the exchange, the bytes on the wire against the compressed payload, and the time
the link alone would take; the same exchange without the proxy for comparison; a round with nothing new.

    .venv/bin/python bench/bench_lan_desks.py [dossiers]    (default 1000)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dossiers.code_allocation import SequenceSpace  # noqa: E402
from sync.attachments import AttachmentStore  # noqa: E402
from sync.event_signatures import signature_valid  # noqa: E402
from sync.event_texts import decode_canonical  # noqa: E402
from sync.sync_messages import batch_frames  # noqa: E402
from tests.helpers.applicant_drafts import NAMES  # noqa: E402
from tests.helpers.dossier_desks import OFFICE, Clock, draft, open_desk  # noqa: E402
from tests.helpers.flaky_link import FlakyLink  # noqa: E402
from workstation.lan_desks import DeskLan  # noqa: E402
from workstation.lan_peers import LanSettings, save_settings  # noqa: E402
from workstation.sequence_blocks import write_sequence_space  # noqa: E402
from workstation.sync_keys import device_identity  # noqa: E402

BANDWIDTH = 100e6 / 8  # bytes per second
DELAY = 0.00025  # one way
SCAN_EVERY = 10
SCAN_BYTES = 200_000


def make_desk(folder: Path, name: str, clock: Clock) -> tuple[Any, DeskLan]:
    desk = open_desk(folder / name, clock)
    space = SequenceSpace(OFFICE.agency_identifier, name, 1, 9999)
    desk.sequence_space = space
    desk.store.write(lambda conn: write_sequence_space(conn, space)).result()
    save_settings(desk.store, LanSettings(enabled=True, port=0, host="127.0.0.1", name=name))
    lan = DeskLan(
        desk.replica,
        commune="00004",
        now=clock,
        on_block_changed=lambda block: setattr(desk, "sequence_space", block),
    )
    lan.start()
    return desk, lan


def noise(seed: int) -> str:
    """A note that does not compress away (a real dossier's ~1.8 KB does not compress 100-fold)."""
    return "".join(hashlib.sha256(f"{seed}.{i}".encode()).hexdigest() for i in range(8))


def fill(desk: Any, count: int, offset: int, scans: Path | None) -> None:
    for n in range(count):
        attachments: tuple[dict[str, Any], ...] = ()
        if scans is not None and n % SCAN_EVERY == 0:
            path = scans / f"scan-{offset + n}.pdf"
            path.write_bytes(b"%PDF-1.4 " + os.urandom(SCAN_BYTES))

            def add(conn: Any, path: Path = path) -> Any:
                return AttachmentStore(conn, desk.store.paths.attachments, now=desk.store.now).add_path(path)

            info = desk.store.write(add).result()
            attachments = (
                {"sha256": info.sha256, "name": path.name, "media_type": info.media_type, "size": info.size},
            )
        made = draft(NAMES[(n + offset) % len(NAMES)], phone=f"09{n + offset:08d}")
        desk.receive(replace(made, notes=(noise(n + offset),), attachments=attachments))


def origin_check_seconds(desk_a: Any, desk_b: Any) -> float:
    """What the receiving desks spend verifying the signatures of the events they get (issue 14), measured
    apart: the exchange's own time on a loaded machine varies more than this costs."""
    spent = 0.0
    for sender, receiver in ((desk_a, desk_b), (desk_b, desk_a)):
        items = [decode_canonical(t) for t in sender.replica.missing_encoded(receiver.replica.vector())]
        key = device_identity(sender.store).public().verifier()
        start = time.perf_counter()
        assert all(signature_valid(i.event, key, text=i.text) for i in items)
        spent += time.perf_counter() - start
    return spent


def exchange(a: tuple[Any, DeskLan], b: tuple[Any, DeskLan], count: int, *, link: bool) -> None:
    """A syncs with B (records both ways, then the scans A lacks), then B with A (the scans B lacks)."""
    (desk_a, lan_a), (desk_b, lan_b) = a, b
    payload = sum(len(f) for f in batch_frames(desk_a.replica.missing_encoded(desk_b.replica.vector()), 500))
    payload += sum(len(f) for f in batch_frames(desk_b.replica.missing_encoded(desk_a.replica.vector()), 500))
    checks = origin_check_seconds(desk_a, desk_b)
    elapsed, wire, outcomes = 0.0, 0, []
    for lan, other in ((lan_a, lan_b), (lan_b, lan_a)):
        [peer] = lan.peers()
        if link:
            with FlakyLink(other.listening.address, delay=DELAY, bandwidth=BANDWIDTH) as proxy:
                start = time.perf_counter()
                outcome = lan.sync_peer(replace(peer, host="127.0.0.1", port=proxy.port))
                elapsed += time.perf_counter() - start
                wire += proxy.stats.bytes_up + proxy.stats.bytes_down
        else:
            start = time.perf_counter()
            outcome = lan.sync_peer(peer)
            elapsed += time.perf_counter() - start
        assert outcome.error is None, outcome.error
        outcomes.append(outcome)
    assert desk_a.replica.vector() == desk_b.replica.vector()
    assert not lan_a.missing_scans() and not lan_b.missing_scans()
    first = outcomes[0].result
    scans = sum(o.scans for o in outcomes)
    where = "100 Mbit/s emulated, 0.25 ms one-way" if link else "loopback, no proxy"
    print(
        f"   {where}: {elapsed:.2f} s for {count} dossiers and {scans} scans "
        f"({first.pushed_events} events pushed, {first.pulled_events} pulled, "
        f"{first.round_trips} round trips)"
    )
    print(f"      of which checking each event's origin signature (both ways): {checks:.3f} s")
    if link:
        payload += scans * (SCAN_BYTES + 9)
        print(
            f"      payload (compressed batches + scans) {payload:,} B; on the wire {wire:,} B "
            f"({wire / payload:.2f} x); the link alone needs {payload / BANDWIDTH:.3f} s"
        )


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    clock = Clock(dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC))
    with tempfile.TemporaryDirectory() as folder:
        print(f"Two desks of one commune exchange {count} dossiers over the LAN (mutual TLS 1.3)")
        for link, with_scans in ((True, False), (False, False), (True, True)):
            root = Path(folder) / f"{link}-{with_scans}"
            scans = root / "scans" if with_scans else None
            if scans is not None:
                scans.mkdir(parents=True)
                print(f"   with a {SCAN_BYTES // 1000} KB scan on every {SCAN_EVERY}th dossier:")
            a, b = make_desk(root, "a", clock), make_desk(root, "b", clock)
            offer = a[1].offer_pairing()
            b[1].join(offer.address, offer.code.text)
            start = time.perf_counter()
            fill(a[0], count // 2, 0, scans)
            fill(b[0], count - count // 2, count, scans)
            made = time.perf_counter() - start
            if link and not with_scans:
                print(f"   (receiving {count} dossiers on the two desks took {made:.1f} s)")
            exchange(a, b, count, link=link)
            if link and not with_scans:
                start = time.perf_counter()
                again = a[1].sync_all()
                print(
                    f"   a second round with nothing new: {time.perf_counter() - start:.3f} s, "
                    f"{again.outcomes[0].result.pushed_events} events"
                )
            for desk, lan in (a, b):
                lan.stop()
                desk.store.close()


if __name__ == "__main__":
    main()
