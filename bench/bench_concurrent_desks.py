"""Many desks of several communes syncing with the province at once, with the real parts end to end.

Issue 14's figure "10 desks × 5 communes pushing at once on PostgreSQL with 0 timeouts". The provincial server
is its own process (``python -m server --config …``) on a throwaway PostgreSQL cluster
(``tests/helpers/postgres_cluster.py``) or on SQLite. Each desk is its own process (``spawn``): it creates its
encrypted store (SQLCipher) as the first-run setup does, is enrolled by the IT command (``run_enrol``, with a
one-time code made by the server's admin CLI), receives new dossiers through the dossier desk
(``DossierDesk.receive``, as a clerk does) and syncs through the workstation's province sync: the
transport factory stored at enrolment (``HttpTransport``, the desk's (5 s, 60 s) timeouts), the resuming
session with the desk's retry policy (``run_resuming_sync``) inside ``sync_with_province`` (catalogue, fees
and the clock check after the session): what ``desktop.sync_panel.SyncController`` runs on its worker.

Each round: every desk receives its new dossiers (not timed), waits at a barrier, then all desks sync at once.
A last round with no new dossier lets every desk pull what the others pushed after its own session; then each
desk's dossiers must equal its commune's on the server, held once each.

Per session: duration, tries, timeouts (a read or connect timeout of the desk's transport), other errors by
HTTP status (429 included: a desk waits and resumes). Per round: wall time, events pushed per second in total.
The server's peak memory (``VmHWM`` of the server process and its workers).

    .venv/bin/python bench/bench_concurrent_desks.py [--backend postgresql|sqlite] [--communes 5]
        [--desks 10] [--dossiers 150] [--rounds 3] [--workers 1] [--pool N]

Not part of the test suite (pytest does not collect ``bench/``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import multiprocessing
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

MIB = 1024 * 1024
PASS = "trống đồng Đông Sơn"
FEES = {"1.001193": 0}


@dataclass
class DeskSpec:
    name: str
    commune: str
    commune_name: str
    code: str
    folder: str
    url: str
    dossiers: int
    rounds: int


@dataclass
class SessionRecord:
    desk: str
    commune: str
    round: int
    seconds: float
    tries: int = 1
    pushed: int = 0
    pulled: int = 0
    timeouts: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    """HTTP status (or error kind) → how many tries met it."""
    failed: str | None = None
    """The error that ended the session (after the desk's retries), if any."""
    started: float = 0.0
    ended: float = 0.0
    cpu: float = 0.0
    """CPU seconds the desk's own process spent in the session (applying what it pulled, encoding …)."""


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def ids(prefix: str) -> Any:
    return lambda: f"{prefix}-{uuid.uuid4().hex[:12]}"


# ---- one desk (its own process) ----------------------------------------------------------------------------


def desk_main(spec: DeskSpec, barrier: Any, results: Any) -> None:
    """Create, enrol, then per round: receive dossiers, wait for the others, sync; report each session."""
    try:
        _desk(spec, barrier, results)
    except BaseException:  # noqa: BLE001 - reported to the bench, which stops
        results.put(("crash", spec.name, traceback.format_exc()))
        barrier.abort()


def _desk(spec: DeskSpec, barrier: Any, results: Any) -> None:
    from sync.errors import SyncError, TransportError
    from sync.retry_policy import Waiter
    from tests.helpers.enrolled_desks import draft
    from workstation.enrolment import stored_transport_factory
    from workstation.it_commands.console import Console
    from workstation.it_commands.enrol import run_enrol
    from workstation.it_commands.workstation_paths import workstation_paths
    from workstation.opening import create_workstation, unlock_workstation
    from workstation.reference_sync import sync_with_province
    from workstation.settings import SiteSettings
    from workstation.sync_keys import StoreCheckpoints
    from workstation.sync_schedule import desk_retry_policy, run_resuming_sync
    from workstation.sync_transfers import Activity, ProgressMeter
    from workstation.work_session import open_work_session

    data = Path(spec.folder)
    site = SiteSettings(
        province_code=1,
        province_name="Thành phố Hà Nội",
        commune_code=int(spec.commune),
        commune_name=spec.commune_name,
        agency_id=spec.commune,
    )
    created = create_workstation(
        data / "store",
        site=site,
        login="lan",
        full_name="Nguyễn Thị Lan",
        passphrase=PASS,
        recovery_pem=None,
        now=now,
        new_id=ids(spec.name),
    )
    created.store.close()
    out = io.StringIO()
    console = Console(out=out, err=out, ask_secret=lambda _prompt: PASS)
    status = run_enrol(
        workstation_paths(data), spec.url, spec.code, console, login="lan", now=now, new_id=ids("it")
    )
    if status != 0:
        raise RuntimeError(f"enrolment failed: {out.getvalue()}")
    session = unlock_workstation(data / "store", "lan", PASS, now=now, new_id=ids(spec.name))
    work = open_work_session(session, now=now, new_id=ids(spec.name), province_fees=FEES)
    replica = work.desk.replica
    factory = stored_transport_factory(session.store)
    if factory is None:
        raise RuntimeError("the desk holds no transport after enrolment")
    checkpoints = StoreCheckpoints(session.store)
    results.put(("ready", spec.name, None))
    for round_number in range(1, spec.rounds + 2):  # the last round makes nothing new: convergence
        if round_number <= spec.rounds:
            for _ in range(spec.dossiers):
                work.desk.receive(draft())
        barrier.wait()
        record = SessionRecord(spec.name, spec.commune, round_number, 0.0)

        def on_retry(error: SyncError, pause: float, record: SessionRecord = record) -> None:
            record.statuses[_label(error)] = record.statuses.get(_label(error), 0) + 1
            if "Timeout" in str(error):
                record.timeouts += 1

        waiter = Waiter()

        def resuming(replica: Any, transports: Any, metered: Any, waiter: Waiter = waiter) -> Any:
            return run_resuming_sync(
                replica,
                transports,
                metered,
                now=now,
                checkpoints=checkpoints,
                waiter=waiter,
                policy=desk_retry_policy(waiter),
                on_retry=on_retry,
            )

        meter = ProgressMeter(Activity.SYNC, lambda _progress: None)
        record.started = time.time()
        started = time.monotonic()
        cpu_before = _own_cpu()
        try:
            done = sync_with_province(replica, factory, meter, now=now, checkpoints=checkpoints, run=resuming)
            record.tries = done.tries
            record.pushed = done.result.pushed_events
            record.pulled = done.result.pulled_events
        except TransportError as exc:
            record.failed = _label(exc) + ": " + str(exc)[:160]
            record.statuses[_label(exc)] = record.statuses.get(_label(exc), 0) + 1
            if "Timeout" in str(exc):
                record.timeouts += 1
        except SyncError as exc:
            record.failed = f"{exc.kind}: {str(exc)[:160]}"
        record.seconds = time.monotonic() - started
        record.ended = time.time()
        record.cpu = _own_cpu() - cpu_before
        results.put(("session", spec.name, asdict(record)))
    held = sorted(record_id for kind, record_id in replica.record_keys() if kind == "dossier")
    results.put(("held", spec.name, held))
    session.store.close()


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _label(error: Any) -> str:
    status = getattr(error, "status", None)
    return f"HTTP {status}" if status else str(getattr(error, "kind", type(error).__name__))


# ---- the server --------------------------------------------------------------------------------------------


def server_memory(pid: int) -> tuple[int, int]:
    """(peak resident of the server process, the sum of its and its worker children's peaks), bytes."""
    peaks = []
    for each in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{each}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]) * 1024)
        except FileNotFoundError:
            pass
    return (peaks[0] if peaks else 0), sum(peaks)


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except FileNotFoundError:
        return []
    return [int(p) for p in text.split()]


def cpu_seconds(pid: int) -> float:
    """CPU time of a process, its live children and its reaped ones (``/proc/<pid>/stat``), in seconds."""
    total = 0.0
    for each in [pid, *_children(pid)]:
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, IndexError):
            continue
        ticks = int(fields[11]) + int(fields[12])  # utime, stime
        if each == pid:
            ticks += int(fields[13]) + int(fields[14])  # cutime, cstime: its children that exited
        total += ticks / os.sysconf("SC_CLK_TCK")
    return total


def postmaster_pid(database: str, root: Path) -> int | None:
    """The PostgreSQL cluster's postmaster (its backends are its children), if the database is one."""
    if not database.startswith("postgresql"):
        return None
    for found in Path(tempfile.gettempdir()).glob("motcua-pg-*/data/postmaster.pid"):
        port = found.read_text().splitlines()[3].strip()
        if database.split(":")[-1].startswith(port + "/"):
            return int(found.read_text().splitlines()[0])
    return None


def machine_cpu() -> tuple[float, float]:
    """The machine's busy and idle CPU seconds since boot, all cores (``/proc/stat``)."""
    ticks = [int(t) for t in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = ticks[3] + ticks[4]  # idle, iowait
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK"), idle / os.sysconf("SC_CLK_TCK")


class MemoryWatch:
    """Reads the server's peaks every half second (workers' ``VmHWM`` is lost when they exit), and the CPU
    time of the server and of PostgreSQL."""

    def __init__(self, pid: int, database_pid: int | None = None) -> None:
        self.pid = pid
        self.database_pid = database_pid
        self.peak = (0, 0)
        self.cpu: list[tuple[float, float, float, float, float]] = []
        """(time, server CPU seconds, database CPU seconds, machine busy and idle CPU seconds)."""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.5):
            self.read()

    def read(self) -> None:
        first, total = server_memory(self.pid)
        self.peak = (max(self.peak[0], first), max(self.peak[1], total))
        database = cpu_seconds(self.database_pid) if self.database_pid is not None else 0.0
        self.cpu.append((time.time(), cpu_seconds(self.pid), database, *machine_cpu()))

    def cpu_between(self, start: float, end: float) -> tuple[float, float, float]:
        """(server, database) CPU seconds between two times (the nearest samples), and the machine's busy
        share of its CPU time then (every process: the desks, the server, PostgreSQL and any other work)."""
        if not self.cpu:
            return 0.0, 0.0, 0.0
        first = min(self.cpu, key=lambda sample: abs(sample[0] - start))
        last = min(self.cpu, key=lambda sample: abs(sample[0] - end))
        busy, idle = last[3] - first[3], last[4] - first[4]
        return last[1] - first[1], last[2] - first[2], busy / ((busy + idle) or 1.0)

    def stop(self) -> tuple[int, int]:
        self._stop.set()
        self._thread.join()
        self.read()
        return self.peak


def admin(config: Path, *args: str) -> str:
    """The server's admin CLI (``python -m server.cli``), in this process."""
    from server.cli import main as server_cli

    out, err = io.StringIO(), io.StringIO()
    status = server_cli(
        ["--config", str(config), *args], stdout=out, stderr=err, now=now, new_id=lambda: uuid.uuid4().hex
    )
    if status != 0:
        raise RuntimeError(f"server.cli {args[0]} failed: {err.getvalue()}")
    return out.getvalue()


def write_config(folder: Path, database: str, port: int, workers: int, pool: int | None) -> Path:
    config = folder / "server.toml"
    lines = [
        "[server]",
        f"port = {port}",
        f'database = "{database}"',
        f'log_dir = "{folder / "logs"}"',
        f"workers = {workers}",
    ]
    if pool is not None:
        lines.append(f"postgres_pool_size = {pool}")
    # 50 enrolments from one address within a minute: the anonymous limit (30 a minute) is for the internet;
    # the desks' own limits stay the defaults.
    lines += ["[limits]", "anonymous_requests_per_minute = 6000", "anonymous_burst = 1000"]
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


# ---- the run -----------------------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def run(args: argparse.Namespace, database: str, root: Path) -> dict[str, Any]:
    from server.communes import official_communes
    from server.config import load_config
    from server.storage import open_storage
    from tests.helpers.server_processes import free_port, start_server, stop_server

    port = free_port()
    config = write_config(root, database, port, args.workers, args.pool)
    admin(config, "migrate")
    admin(config, "create-communes", "--province", "01")
    communes = official_communes("01")[: args.communes]
    process = start_server(config, port, wait=60)
    watch = MemoryWatch(process.pid, postmaster_pid(database, root))
    url = f"http://127.0.0.1:{port}"
    specs = []
    for commune in communes:
        for number in range(1, args.desks + 1):
            code = admin(config, "enrol-code", "--commune", commune.code).split(": ", 1)[1].split()[0]
            name = f"d{commune.code}-{number:02d}"
            specs.append(
                DeskSpec(
                    name, commune.code, commune.name, code, str(root / name), url, args.dossiers, args.rounds
                )
            )
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(len(specs))
    results = context.Queue()
    processes = [context.Process(target=desk_main, args=(spec, barrier, results)) for spec in specs]
    setup_started = time.monotonic()
    for proc in processes:
        proc.start()
    sessions: list[dict[str, Any]] = []
    held: dict[str, list[str]] = {}
    crashes: list[str] = []
    expected = len(specs) * (args.rounds + 1)
    ready = 0
    try:
        while len(sessions) < expected or len(held) < len(specs):
            kind, name, payload = results.get(timeout=1800)
            if kind == "crash":
                crashes.append(f"{name}: {payload}")
                break
            if kind == "ready":
                ready += 1
                if ready == len(specs):
                    print(f"{ready} desks enrolled in {time.monotonic() - setup_started:.0f} s", flush=True)
            elif kind == "session":
                sessions.append(payload)
                if len([s for s in sessions if s["round"] == payload["round"]]) == len(specs):
                    print(summary_line(payload["round"], sessions, watch), flush=True)
            elif kind == "held":
                held[name] = payload
    finally:
        for proc in processes:
            proc.join(timeout=60)
            if proc.is_alive():
                proc.kill()
        peak_first, peak_total = watch.stop()
        stop_server(process)
    if crashes:
        raise RuntimeError("a desk crashed:\n" + "\n".join(crashes))
    storage = open_storage(load_config(config))
    try:
        check = check_server(storage, specs, held)
    finally:
        storage.close()
    return {
        "sessions": sessions,
        "check": check,
        "peak_server": peak_first,
        "peak_server_and_workers": peak_total,
    }


def summary_line(round_number: int, sessions: list[dict[str, Any]], watch: MemoryWatch) -> str:
    these = [s for s in sessions if s["round"] == round_number]
    times = [s["seconds"] for s in these]
    wall = max(s["ended"] for s in these) - min(s["started"] for s in these)
    pushed = sum(s["pushed"] for s in these)
    pulled = sum(s["pulled"] for s in these)
    server_cpu, database_cpu, machine_busy = watch.cpu_between(
        min(s["started"] for s in these), max(s["ended"] for s in these)
    )
    return (
        f"round {round_number}: {len(these)} sessions, p50 {percentile(times, 0.5):.1f} s, "
        f"p95 {percentile(times, 0.95):.1f} s, max {max(times):.1f} s, wall {wall:.1f} s, "
        f"timeouts {sum(s['timeouts'] for s in these)}, "
        f"failed {sum(1 for s in these if s['failed'])}, "
        f"errors {_merged(s['statuses'] for s in these)}, "
        f"pushed {pushed} ({pushed / wall:.0f}/s), pulled {pulled} ({pulled / wall:.0f}/s); "
        f"CPU s: desks {sum(s['cpu'] for s in these):.0f}, server {server_cpu:.0f}, "
        f"PostgreSQL {database_cpu:.0f}; machine busy {machine_busy:.0%} (load {os.getloadavg()[0]:.1f})"
    )


def _merged(counts: Any) -> dict[str, int]:
    total: dict[str, int] = {}
    for each in counts:
        for key, value in each.items():
            total[key] = total.get(key, 0) + value
    return total


def check_server(storage: Any, specs: list[DeskSpec], held: dict[str, list[str]]) -> dict[str, Any]:
    """Every desk's dossiers are its commune's on the server, each held once, and the desks agree."""
    from dossiers.dossier_record import DOSSIER_RECORD, SCOPE_FIELD
    from server.sync_replica import ServerReplica

    problems = []
    per_commune = {}
    for commune in sorted({spec.commune for spec in specs}):
        server = ServerReplica(storage, commune, (DOSSIER_RECORD,), scope_field=SCOPE_FIELD, now=now)
        on_server = server.record_ids("dossier")
        if len(on_server) != len(set(on_server)):
            problems.append(f"{commune}: {len(on_server) - len(set(on_server))} dossiers listed twice")
        desks = [spec.name for spec in specs if spec.commune == commune]
        made = expected_dossiers(specs, commune)
        if len(set(on_server)) != made:
            problems.append(f"{commune}: the server holds {len(set(on_server))} dossiers, desks made {made}")
        with storage.transaction() as tx:
            indexed = tx.query(
                "SELECT COUNT(*), COUNT(DISTINCT record_id) FROM dossier_index WHERE commune_code = ?",
                (commune,),
            )[0]
        if tuple(indexed) != (made, made):
            problems.append(f"{commune}: the dossier index holds {tuple(indexed)}, expected {made}")
        for desk in desks:
            if held.get(desk) != sorted(set(on_server)):
                problems.append(
                    f"{desk}: holds {len(held.get(desk, []))} dossiers, the server {len(on_server)}"
                )
        per_commune[commune] = len(set(on_server))
    return {"problems": problems, "dossiers": per_commune}


def expected_dossiers(specs: list[DeskSpec], commune: str) -> int:
    return sum(spec.dossiers * spec.rounds for spec in specs if spec.commune == commune)


def report(name: str, args: argparse.Namespace, result: dict[str, Any]) -> None:
    sessions = result["sessions"]
    times = [s["seconds"] for s in sessions]
    rounds = sorted({s["round"] for s in sessions})
    walls = {r: _wall([s for s in sessions if s["round"] == r]) for r in rounds}
    pushed = sum(s["pushed"] for s in sessions)
    pushing_wall = sum(walls[r] for r in rounds[:-1]) or 1.0
    print(
        f"\n== {name}: {args.communes} communes × {args.desks} desks, {args.dossiers} dossiers a round, "
        f"{args.rounds} rounds + 1 with nothing new, workers {args.workers}, pool {args.pool or 'default'}"
    )
    print(
        f"sessions {len(sessions)}, p50 {percentile(times, 0.5):.1f} s, p95 {percentile(times, 0.95):.1f} s, "
        f"max {max(times):.1f} s; timeouts {sum(s['timeouts'] for s in sessions)}; "
        f"failed {sum(1 for s in sessions if s['failed'])}; errors {_merged(s['statuses'] for s in sessions)}"
    )
    print(f"events pushed {pushed} in {pushing_wall:.1f} s of rounds: {pushed / pushing_wall:.0f} events/s")
    print(
        f"server peak memory (VmHWM): {result['peak_server'] / MIB:.0f} MiB "
        f"(with its workers: {result['peak_server_and_workers'] / MIB:.0f} MiB)"
    )
    for failed in [s for s in sessions if s["failed"]][:10]:
        print(f"  failed: {failed['desk']} round {failed['round']}: {failed['failed']}")
    check = result["check"]
    print(f"dossiers per commune on the server: {check['dossiers']}")
    print("check: " + ("every dossier once, every desk converged" if not check["problems"] else "PROBLEMS"))
    for problem in check["problems"][:20]:
        print("  " + problem)


def _wall(sessions: list[dict[str, Any]]) -> float:
    return max(s["ended"] for s in sessions) - min(s["started"] for s in sessions)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--communes", type=int, default=5)
    parser.add_argument("--desks", type=int, default=10)
    parser.add_argument("--dossiers", type=int, default=150)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--pool", type=int, default=None, help="server.postgres_pool_size (default: 8)")
    parser.add_argument("--json", type=Path, help="also write every session's record here")
    args = parser.parse_args()
    os.environ["PYTHONPATH"] = str(ROOT)
    subprocess.run(["uptime"], check=False)
    with tempfile.TemporaryDirectory(prefix="motcua-crowd-") as folder:
        root = Path(folder)
        if args.backend == "sqlite":
            result = run(args, f"sqlite:///{root / 'server.db'}", root)
        else:
            from tests.helpers.postgres_cluster import postgres_cluster

            with postgres_cluster() as database:
                result = run(args, database, root)
    report(args.backend, args, result)
    subprocess.run(["uptime"], check=False)
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    sessions = result["sessions"]
    bad = result["check"]["problems"] or any(s["failed"] or s["timeouts"] for s in sessions)
    print(f"median of session times: {statistics.median(s['seconds'] for s in sessions):.2f} s")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
