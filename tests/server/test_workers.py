"""Several server processes on PostgreSQL: the commune lock is an advisory lock that holds across connection
pools and processes; two uvicorn workers take concurrent pushes of one commune without losing or duplicating
an event; more than one worker on SQLite is refused."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest
import requests

from dossiers.dossier_record import DOSSIER_RECORD, SCOPE_FIELD
from server.communes import load_communes
from server.config import config_from_toml
from server.errors import ConfigError
from server.storage.postgres_storage import PostgresStorage
from server.sync_replica import ServerReplica
from sync.device_keys import DeviceIdentity
from sync.http_transport import HttpTransport
from sync.log_redaction import LOG_FILE_NAME
from sync.replica_memory import MemoryReplica
from sync.sync_session import run_session
from sync.version_vectors import VersionVector
from tests.helpers.server_processes import free_port, start_server, stop_server
from tests.helpers.server_replicas import enrol_replica
from tests.server.conftest import PROVINCE

ROOT = Path(__file__).resolve().parents[2]
T0 = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)


def ticking() -> Callable[[], dt.datetime]:
    ticks = itertools.count()
    return lambda: T0 + dt.timedelta(seconds=next(ticks))


def test_more_than_one_worker_needs_postgresql(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="workers above 1 needs PostgreSQL"):
        config_from_toml('[server]\ndatabase = "sqlite:///s.db"\nworkers = 2\n', tmp_path)
    with pytest.raises(ConfigError, match="server.workers must be positive"):
        config_from_toml('[server]\ndatabase = "postgresql://db/x"\nworkers = 0\n', tmp_path)
    assert config_from_toml('[server]\ndatabase = "postgresql://db/x"\nworkers = 3\n', tmp_path).workers == 3


def waiting_advisory_locks(url: str) -> int:
    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
        ).fetchone()
    return int(row[0]) if row else 0


def test_the_commune_lock_holds_across_connection_pools_and_only_for_its_commune(
    postgres_database: str,
) -> None:
    first = PostgresStorage(postgres_database, pool_size=2, application_name="motcua-server-1")
    second = PostgresStorage(postgres_database, pool_size=2, application_name="motcua-server-2")
    first.migrate()
    held, release = threading.Event(), threading.Event()
    order: list[str] = []

    def hold() -> None:
        with first.transaction() as tx:
            first.lock_scope(tx, "commune:00004")
            held.set()
            release.wait(30)
            order.append("first done")

    def wait_for_it() -> None:
        with second.transaction() as tx:
            second.lock_scope(tx, "commune:00004")
            order.append("second has it")

    holder = threading.Thread(target=hold)
    holder.start()
    assert held.wait(30)
    with second.transaction() as tx:  # another commune is not held up
        second.lock_scope(tx, "commune:00006")
    waiter = threading.Thread(target=wait_for_it)
    waiter.start()
    deadline = time.monotonic() + 30
    while waiting_advisory_locks(postgres_database) == 0:  # the waiter is blocked in the database
        assert time.monotonic() < deadline, "the second pool never waited for the lock"
        time.sleep(0.02)
    assert order == []
    release.set()
    holder.join(30)
    waiter.join(30)
    assert order == ["first done", "second has it"]
    first.close()
    second.close()


def test_two_pools_receiving_one_communes_overlapping_batches_at_once_store_each_event_once(
    postgres_database: str, communes: list[str]
) -> None:
    pools = [PostgresStorage(postgres_database, pool_size=2) for _ in range(2)]
    pools[0].migrate()
    load_communes(pools[0], PROVINCE)
    commune = communes[0]
    enrol_replica(pools[0], commune, "desk-a")
    desk = MemoryReplica("desk-a", "desk", (DOSSIER_RECORD,), ticking())
    for number in range(120):
        desk.write("dossier", f"r{number:03d}", {SCOPE_FIELD: commune, "applicant_name": f"A {number}"}, "c")
    events = desk.missing_for(VersionVector())
    batches = [events[start : start + 20] for start in range(0, len(events), 10)]  # each event in two batches
    errors: list[BaseException] = []

    def push(storage: PostgresStorage, mine: list[list]) -> None:  # type: ignore[type-arg]
        replica = ServerReplica(storage, commune, (DOSSIER_RECORD,), scope_field=SCOPE_FIELD, now=ticking())
        try:
            for batch in mine:
                replica.receive(batch)
        except BaseException as exc:  # shown below
            errors.append(exc)

    threads = [
        threading.Thread(target=push, args=(pools[0], batches)),
        threading.Thread(target=push, args=(pools[1], list(reversed(batches)))),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    server = ServerReplica(pools[1], commune, (DOSSIER_RECORD,), scope_field=SCOPE_FIELD, now=ticking())
    assert server.vector() == VersionVector({"desk-a": 120})
    with pools[0].transaction() as tx:
        rows = tx.query("SELECT counter, applied FROM sync_events WHERE scope = ?", (commune,))
    assert sorted(int(r[0]) for r in rows) == list(range(1, 121)) and {int(r[1]) for r in rows} == {1}
    for pool in pools:
        pool.close()


def start_workers(tmp_path: Path, database: str, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    config = tmp_path / "server.toml"
    config.write_text(
        f'[server]\nport = {port}\ndatabase = "{database}"\nlog_dir = "logs"\nworkers = {workers}\n'
        "[limits]\ndevice_burst = 1000\ndevice_requests_per_minute = 100000\n",
        encoding="utf-8",
    )
    return start_server(config, port, wait=60), f"http://127.0.0.1:{port}"


def test_two_uvicorn_workers_take_concurrent_pushes_of_one_commune_without_losing_or_doubling_events(
    postgres_database: str, communes: list[str], tmp_path: Path
) -> None:
    storage = PostgresStorage(postgres_database, pool_size=2)
    storage.migrate()
    load_communes(storage, PROVINCE)
    commune = communes[0]
    names = [f"desk-{i}" for i in range(6)]
    keys = {name: DeviceIdentity.generate(name) for name in names}  # desk-1's events are relayed: signed
    secrets = {name: enrol_replica(storage, commune, name, keys[name]) for name in names}
    process, url = start_workers(tmp_path, postgres_database, workers=2)
    try:
        desks = {
            name: MemoryReplica(name, "desk", (DOSSIER_RECORD,), ticking(), identity=keys[name])
            for name in names
        }
        for index, (name, desk) in enumerate(desks.items()):
            for number in range(40):
                desk.write(
                    "dossier",
                    f"{name}-{number:03d}",
                    {SCOPE_FIELD: commune, "applicant_name": f"{index}"},
                    "c",
                )
        relay = desks[names[0]]  # also relays desk-1's events: the same events pushed twice at once
        relay.receive(desks[names[1]].missing_for(VersionVector()))
        errors: list[BaseException] = []

        def sync(name: str) -> None:
            try:
                for _ in range(3):
                    with HttpTransport(url, secrets[name], timeout=(10.0, 120.0)) as transport:
                        run_session(desks[name], transport, now=ticking())
            except BaseException as exc:  # shown below
                errors.append(exc)

        threads = [threading.Thread(target=sync, args=(name,)) for name in names]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(300)
        assert errors == []
        with storage.transaction() as tx:
            rows = tx.query(
                "SELECT replica_id, counter, applied FROM sync_events WHERE scope = ?", (commune,)
            )
        assert sorted((str(r[0]), int(r[1])) for r in rows) == sorted(
            (name, counter) for name in names for counter in range(1, 41)
        )
        assert {int(r[2]) for r in rows} == {1}
        # every desk takes every other desk's events: one more session each once all have pushed (a desk
        # whose sessions all ended before another's push was committed was told there was nothing more)
        for name in names:
            with HttpTransport(url, secrets[name], timeout=(10.0, 120.0)) as transport:
                run_session(desks[name], transport, now=ticking())
        for desk in desks.values():
            assert desk.vector() == VersionVector({name: 40 for name in names})
        with psycopg.connect(postgres_database, autocommit=True) as conn:
            pools = {
                str(r[0])
                for r in conn.execute(
                    "SELECT DISTINCT application_name FROM pg_stat_activity"
                    " WHERE datname = current_database()"
                )
            }
        assert {"motcua-server-1", "motcua-server-2"} <= pools  # each worker has its own pool
    finally:
        status = stop_server(process)
        storage.close()
    assert status == 0
    synced, pushes = [], 0  # each worker's own request log: both served sessions of the commune
    for worker in ("worker-1", "worker-2"):
        lines = (tmp_path / "logs" / worker / LOG_FILE_NAME).read_text(encoding="utf-8").splitlines()
        synced.append(sum('"route": "/sync/' in line for line in lines))
        pushes += sum('"route": "/sync/push"' in line for line in lines)
    # one push per desk's first session (later ones had nothing left to push); desk-1 may have had nothing
    # either, if desk-0 relayed its events before desk-1 said hello
    assert min(synced) > 0 and len(names) - 1 <= pushes <= len(names)


def test_when_a_worker_dies_the_server_stops_the_others_and_exits_with_an_error(
    postgres_database: str, tmp_path: Path
) -> None:
    process, url = start_workers(tmp_path, postgres_database, workers=2)
    try:
        children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
        workers = [
            int(pid)
            for pid in children
            if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()
            and b"resource_tracker" not in Path(f"/proc/{pid}/cmdline").read_bytes()
        ]
        assert len(workers) == 2
        os.kill(workers[0], signal.SIGKILL)
        assert process.wait(timeout=40) == 1
        assert not Path(f"/proc/{workers[1]}").exists()  # stopped and reaped
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    with pytest.raises(requests.ConnectionError):
        requests.get(url + "/healthz", timeout=2)
