"""PostgreSQL restarted under load: the server (``python -m server``, its own process) answers no 500, only
503 "database unavailable" with ``Retry-After`` while the database is away; ``/readyz`` says not ready
meanwhile; afterwards every request and a whole sync session work again."""

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
from sync.http_transport import HttpTransport
from sync.protocol_version import protocol_headers
from sync.replica_memory import MemoryReplica
from sync.sync_session import run_session
from sync.version_vectors import VersionVector
from tests.helpers.postgres_cluster import PostgresCluster, restartable_postgres_cluster
from tests.helpers.server_processes import free_port, start_server, stop_server
from tests.helpers.server_replicas import enrol_replica

T0 = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)
COMMUNE = "00004"
Answer = tuple[float, str, int, str, str]
"""When, which path, the status, the error code and the Retry-After header."""
ROUTES = ("/v1/me", "/v1/communes", f"/v1/communes/{COMMUNE}")


def ticking() -> Callable[[], dt.datetime]:
    ticks = itertools.count()
    return lambda: T0 + dt.timedelta(seconds=next(ticks))


@pytest.fixture
def cluster() -> Iterator[PostgresCluster]:
    with restartable_postgres_cluster() as running:  # its own: restarting the shared one would hurt others
        yield running


class Load:
    """Threads requesting the device's routes over and over; every answer (or failure) is kept."""

    def __init__(self, url: str, secret: str, threads: int = 4) -> None:
        self.url, self.secret = url, secret
        self.answers: list[Answer] = []
        self.failures: list[str] = []
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads = [threading.Thread(target=self._run, args=(n,)) for n in range(threads)]

    def _run(self, n: int) -> None:
        with requests.Session() as session:
            session.headers.update({**protocol_headers(), "Authorization": f"Bearer {self.secret}"})
            for path in itertools.cycle(ROUTES[n % len(ROUTES) :] + ROUTES[: n % len(ROUTES)]):
                if self._stop.is_set():
                    return
                try:
                    response = session.get(self.url + path, timeout=60)
                except requests.RequestException as exc:
                    with self._lock:
                        self.failures.append(f"{path}: {type(exc).__name__}")
                    continue
                code = response.json().get("error", "") if response.status_code >= 400 else ""
                retry = response.headers.get("Retry-After", "")
                with self._lock:
                    self.answers.append((time.monotonic(), path, response.status_code, code, retry))

    def __enter__(self) -> Load:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(120)

    def since(self, moment: float) -> list[Answer]:
        with self._lock:
            return [answer for answer in self.answers if answer[0] >= moment]


def ready(url: str) -> requests.Response:
    return requests.get(url + "/readyz", timeout=30)


def wait_ready(url: str, within: float = 60) -> None:
    deadline = time.monotonic() + within
    while ready(url).status_code != 200:
        assert time.monotonic() < deadline, "the server never became ready again"
        time.sleep(0.2)


def test_postgresql_restarted_under_load_gives_no_500_and_everything_works_after(
    cluster: PostgresCluster, tmp_path: Path
) -> None:
    storage = PostgresStorage(cluster.url, pool_size=2)
    storage.migrate()
    load_communes(storage, "01")
    secret = enrol_replica(storage, COMMUNE, "desk-a")
    storage.close()
    port = free_port()
    config = tmp_path / "server.toml"
    config.write_text(
        f'[server]\nport = {port}\ndatabase = "{cluster.url}"\npostgres_pool_size = 4\n'
        "postgres_pool_timeout = 5\n"
        "[limits]\ndevice_burst = 100000\ndevice_requests_per_minute = 1000000\n",
        encoding="utf-8",
    )
    process = start_server(config, port)
    url = f"http://127.0.0.1:{port}"
    try:
        assert ready(url).status_code == 200
        not_ready: list[requests.Response] = []
        with Load(url, secret) as load:
            time.sleep(1.5)  # the pool has grown to its size: every connection will be dropped below
            cluster.restart()  # pg_ctl restart: a short window
            time.sleep(1.0)
            cluster.stop()  # a longer one, for readiness to notice
            try:
                deadline = time.monotonic() + 4
                while time.monotonic() < deadline:
                    answer = ready(url)
                    if answer.status_code != 200:
                        not_ready.append(answer)
                    time.sleep(0.2)
            finally:
                cluster.start()
            wait_ready(url)
            back = time.monotonic()
            time.sleep(2.0)
        assert load.failures == []
        statuses = [answer[2] for answer in load.answers]
        assert statuses.count(200) > 50
        errors = {(status, code, retry) for _, _, status, code, retry in load.answers if status != 200}
        assert errors <= {(503, "database_unavailable", "5")}, errors  # no 500, and 503 says when to retry
        after = load.since(back)
        assert len(after) > 10 and {answer[2] for answer in after} == {200}
        assert not_ready and {r.status_code for r in not_ready} == {503}
        assert not_ready[0].json()["error"] == "database_unavailable"
        assert not_ready[0].headers["Retry-After"] == "5"
        # writes too: a whole sync session (hello, push, pull) after the restarts
        desk = MemoryReplica("desk-a", "desk", (DOSSIER_RECORD,), ticking())
        for number in range(5):
            desk.write("dossier", f"r{number}", {SCOPE_FIELD: COMMUNE, "applicant_name": f"A {number}"}, "c")
        with HttpTransport(url, secret, timeout=(10.0, 60.0)) as transport:
            run_session(desk, transport, now=ticking())
        check = PostgresStorage(cluster.url, pool_size=1)
        try:
            with check.transaction() as tx:
                rows = tx.query("SELECT count(*) FROM sync_events WHERE scope = ?", (COMMUNE,))
        finally:
            check.close()
        assert rows[0][0] == 5 and desk.vector() == VersionVector({"desk-a": 5})
    finally:
        stop_server(process)
    log = (tmp_path / "stderr.txt").read_text(encoding="utf-8")
    assert "Traceback" not in log
