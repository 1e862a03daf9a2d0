"""Server test fixtures: storage on SQLite and on a throwaway PostgreSQL, a settable clock, a live uvicorn,
the admin CLI on a config file, a provincial server for desks to enrol with (``province``, also used by the
desk tests)."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
import requests
import uvicorn

from server.app import create_app
from server.cli import main as server_cli
from server.communes import load_communes, official_communes
from server.config import ServerConfig, load_config
from server.storage import open_storage
from server.storage.interface import ServerStorage
from server.storage.postgres_storage import PostgresStorage
from server.storage.sqlite_storage import SqliteStorage
from server.uvicorn_settings import uvicorn_config
from sync.device_keys import DeviceIdentity
from sync.protocol_version import protocol_headers
from tests.helpers.enrolled_desks import HOAN_KIEM
from tests.helpers.postgres_cluster import postgres_cluster

PROVINCE = "01"
START = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)  # 08:00 in Vietnam, a Monday
FAST_ARGON2 = {"argon2_memory_kib": 8 * 1024, "argon2_iterations": 1, "argon2_lanes": 1}


class Clock:
    """A clock the test moves by hand (thread-safe enough for a server thread reading it)."""

    def __init__(self, start: dt.datetime = START) -> None:
        self.current = start

    def now(self) -> dt.datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += dt.timedelta(**delta)


class Ids:
    """A deterministic id factory: ``id0001``, ``id0002`` …"""

    def __init__(self) -> None:
        self._counter = itertools.count(1)
        self._lock = threading.Lock()

    def __call__(self) -> str:
        with self._lock:
            return f"id{next(self._counter):04d}"


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    with postgres_cluster() as url:
        yield url


@pytest.fixture
def postgres_database(postgres_url: str) -> Iterator[str]:
    """A fresh, empty database on the test cluster (dropped after the test: cheaper than deleting many
    database folders when the cluster stops)."""
    name = f"t_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name} STRATEGY = FILE_COPY")
    yield postgres_url.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE {name} WITH (FORCE)")


def open_backend(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> ServerStorage:
    if backend == "sqlite":
        return SqliteStorage(tmp_path / "server.db")
    return PostgresStorage(request.getfixturevalue("postgres_database"), pool_size=4)


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def bare_storage(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ServerStorage]:
    """An empty, not yet migrated database."""
    storage = open_backend(backend, request, tmp_path)
    yield storage
    storage.close()


@pytest.fixture
def storage(bare_storage: ServerStorage) -> ServerStorage:
    """A migrated database holding province 01's communes."""
    bare_storage.migrate()
    load_communes(bare_storage, PROVINCE)
    return bare_storage


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def ids() -> Ids:
    return Ids()


@pytest.fixture(scope="session")
def communes() -> list[str]:
    """Codes of the first three communes of province 01."""
    return [c.code for c in official_communes(PROVINCE)[:3]]


def make_config(**changes: Any) -> ServerConfig:
    return ServerConfig(**{**FAST_ARGON2, **changes})


class LiveServer:
    """A real uvicorn serving the app on 127.0.0.1 (a free port), in a thread."""

    def __init__(self, config: ServerConfig, storage: ServerStorage, clock: Clock, ids: Ids) -> None:
        self.config = config
        self.app = create_app(config, storage, now=clock.now, new_id=ids)
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn_config(self.app, config))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [sock]}, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.01)
        self.session = requests.Session()
        self.session.headers.update(protocol_headers())

    def request(
        self, method: str, path: str, *, token: str | None = None, **kwargs: Any
    ) -> requests.Response:
        headers = dict(kwargs.pop("headers", {}) or {})
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        return self.session.request(method, self.url + path, headers=headers, timeout=10, **kwargs)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("POST", path, **kwargs)

    def wait_idle(self, timeout: float = 20) -> None:
        """Wait until no request is being handled (e.g. a push whose client was cut off: the batch the
        server had read when the link broke is still being stored)."""
        deadline = time.monotonic() + timeout
        while self.server.server_state.tasks:
            if time.monotonic() > deadline:
                raise AssertionError("the server is still handling a request")
            time.sleep(0.01)

    def stop(self) -> None:
        self.session.close()
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def serve(storage: ServerStorage, clock: Clock, ids: Ids) -> Iterator[Callable[..., LiveServer]]:
    """Start a live server over ``storage`` with settings changed by keyword (stopped after the test)."""
    started: list[LiveServer] = []

    def start(**changes: Any) -> LiveServer:
        live = LiveServer(make_config(**changes), storage, clock, ids)
        started.append(live)
        return live

    yield start
    for live in started:
        live.stop()


@pytest.fixture
def live(serve: Callable[..., LiveServer]) -> LiveServer:
    return serve()


@pytest.fixture
def config_file(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    if backend == "sqlite":
        database = "sqlite:///data/server.db"  # relative to the config file
    else:
        database = request.getfixturevalue("postgres_database")
    path = tmp_path / "server.toml"
    path.write_text(
        f'[server]\ndatabase = "{database}"\n'
        "[accounts]\nargon2_memory_kib = 8192\nargon2_iterations = 1\nargon2_lanes = 1\n",
        encoding="utf-8",
    )
    return path


class Cli:
    def __init__(self, config: Path) -> None:
        self.config = config
        self.clock = Clock()
        self.ids = Ids()

    def __call__(self, *args: str, stdin: str = "") -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        code = server_cli(
            ["--config", str(self.config), *args],
            stdin=io.StringIO(stdin),
            stdout=out,
            stderr=err,
            now=self.clock.now,
            new_id=self.ids,
        )
        return code, out.getvalue(), err.getvalue()

    def storage(self) -> ServerStorage:
        return open_storage(load_config(self.config))


@pytest.fixture
def cli(config_file: Path) -> Cli:
    return Cli(config_file)


@dataclass
class Province:
    live: LiveServer
    storage: SqliteStorage
    clock: Clock
    config: Path

    def code(self, commune: str = HOAN_KIEM, *extra: str) -> str:
        """A one-time code made with the admin CLI, as provincial IT does."""
        out, err = io.StringIO(), io.StringIO()
        status = server_cli(
            ["--config", str(self.config), "enrol-code", "--commune", commune, *extra],
            stdout=out,
            stderr=err,
            now=self.clock.now,
            new_id=lambda: uuid.uuid4().hex,
        )
        assert status == 0, err.getvalue()
        return out.getvalue().split(": ", 1)[1].split()[0]


@pytest.fixture
def province(tmp_path: Path) -> Iterator[Province]:
    database = tmp_path / "server" / "server.db"
    database.parent.mkdir()
    storage = SqliteStorage(database)
    storage.migrate()
    load_communes(storage, "01")
    config = tmp_path / "server" / "server.toml"
    config.write_text(f'[server]\ndatabase = "sqlite:///{database}"\n', encoding="utf-8")
    clock = Clock()
    live = LiveServer(make_config(), storage, clock, Ids())
    yield Province(live, storage, clock, config)
    live.stop()
    storage.close()


def device_keys(replica_id: str) -> dict[str, str]:
    return DeviceIdentity.generate(replica_id).public().to_json()
