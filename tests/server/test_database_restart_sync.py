"""PostgreSQL restarted twice while three desks sync: the server (``python -m server``, its own process)
answers no 5xx at all (a transaction whose connection broke is run again, see
``server.storage.lost_connections``), every sync succeeds (the desks would try again after a failure: none
is needed), nothing is lost and nothing is stored twice."""

from __future__ import annotations

import datetime as dt
import itertools
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests

from dossiers.dossier_record import DOSSIER_RECORD, SCOPE_FIELD
from server.communes import load_communes
from server.storage.postgres_storage import PostgresStorage
from sync.errors import SyncError
from sync.http_transport import HttpTransport
from sync.replica_memory import MemoryReplica
from sync.sync_session import run_session
from sync.version_vectors import VersionVector
from tests.helpers.postgres_cluster import PostgresCluster, restartable_postgres_cluster
from tests.helpers.server_processes import free_port, start_server, stop_server
from tests.helpers.server_replicas import enrol_replica

T0 = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)
COMMUNE = "00004"
DESKS = ("desk-a", "desk-b", "desk-c")
PER_ROUND = 30


def ticking() -> Callable[[], dt.datetime]:
    ticks = itertools.count()
    return lambda: T0 + dt.timedelta(seconds=next(ticks))


@pytest.fixture
def cluster() -> Iterator[PostgresCluster]:
    with restartable_postgres_cluster() as running:  # its own: restarting the shared one would hurt others
        yield running


class SyncingDesk:
    """A desk that writes dossiers and syncs them, over and over; a failed sync is tried again until it
    succeeds (every HTTP answer and every failure is kept)."""

    def __init__(self, name: str, url: str, secret: str, stop: threading.Event) -> None:
        self.name, self.url, self.secret, self.stop = name, url, secret, stop
        self.replica = MemoryReplica(name, "desk", (DOSSIER_RECORD,), ticking())
        self.statuses: list[tuple[int, str]] = []
        self.paths: list[str] = []
        self.failures: list[str] = []
        self.sessions = 0
        self.longest_retry = 0.0
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name=name)

    def _record(self, response: requests.Response, *args: object, **kwargs: object) -> None:
        self.statuses.append((response.status_code, response.headers.get("Retry-After", "")))
        if response.status_code >= 500:
            self.paths.append(response.url.rsplit("/", 1)[-1] + " " + response.text[:200])

    def sync_until_done(self, limit: float = 90) -> None:
        began = time.monotonic()
        while True:
            session = requests.Session()
            session.hooks["response"].append(self._record)
            try:
                with HttpTransport(self.url, self.secret, session=session, timeout=(5.0, 30.0)) as transport:
                    run_session(self.replica, transport, now=ticking())
                self.sessions += 1
                self.longest_retry = max(self.longest_retry, time.monotonic() - began)
                return
            except SyncError as exc:
                self.failures.append(type(exc).__name__)
                if time.monotonic() - began > limit:
                    raise
                time.sleep(0.2)

    def _run(self) -> None:
        number = itertools.count(1)
        try:
            while not self.stop.is_set():
                for _ in range(PER_ROUND):
                    n = next(number)
                    self.replica.write(
                        "dossier", f"{self.name}-{n}", {SCOPE_FIELD: COMMUNE, "applicant_name": f"A {n}"}, "c"
                    )
                self.sync_until_done()
        except BaseException as exc:  # reported by the test
            self.error = exc


def test_postgresql_restarted_while_desks_sync_gives_no_5xx_and_every_sync_completes(
    cluster: PostgresCluster, tmp_path: Path
) -> None:
    storage = PostgresStorage(cluster.url, pool_size=2)
    storage.migrate()
    load_communes(storage, "01")
    secrets = {name: enrol_replica(storage, COMMUNE, name) for name in DESKS}
    storage.close()
    port = free_port()
    config = tmp_path / "server.toml"
    config.write_text(
        f'[server]\nport = {port}\ndatabase = "{cluster.url}"\npostgres_pool_size = 4\n'
        "postgres_pool_timeout = 10\n"
        "[limits]\ndevice_burst = 100000\ndevice_requests_per_minute = 1000000\n",
        encoding="utf-8",
    )
    process = start_server(config, port)
    url = f"http://127.0.0.1:{port}"
    stop = threading.Event()
    desks = [SyncingDesk(name, url, secrets[name], stop) for name in DESKS]
    try:
        for desk in desks:
            desk.thread.start()
        time.sleep(2.0)  # every desk has synced; the pool has grown
        cluster.restart()  # pg_ctl restart -m fast: every connection is dropped, in-flight queries fail
        time.sleep(1.5)
        cluster.restart()
        time.sleep(2.0)
        stop.set()
        for desk in desks:
            desk.thread.join(120)
        for desk in desks:  # a last round: everyone has everything
            desk.sync_until_done()
    finally:
        stop.set()
        stop_server(process)
    for desk in desks:
        assert desk.error is None, desk.error
    statuses = [status for desk in desks for status in desk.statuses]
    assert all(desk.sessions >= 3 for desk in desks)
    assert [desk.failures for desk in desks] == [[], [], []]  # not one sync had to be tried again
    assert not [s for s in statuses if s[0] >= 500], [desk.paths for desk in desks]  # not even a 503
    written = {desk.name: desk.replica.vector()[desk.name] for desk in desks}
    for desk in desks:
        assert desk.replica.vector() == VersionVector(written)  # nothing lost, each desk has all
    check = PostgresStorage(cluster.url, pool_size=1)
    try:
        with check.transaction() as tx:
            rows = tx.query("SELECT count(*) FROM sync_events WHERE scope = ?", (COMMUNE,))
    finally:
        check.close()
    assert rows[0][0] == sum(written.values())  # nothing stored twice
    log = (tmp_path / "stderr.txt").read_text(encoding="utf-8")
    assert "Traceback" not in log
