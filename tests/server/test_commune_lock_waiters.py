"""Pushes waiting for their commune's lock do not take the server's database connections (issue 14).

Ten desks of one commune pushing at once each held one of the server's pooled PostgreSQL connections while
they waited for the commune's lock, one after the other; with the pool empty, every other request of the
server (another commune's sync, a pull, the sign-in of a device) waited for a connection behind them, and
sessions met the desk's timeout. The server (its own process, a pool of 3 connections, 3 s to get one) gets
four pushes of commune A while A's lock is held (as by a long push in another server process); a desk of
commune B must still sync at once, and A's pushes all land once the lock is free.
"""

from __future__ import annotations

import datetime as dt
import itertools
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import psycopg

from dossiers.dossier_record import DOSSIER_RECORD, SCOPE_FIELD
from server.communes import load_communes
from server.storage.postgres_storage import PostgresStorage
from server.sync_replica import ServerReplica
from sync.device_keys import DeviceIdentity
from sync.http_transport import HttpTransport
from sync.replica_memory import MemoryReplica
from sync.sync_session import run_session
from sync.version_vectors import VersionVector
from tests.helpers.server_processes import free_port, start_server, stop_server
from tests.helpers.server_replicas import enrol_replica
from tests.server.conftest import PROVINCE

T0 = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)
POOL = 3
WAITING_PUSHES = 4
SCOPE_LOCKS = 7_243_002
"""``server.storage.postgres_storage._SCOPE_LOCKS``: the first key of the commune locks."""


def ticking() -> Callable[[], dt.datetime]:
    ticks = itertools.count()
    return lambda: T0 + dt.timedelta(seconds=next(ticks))


class Pushing:
    """A transport that tells when its session starts the push (the step that waits for the lock)."""

    def __init__(self, inner: HttpTransport, started: threading.Event) -> None:
        self.inner, self.started = inner, started

    @property
    def round_trips(self) -> int:
        return self.inner.round_trips

    def call(self, route: str, body: Iterable[bytes]) -> Iterator[bytes]:
        if route == "push":
            self.started.set()
        return self.inner.call(route, body)


def desk(name: str, commune: str, identity: DeviceIdentity, dossiers: int) -> MemoryReplica:
    replica = MemoryReplica(name, "desk", (DOSSIER_RECORD,), ticking(), identity=identity)
    for number in range(dossiers):
        replica.write("dossier", f"{name}-{number:03d}", {SCOPE_FIELD: commune, "applicant_name": "x"}, "c")
    return replica


def test_pushes_waiting_for_their_communes_lock_leave_connections_for_the_other_communes(
    postgres_database: str, communes: list[str], tmp_path: Path
) -> None:
    storage = PostgresStorage(postgres_database, pool_size=2)
    storage.migrate()
    load_communes(storage, PROVINCE)
    busy, other = communes[0], communes[1]
    names = [f"desk-a{i}" for i in range(WAITING_PUSHES)]
    keys = {name: DeviceIdentity.generate(name) for name in [*names, "desk-b"]}
    secrets = {name: enrol_replica(storage, busy, name, keys[name]) for name in names}
    secrets["desk-b"] = enrol_replica(storage, other, "desk-b", keys["desk-b"])
    desks = {name: desk(name, busy, keys[name], 20) for name in names}
    desks["desk-b"] = desk("desk-b", other, keys["desk-b"], 5)
    port = free_port()
    config = tmp_path / "server.toml"
    config.write_text(
        f'[server]\nport = {port}\ndatabase = "{postgres_database}"\n'
        f"postgres_pool_size = {POOL}\npostgres_pool_timeout = 3\n",
        encoding="utf-8",
    )
    process = start_server(config, port, wait=60)
    url = f"http://127.0.0.1:{port}"
    holder = psycopg.connect(postgres_database)  # a long push of commune A in another server process
    holder.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", (SCOPE_LOCKS, f"commune:{busy}"))
    errors: list[BaseException] = []
    started = {name: threading.Event() for name in names}

    def push(name: str) -> None:
        try:
            with HttpTransport(url, secrets[name], retries=0) as transport:
                run_session(desks[name], Pushing(transport, started[name]), now=ticking())
        except BaseException as exc:  # shown below
            errors.append(exc)

    threads = [threading.Thread(target=push, args=(name,)) for name in names]
    try:
        for thread in threads:
            thread.start()
        for name in names:
            assert started[name].wait(30), f"{name} never reached its push"
        time.sleep(1.0)  # the pushes' batches reach the server and wait for the lock
        began = time.monotonic()
        with HttpTransport(url, secrets["desk-b"], retries=0) as transport:  # the desk's own transport
            result = run_session(desks["desk-b"], transport, now=ticking())
        took = time.monotonic() - began
        assert result.pushed_events == 5 and took < 3, f"commune B's sync took {took:.1f} s"
        assert errors == [] and all(thread.is_alive() for thread in threads)  # A's pushes still wait
    finally:
        holder.rollback()  # the long push ends: A's pushes go on
        holder.close()
        for thread in threads:
            thread.join(60)
    try:
        assert errors == []
        server = ServerReplica(storage, busy, (DOSSIER_RECORD,), scope_field=SCOPE_FIELD, now=ticking())
        assert server.vector() == VersionVector({name: 20 for name in names})
    finally:
        stop_server(process)
        storage.close()
