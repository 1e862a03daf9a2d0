"""Sync over a poor link and a commune's restore, with the real parts: desks are SQLCipher stores
(``sync.store.Store`` + ``ReplicaStore``), the server is its own process (``python -m server``, uvicorn on
127.0.0.1, SQLite), the session is ``run_session`` over the real ``HttpTransport``.

1. **Poor links** (``tests/helpers/flaky_link.py``, a user-space TCP proxy: the kernel has no netem): desk A
   pushes N new dossiers, then desk B of the same commune pulls them, on 256 kbit/s + 300 ms RTT and
   64 kbit/s + 600 ms RTT. Each is reported as a ratio to the *gzip-6 link limit*: the events' canonical
   texts as one JSON array, gzip level 6, divided by the bandwidth (what one plain compressed download of
   the same data would take, latency aside).
2. **Restore**: the server holds a commune of R dossiers (stored straight into its database before it
   starts); a fresh desk pulls them all from 127.0.0.1: events/s, time to the pull reply's first byte, the
   server's resident memory at start and its peak (``VmHWM``) afterwards.

    .venv/bin/python bench/bench_sync.py [dossiers_over_the_link] [dossiers_restored] [first-link]

(defaults 1000 and 100000, both links; 0 skips a part; ``bench_sync.py 10 200 first-link`` is the smoke run
of ``tests/sync/test_bench_sync_smoke.py``).
"""

from __future__ import annotations

import gzip
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dossiers.dossier_record import DOSSIER_RECORD, SCOPE_FIELD  # noqa: E402
from server.communes import load_communes  # noqa: E402
from server.storage.sqlite_storage import SqliteStorage  # noqa: E402
from server.sync_replica import ServerReplica  # noqa: E402
from sync.change_events import ChangeEvent, encode_event  # noqa: E402
from sync.event_texts import EncodedEvent, join_event_texts  # noqa: E402
from sync.http_transport import HttpTransport  # noqa: E402
from sync.replica_store import ReplicaStore  # noqa: E402
from sync.store import Store  # noqa: E402
from sync.sync_session import run_session  # noqa: E402
from sync.version_vectors import EventId, VersionVector  # noqa: E402
from tests.helpers.flaky_link import FlakyLink  # noqa: E402
from tests.helpers.live_desks import KEY, T0, dossier_fields, ticking  # noqa: E402
from tests.helpers.server_processes import free_port, peak_memory, start_server, stop_server  # noqa: E402
from tests.helpers.server_replicas import enrol_replica  # noqa: E402

COMMUNE = "00004"
LINKS = ((256_000, 0.300), (64_000, 0.600))
"""(bits per second, round-trip time in seconds)."""


@dataclass
class Server:
    url: str
    process: Any
    secrets: dict[str, str]
    base_rss: int


def resident(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def dossier_events(origin: str, count: int) -> Iterator[EncodedEvent]:
    """One new dossier per event, as a desk writes it (fields of ``tests.helpers.live_desks``)."""
    for number in range(1, count + 1):
        event = ChangeEvent(
            id=EventId(origin, number),
            record_type="dossier",
            record_id=f"{COMMUNE}-{origin}-{number:06d}",
            fields=dossier_fields(COMMUNE, number),
            context=VersionVector(),
            device_time=T0,
            author="clerk-1",
            side="desk",
        )
        yield EncodedEvent(event, encode_event(event))


def start(root: Path, desks: Iterable[str], *, held: int = 0) -> Server:
    """A server on a fresh SQLite database with ``desks`` enrolled; the first one's ``held`` dossiers are
    stored straight into the database before the server starts."""
    database = root / "server.db"
    storage = SqliteStorage(database)
    storage.migrate()
    load_communes(storage, "01")
    secrets = {name: enrol_replica(storage, COMMUNE, name) for name in desks}
    if held:
        replica = ServerReplica(storage, COMMUNE, (DOSSIER_RECORD,), scope_field=SCOPE_FIELD, now=ticking())
        batch: list[EncodedEvent] = []
        for item in dossier_events(next(iter(secrets)), held):
            batch.append(item)
            if len(batch) == 2000:
                replica.receive_encoded(batch)
                batch = []
        if batch:
            replica.receive_encoded(batch)
    storage.close()
    port = free_port()
    config = root / "server.toml"
    config.write_text(
        f'[server]\nport = {port}\ndatabase = "sqlite:///{database}"\n'
        "[limits]\ndevice_burst = 100000\ndevice_requests_per_minute = 1000000\n",
        encoding="utf-8",
    )
    process = start_server(config, port, wait=120)
    time.sleep(0.5)
    return Server(f"http://127.0.0.1:{port}", process, secrets, resident(process.pid))


class Desk:
    def __init__(self, root: Path, name: str, secret: str) -> None:
        self.name = name
        self.secret = secret
        self.store = Store.open(root / name, KEY, now=ticking(), new_id=lambda: name, create=True)
        self.replica = ReplicaStore(
            self.store, "desk", (DOSSIER_RECORD,), now=ticking(), scope_field=SCOPE_FIELD
        )

    def sync(self, url: str, on_first_byte: Any = None) -> Any:
        transport = HttpTransport(url, self.secret, timeout=(10.0, 600.0))
        try:
            return run_session(self.replica, _Timed(transport, on_first_byte), now=ticking())
        finally:
            transport.close()

    def close(self) -> None:
        self.store.close()


class _Timed:
    """A transport that notes when the pull reply's first bytes arrive."""

    def __init__(self, inner: HttpTransport, on_first_byte: Any) -> None:
        self._inner = inner
        self._on_first = on_first_byte

    @property
    def round_trips(self) -> int:
        return self._inner.round_trips

    def call(self, route: str, body: Iterable[bytes]) -> Iterator[bytes]:
        reply = self._inner.call(route, body)
        if route != "pull" or self._on_first is None:
            return iter(reply)
        return self._first(reply)

    def _first(self, reply: Iterable[bytes]) -> Iterator[bytes]:
        first = True
        for chunk in reply:
            if first and chunk:
                self._on_first()
                first = False
            yield chunk


def gzip6_bytes(texts: list[str]) -> int:
    return len(gzip.compress(join_event_texts(texts).encode("utf-8"), compresslevel=6))


def over_links(count: int, links: tuple[tuple[int, float], ...] = LINKS) -> list[str]:
    rows = []
    texts = [item.text for item in dossier_events("desk-a", count)]
    limit_bytes = gzip6_bytes(texts)
    print(f"1. {count} dossiers pushed by desk A then pulled by desk B of the same commune")
    print(f"   gzip-6 of the events' texts: {limit_bytes:,} B ({limit_bytes / count:.0f} B/dossier)")
    for bits, rtt in links:
        with tempfile.TemporaryDirectory(prefix="motcua-bench-sync-") as folder:
            root = Path(folder)
            server = start(root, ("desk-a", "desk-b"))
            a = Desk(root, "desk-a", server.secrets["desk-a"])
            b = Desk(root, "desk-b", server.secrets["desk-b"])
            try:
                for number in range(1, count + 1):
                    a.replica.write(
                        "dossier",
                        f"{COMMUNE}-desk-a-{number:06d}",
                        dossier_fields(COMMUNE, number),
                        "clerk-1",
                    )
                target = ("127.0.0.1", int(server.url.rsplit(":", 1)[1]))
                bandwidth = bits / 8
                limit = limit_bytes / bandwidth
                with FlakyLink(target, delay=rtt / 2, bandwidth=bandwidth) as link:
                    began = time.perf_counter()
                    pushed = a.sync(link.url)
                    push_time = time.perf_counter() - began
                    up = link.stats.bytes_up
                    began = time.perf_counter()
                    pulled = b.sync(link.url)
                    pull_time = time.perf_counter() - began
                    down = link.stats.bytes_down
                assert pushed.pushed_events == count and pulled.pulled_events == count
                assert b.replica.vector() == a.replica.vector()
            finally:
                a.close()
                b.close()
                stop_server(server.process)
        label = f"{bits // 1000} kbit/s + {rtt * 1000:.0f} ms RTT"
        print(f"   {label}: link limit {limit:.2f} s")
        print(f"     push {push_time:6.2f} s -> {push_time / limit:.2f} x   ({up:,} B up)")
        print(f"     pull {pull_time:6.2f} s -> {pull_time / limit:.2f} x   ({down:,} B down, all requests)")
        rows.append(
            f"| {label} | {limit:.2f} s | {push_time:.2f} s ({push_time / limit:.2f}×) "
            f"| {pull_time:.2f} s ({pull_time / limit:.2f}×) |"
        )
    return rows


def restore(count: int) -> str:
    print(f"\n2. a fresh desk restores a commune of {count:,} dossiers from the server on 127.0.0.1")
    with tempfile.TemporaryDirectory(prefix="motcua-bench-restore-") as folder:
        root = Path(folder)
        began = time.perf_counter()
        server = start(root, ("desk-src", "desk-new"), held=count)
        print(f"   server filled and started in {time.perf_counter() - began:.1f} s")
        desk = Desk(root, "desk-new", server.secrets["desk-new"])
        first: list[float] = []
        try:
            began = time.perf_counter()
            result = desk.sync(server.url, on_first_byte=lambda: first.append(time.perf_counter()))
            elapsed = time.perf_counter() - began
            peak = peak_memory(server.process)
            assert result.pulled_events == count, result
            assert desk.replica.vector() == VersionVector({"desk-src": count})
        finally:
            desk.close()
            stop_server(server.process)
    rate = count / elapsed
    first_byte = first[0] - began if first else float("nan")
    mb = 1024 * 1024
    print(f"   {elapsed:.1f} s: {rate:,.0f} events/s; first byte of the pull after {first_byte:.2f} s")
    print(f"   server RSS at start {server.base_rss / mb:.0f} MB, peak {peak / mb:.0f} MB")
    return (
        f"| {count:,} | {elapsed:.1f} s | {rate:,.0f} | {first_byte:.2f} s "
        f"| {server.base_rss / mb:.0f} MB | {peak / mb:.0f} MB |"
    )


def main() -> None:
    over = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    restored = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    links = LINKS[:1] if len(sys.argv) > 3 and sys.argv[3] == "first-link" else LINKS
    rows = over_links(over, links) if over else []
    row = restore(restored) if restored else ""
    print("\nmarkdown rows:")
    for line in [*rows, row]:
        print(line)


if __name__ == "__main__":
    main()
