"""Scans over a poor link: upload (resumable chunks) and download of one scan between a desk's encrypted store
and the real server (uvicorn on 127.0.0.1, SQLite), through the flaky-link proxy, as ratios to the link limit
(scan bytes / bandwidth); and how long finding the scans a desk lacks takes on a store of many dossiers.

    .venv/bin/python bench/bench_scans.py [scan_kib] [dossiers]
"""

from __future__ import annotations

import hashlib
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from server.communes import load_communes  # noqa: E402
from server.storage.sqlite_storage import SqliteStorage  # noqa: E402
from sync.attachments import AttachmentStore  # noqa: E402
from sync.connection import Connection  # noqa: E402
from sync.scan_transfer import fetch_scans, upload_scans  # noqa: E402
from tests.helpers.flaky_link import FlakyLink  # noqa: E402
from tests.helpers.live_desks import Desk  # noqa: E402
from tests.helpers.server_accounts import enrol  # noqa: E402
from tests.server.conftest import Clock, Ids, LiveServer, make_config  # noqa: E402
from workstation.scan_fetching import wanted_scans  # noqa: E402

LINKS = ((256_000, 0.300), (64_000, 0.600))  # bits/s, round-trip time
COMMUNE = "00070"


def add_scan(desk: Desk, content: bytes) -> str:
    store = desk.store

    def add(conn: Connection) -> str:
        return (
            AttachmentStore(conn, store.paths.attachments, now=store.now)
            .add_stream(io.BytesIO(content))
            .sha256
        )

    return str(store.write(add).result())


def main() -> None:
    scan_bytes = int(sys.argv[1]) * 1024 if len(sys.argv) > 1 else 256 * 1024
    dossiers = int(sys.argv[2]) if len(sys.argv) > 2 else 20_000
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        storage = SqliteStorage(root / "server.db")
        storage.migrate()
        load_communes(storage, "01")
        clock, ids = Clock(), Ids()
        live = LiveServer(
            make_config(device_burst=100_000, device_requests_per_minute=1e6), storage, clock, ids
        )
        host, port = live.url.removeprefix("http://").split(":")
        try:
            for bits, rtt in LINKS:
                name = f"b{bits}"
                sender = Desk(
                    root, f"{name}-a", COMMUNE, enrol(live, storage, COMMUNE, clock, ids, f"{name}-a")
                )
                other = Desk(
                    root, f"{name}-b", COMMUNE, enrol(live, storage, COMMUNE, clock, ids, f"{name}-b")
                )
                content = os.urandom(scan_bytes)  # a scan is already compressed: random bytes are fair
                sha = add_scan(sender, content)
                sender.new_dossier(1, (sha,))
                sender.sync(live.url)
                limit = scan_bytes / (bits / 8)
                with FlakyLink((host, int(port)), delay=rtt / 2, bandwidth=bits / 8) as link:
                    with sender.transport(link.url) as transport:
                        started = time.perf_counter()
                        upload_scans(transport, sender.store, chunk_bytes=256 * 1024)
                        up = time.perf_counter() - started
                    with other.transport(link.url) as transport:
                        started = time.perf_counter()
                        fetch_scans(transport, other.store, [(sha, "application/pdf", scan_bytes)])
                        down = time.perf_counter() - started
                assert hashlib.sha256(storage_bytes(storage, sha)).hexdigest() == sha
                print(
                    f"{bits // 1000} kbit/s, {rtt * 1000:.0f} ms RTT, {scan_bytes // 1024} KiB scan: "
                    f"upload {up:.1f} s ({up / limit:.2f}x the link limit {limit:.1f} s), "
                    f"download {down:.1f} s ({down / limit:.2f}x)"
                )
                sender.close()
                other.close()
            desk = Desk(root, "many", COMMUNE, enrol(live, storage, COMMUNE, clock, ids, "many"))
            for number in range(1, dossiers + 1):
                named = (hashlib.sha256(f"scan {number}".encode()).hexdigest(),) if number % 20 == 0 else ()
                desk.new_dossier(number, named)
            started = time.perf_counter()
            lacking = wanted_scans(desk.store)
            took = time.perf_counter() - started
            print(f"finding the {len(lacking)} scans lacking among {dossiers} dossiers: {took * 1000:.0f} ms")
            desk.close()
        finally:
            live.stop()
            storage.close()


def storage_bytes(storage: SqliteStorage, sha: str) -> bytes:
    with storage.transaction() as tx:
        rows = tx.query("SELECT data FROM attachment_chunks WHERE sha256 = ? ORDER BY start_offset", (sha,))
    return b"".join(bytes(row[0]) for row in rows)


if __name__ == "__main__":
    main()
