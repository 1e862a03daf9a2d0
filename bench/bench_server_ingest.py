"""Server ingest of a province's backlog: many communes' desks reconnecting at once, each pushing its events.

The server runs as its own process (``python -m server --config …``, ``workers`` uvicorn processes) on SQLite
and on a throwaway PostgreSQL cluster (``tests/helpers/postgres_cluster.py``); the desks are threads of this
process, each a ``MemoryReplica`` holding ``events`` dossier events (~1.3 KB of JSON each) of its own commune,
syncing through the real ``HttpTransport`` and ``run_session`` (hello, push in batches of 500, pull). The
communes are taken from provinces 01 and 79 in turn (a province has at most ~170). Prints, per backend and
worker count:

- one desk alone: events/s of its push;
- all desks at once: events/s overall, the ratio to the single desk, p50/p95 of the push request's latency,
  the wall time to drain, the CPU seconds the desks (this process) spent meanwhile, and the number of failed
  sessions (goal: zero; their events are not counted as drained).

Each desk's session makes its push frames in full before sending them (the session counts the batches as
they are made and checks the server's acknowledgement against that count), and all desks wait until every
one has made its own: the timed window opens then, so it holds the server's work (pushes and the pulls
after), not the desks' encoding (done on their own machines in reality, here on the same 2 cores).

    .venv/bin/python bench/bench_server_ingest.py [--communes 170] [--events 500]
        [--backend sqlite|postgresql|both] [--workers 1,2]

For "before" figures, copy this file into the older checkout's ``bench/`` and run it there (the server and the
database set-up then both come from that checkout). More than one worker needs PostgreSQL.
"""

from __future__ import annotations

import argparse
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
from sync.sync_messages import PUSH  # noqa: E402
from sync.sync_session import run_session  # noqa: E402
from tests.helpers.postgres_cluster import postgres_cluster  # noqa: E402

PROVINCES = ("01", "79")
T0 = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)
ACCEPT = transition_value(Status.NEW, Status.ACCEPTED, Actor.DESK)


def ticking() -> Callable[[], dt.datetime]:
    ticks = itertools.count()
    return lambda: T0 + dt.timedelta(seconds=next(ticks))


def noise(seed: str, blocks: int) -> str:
    return "".join(hashlib.sha256(f"{seed}.{i}".encode()).hexdigest() for i in range(blocks))


def desk_replica(name: str, commune: str, events: int, identity: DeviceIdentity | None) -> MemoryReplica:
    """A desk with ``events`` dossiers of ``commune``, each event signed with ``identity`` (as every desk
    signs them now) or unsigned (``None``: as before signatures)."""
    replica = MemoryReplica(name, "desk", (DOSSIER_RECORD,), ticking(), identity=identity)
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
    """Wraps a transport; makes the session's push frames first (the desk's encoding and compression, done on
    its own machine in reality, here on the same 2 cores), then, with ``gate``, waits until every desk has
    made its own, and records how long each push request took (request sent, answer read).

    The session counts the batches as its frames are made and checks the server's acknowledgement against
    that count, so the frames are the session's own, consumed in full."""

    def __init__(
        self, inner: HttpTransport, pushes: list[float], gate: threading.Barrier | None = None
    ) -> None:
        self._inner = inner
        self._pushes = pushes
        self._gate = gate

    def call(self, route: str, body: Iterable[bytes]) -> Iterator[bytes]:
        if route == PUSH:
            body = [b"".join(body)]
            if self._gate is not None:
                self._gate.wait()
        start = time.perf_counter()
        reply = list(self._inner.call(route, body))
        if route == PUSH:
            self._pushes.append(time.perf_counter() - start)
        return iter(reply)


def machine_cpu() -> tuple[int, int]:
    """The machine's busy and idle CPU ticks so far, all cores (``/proc/stat``)."""
    ticks = [int(n) for n in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = ticks[3] + ticks[4]  # idle, iowait
    return sum(ticks) - idle, idle


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServerProcess:
    """``python -m server`` on a fresh database with the province's communes and enrolment codes."""

    def __init__(self, root: Path, database: str, communes: list[str], workers: int, tree: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config_path = root / "server.toml"
        config_path.write_text(
            f'[server]\nhost = "127.0.0.1"\nport = {self.port}\ndatabase = "{database}"\n'
            f'log_dir = "{root / "logs"}"\n'
            + (f"workers = {workers}\n" if workers != 1 else "")
            + "[limits]\nanonymous_burst = 10000\nanonymous_requests_per_minute = 100000\n"
            "device_burst = 10000\ndevice_requests_per_minute = 100000\n",
            encoding="utf-8",
        )
        config = load_config(config_path)
        storage = open_storage(config)
        storage.migrate()
        for province in PROVINCES:
            load_communes(storage, province)
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
            cwd=tree,
            env={**os.environ, "PYTHONPATH": str(tree)},
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

    def enrol(self, code: str, commune: str, identity: DeviceIdentity) -> str:
        body = {
            "code": code,
            "commune": commune,
            "label": identity.replica_id,
            "device_keys": identity.public().to_json(),
        }
        answer = requests.post(self.url + "/v1/enrol", json=body, headers=protocol_headers(), timeout=30)
        answer.raise_for_status()
        return str(answer.json()["device_secret"])

    def cpu_seconds(self) -> float:
        """CPU time used so far by the server process and its workers (Linux ``/proc``)."""
        ticks = os.sysconf("SC_CLK_TCK")
        total, pending = 0, [self.process.pid]
        while pending:
            pid = pending.pop()
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                pending += [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / ticks

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=30)


def sync_once(
    url: str, secret: str, replica: MemoryReplica, pushes: list[float], gate: threading.Barrier | None = None
) -> None:
    with HttpTransport(url, secret, timeout=(10.0, 600.0)) as transport:
        run_session(replica, TimedTransport(transport, pushes, gate), now=ticking())


def commune_codes(count: int) -> list[str]:
    """``count`` commune codes, taken from the provinces in turn."""
    lists = [[c.code for c in official_communes(p)] for p in PROVINCES]
    codes = [code for group in itertools.zip_longest(*lists) for code in group if code is not None]
    if len(codes) < count:
        raise SystemExit(f"only {len(codes)} communes in provinces {', '.join(PROVINCES)}")
    return codes[:count]


def measure(
    database: str, root: Path, communes: int, events: int, workers: int, tree: Path, signed: bool
) -> dict[str, Any]:
    codes = commune_codes(communes + 1)
    server = ServerProcess(root, database, codes, workers, tree)
    try:
        identities = [DeviceIdentity.generate(f"desk-{i}") for i in range(len(codes))]
        secrets = [
            server.enrol(code, commune, identity)
            for code, commune, identity in zip(server.codes, codes, identities, strict=True)
        ]
        print(f"  preparing {communes + 1} desks × {events} events …", flush=True)
        desks = [
            desk_replica(f"desk-{i}", commune, events, identities[i] if signed else None)
            for i, commune in enumerate(codes)
        ]

        alone: list[float] = []
        start = time.perf_counter()
        sync_once(server.url, secrets[0], desks[0], alone)
        single_rate = events / alone[0]
        single_session = time.perf_counter() - start

        pushes: list[float] = []
        failures: list[str] = []

        marks: dict[str, Any] = {}

        def opened() -> None:  # every desk has said hello and made its push: the timed window opens
            marks.update(
                start=time.perf_counter(),
                client_cpu=time.process_time(),
                server_cpu=server.cpu_seconds(),
                machine=machine_cpu(),
            )

        gate = threading.Barrier(communes, action=opened, timeout=600)

        def run(index: int) -> None:
            try:
                sync_once(server.url, secrets[index], desks[index], pushes, gate)
            except Exception as exc:  # counted and shown: the goal is zero
                gate.abort()  # the others are not kept waiting for a push that will not come
                failures.append(f"{type(exc).__name__}: {str(exc)[:120]}")

        threads = [threading.Thread(target=run, args=(i,)) for i in range(1, communes + 1)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if not marks:
            raise RuntimeError("the desks never all reached their push: " + "; ".join(failures[:3]))
        wall = time.perf_counter() - marks["start"]
        client_cpu = time.process_time() - marks["client_cpu"]
        server_cpu = server.cpu_seconds() - marks["server_cpu"]
        busy, idle = (b - a for a, b in zip(marks["machine"], machine_cpu(), strict=True))
    finally:
        server.stop()
    pushes.sort()
    return {
        "single_rate": single_rate,
        "single_session": single_session,
        "overall_rate": (communes - len(failures)) * events / wall,
        "wall": wall,
        "client_cpu": client_cpu,
        "server_cpu": server_cpu,
        "idle": idle / max(1, busy + idle),
        "p50": statistics.median(pushes) if pushes else float("nan"),
        "p95": pushes[max(0, int(len(pushes) * 0.95) - 1)] if pushes else float("nan"),
        "failures": failures,
    }


def report(name: str, figures: dict[str, Any], communes: int, events: int) -> str:
    ratio = figures["overall_rate"] / figures["single_rate"]
    drained = (communes - len(figures["failures"])) * events
    lines = [
        f"{name}: one desk alone pushes {figures['single_rate']:,.0f} events/s "
        f"(whole session {figures['single_session']:.1f} s)",
        f"  {communes} desks at once: {drained:,} events in {figures['wall']:.1f} s = "
        f"{figures['overall_rate']:,.0f} events/s overall, {ratio:.2f}× one desk; "
        f"the desks' own CPU meanwhile {figures['client_cpu']:.1f} s",
        f"  server processes' CPU {figures['server_cpu']:.1f} s; "
        f"the machine's CPU idle meanwhile {figures['idle']:.0%}",
        f"  push request latency p50 {figures['p50']:.1f} s, p95 {figures['p95']:.1f} s; "
        f"failed sessions: {len(figures['failures'])}",
    ]
    lines += [f"    {failure}" for failure in figures["failures"][:5]]
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communes", type=int, default=170)
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--workers", default="1", help="worker counts to measure on PostgreSQL, e.g. 1,2")
    parser.add_argument(
        "--unsigned", action="store_true", help="events without signatures (as desks made them before)"
    )
    args = parser.parse_args(argv)
    communes, events, tree = args.communes, args.events, ROOT
    worker_counts = [int(n) for n in args.workers.split(",")]
    print(
        f"server ingest: {communes} communes × {events} {'unsigned' if args.unsigned else 'signed'} events,"
        f" {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}, server from {tree}",
        flush=True,
    )
    with ExitStack() as stack:
        root = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="motcua-ingest-")))
        if args.backend in ("sqlite", "both"):
            (root / "sqlite").mkdir()
            database = f"sqlite:///{root / 'sqlite' / 'server.db'}"
            figures = measure(database, root / "sqlite", communes, events, 1, tree, not args.unsigned)
            print(report("SQLite, 1 worker", figures, communes, events), flush=True)
        if args.backend in ("postgresql", "both"):
            url = stack.enter_context(postgres_cluster())
            for workers in worker_counts:
                name = f"ingest{workers}"
                with psycopg.connect(url, autocommit=True) as conn:
                    conn.execute(f"CREATE DATABASE {name}")
                (root / name).mkdir()
                database = url.rsplit("/", 1)[0] + "/" + name
                figures = measure(database, root / name, communes, events, workers, tree, not args.unsigned)
                print(report(f"PostgreSQL, {workers} worker(s)", figures, communes, events), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
