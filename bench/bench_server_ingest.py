"""Server ingest of a province's backlog: many communes' desks reconnecting at once, each pushing its events.

The server runs as its own process (``python -m server --config …``, one uvicorn process) on SQLite and on a
throwaway PostgreSQL cluster (``tests/helpers/postgres_cluster.py``); desks are threads of this process, each
a ``MemoryReplica`` holding ``events`` dossier events (~1.3 KB JSON each) of its own commune, syncing through
the real ``HttpTransport`` and ``run_session`` (hello, push in batches of 500, pull). Prints, per backend:

- one desk alone: events/s of its push;
- all desks at once: events/s overall, the ratio to the single desk, p50/p95 of the push request's latency,
  the wall time to drain, and the number of failed sessions (goal: zero).

    .venv/bin/python bench/bench_server_ingest.py [communes=50] [events=2000] [sqlite|postgresql|both]
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import psycopg
import requests

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dossiers.dossier_record import DOSSIER_RECORD, SCOPE_FIELD, transition_value  # noqa: E402
from dossiers.lifecycle import Actor, Status  # noqa: E402
from server.communes import load_communes, official_communes  # noqa: E402
from server.config import load_config  # noqa: E402
from server.enrolment import issue_enrolment_code  # noqa: E402
from server.storage import open_storage  # noqa: E402
from sync.device_keys import DeviceIdentity  # noqa: E402
from sync.http_transport import HttpTransport  # noqa: E402
from sync.protocol_version import protocol_headers  # noqa: E402
from sync.replica_memory import MemoryReplica  # noqa: E402
from sync.sync_session import run_session  # noqa: E402
from tests.helpers.postgres_cluster import postgres_cluster  # noqa: E402

PROVINCE = "01"
T0 = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)
ACCEPT = transition_value(Status.NEW, Status.ACCEPTED, Actor.DESK)


def ticking() -> Callable[[], dt.datetime]:
    ticks = itertools.count()
    return lambda: T0 + dt.timedelta(seconds=next(ticks))


def noise(seed: str, blocks: int) -> str:
    return "".join(hashlib.sha256(f"{seed}.{i}".encode()).hexdigest() for i in range(blocks))


def desk_replica(name: str, commune: str, events: int) -> MemoryReplica:
    replica = MemoryReplica(name, "desk", (DOSSIER_RECORD,), ticking())
    for number in range(events):
        replica.write(
            "dossier",
            f"{commune}-{number:06d}",
            {
                SCOPE_FIELD: commune,
                "procedure_code": "1.001193",
                "procedure_name": "Đăng ký khai sinh",
                "applicant_name": "Nguyễn Thị Minh Khai",
                "applicant_phone": f"09{number:08d}",
                "applicant_address": "Số 12, ngõ 34, đường Láng, phường Láng Thượng",
                "channel": "1",
                "received_at": "2026-03-02T08:00:00+07:00",
                "received_by": "clerk-1",
                "code": f"000.00.01.H26-260302-{number % 10000:04d}",
                "appointment": "2026-03-03",
                "fee": 8000,
                "documents": [{"name": "Tờ khai đăng ký khai sinh", "form": "original", "count": 1}],
                "notes": [noise(f"{commune}{number}", 10)],
                "status": ACCEPT,
            },
            "clerk-1",
        )
    return replica


class TimedTransport:
    """Wraps a transport; records how long each push request took (request sent, answer read)."""

    def __init__(self, inner: HttpTransport, pushes: list[float]) -> None:
        self._inner = inner
        self._pushes = pushes

    def call(self, route: str, body: Iterable[bytes]) -> Iterator[bytes]:
        start = time.perf_counter()
        reply = list(self._inner.call(route, body))
        if route == "push":
            self._pushes.append(time.perf_counter() - start)
        return iter(reply)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServerProcess:
    """``python -m server`` on a fresh database with the province's communes and enrolment codes."""

    def __init__(self, root: Path, database: str, communes: list[str]) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config_path = root / "server.toml"
        config_path.write_text(
            f'[server]\nhost = "127.0.0.1"\nport = {self.port}\ndatabase = "{database}"\n'
            f'log_dir = "{root / "logs"}"\n'
            "[limits]\nanonymous_burst = 10000\nanonymous_requests_per_minute = 100000\n"
            "device_burst = 10000\ndevice_requests_per_minute = 100000\n",
            encoding="utf-8",
        )
        config = load_config(config_path)
        storage = open_storage(config)
        storage.migrate()
        load_communes(storage, PROVINCE)
        self.codes = [
            issue_enrolment_code(
                storage, commune, now=lambda: dt.datetime.now(dt.UTC), new_id=lambda: os.urandom(8).hex(),
                ttl=dt.timedelta(hours=2),
            ).code
            for commune in communes
        ]  # fmt: skip
        storage.close()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "server", "--config", str(config_path)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(self.url + "/healthz", timeout=1).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("the server did not start")
            time.sleep(0.1)

    def enrol(self, code: str, commune: str, replica: str) -> str:
        body = {
            "code": code,
            "commune": commune,
            "label": replica,
            "device_keys": DeviceIdentity.generate(replica).public().to_json(),
        }
        answer = requests.post(self.url + "/v1/enrol", json=body, headers=protocol_headers(), timeout=30)
        answer.raise_for_status()
        return str(answer.json()["device_secret"])

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def sync_once(url: str, secret: str, replica: MemoryReplica, pushes: list[float]) -> None:
    with HttpTransport(url, secret, timeout=(10.0, 600.0)) as transport:
        run_session(replica, TimedTransport(transport, pushes), now=ticking())


def measure(database: str, root: Path, communes: int, events: int) -> dict[str, Any]:
    codes = [c.code for c in official_communes(PROVINCE)[: communes + 1]]
    server = ServerProcess(root, database, codes)
    try:
        secrets = [
            server.enrol(code, commune, f"desk-{i}")
            for i, (code, commune) in enumerate(zip(server.codes, codes, strict=True))
        ]
        print(f"  preparing {communes + 1} desks × {events} events …", flush=True)
        desks = [desk_replica(f"desk-{i}", commune, events) for i, commune in enumerate(codes)]

        alone: list[float] = []
        start = time.perf_counter()
        sync_once(server.url, secrets[0], desks[0], alone)
        single_rate = events / alone[0]
        single_session = time.perf_counter() - start

        pushes: list[float] = []
        failures: list[str] = []

        def run(index: int) -> None:
            try:
                sync_once(server.url, secrets[index], desks[index], pushes)
            except Exception as exc:  # counted and shown: the goal is zero
                failures.append(f"{type(exc).__name__}: {str(exc)[:120]}")

        threads = [threading.Thread(target=run, args=(i,)) for i in range(1, communes + 1)]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - start
    finally:
        server.stop()
    pushes.sort()
    return {
        "single_rate": single_rate,
        "single_session": single_session,
        "overall_rate": communes * events / wall,
        "wall": wall,
        "p50": statistics.median(pushes) if pushes else float("nan"),
        "p95": pushes[max(0, int(len(pushes) * 0.95) - 1)] if pushes else float("nan"),
        "failures": failures,
    }


def report(name: str, figures: dict[str, Any], communes: int, events: int) -> str:
    ratio = figures["overall_rate"] / figures["single_rate"]
    lines = [
        f"{name}: one desk alone pushes {figures['single_rate']:,.0f} events/s "
        f"(whole session {figures['single_session']:.1f} s)",
        f"  {communes} desks at once: {communes * events:,} events in {figures['wall']:.1f} s = "
        f"{figures['overall_rate']:,.0f} events/s overall, {ratio:.2f}× one desk",
        f"  push request latency p50 {figures['p50']:.1f} s, p95 {figures['p95']:.1f} s; "
        f"failed sessions: {len(figures['failures'])}",
    ]
    lines += [f"    {failure}" for failure in figures["failures"][:5]]
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    communes = int(argv[0]) if argv else 50
    events = int(argv[1]) if len(argv) > 1 else 2000
    which = argv[2] if len(argv) > 2 else "both"
    print(f"server ingest: {communes} communes × {events} events, {os.cpu_count()} cores", flush=True)
    with ExitStack() as stack:
        root = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="motcua-ingest-")))
        if which in ("sqlite", "both"):
            (root / "sqlite").mkdir()
            figures = measure(f"sqlite:///{root / 'sqlite' / 'server.db'}", root / "sqlite", communes, events)
            print(report("SQLite", figures, communes, events), flush=True)
        if which in ("postgresql", "both"):
            url = stack.enter_context(postgres_cluster())
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute("CREATE DATABASE ingest")
            (root / "pg").mkdir()
            figures = measure(url.rsplit("/", 1)[0] + "/ingest", root / "pg", communes, events)
            print(report("PostgreSQL", figures, communes, events), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
