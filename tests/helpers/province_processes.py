"""A provincial server as its own process on 127.0.0.1 (SQLite), set up with its admin CLI, and desks of
Phường Hoàn Kiếm enrolled with it through the IT command, holding dossiers written in one transaction; what
the server holds, counted in its database."""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
import subprocess
import uuid
from pathlib import Path

from desktop.__main__ import main as motcua
from dossiers.dossier_record import DOSSIER_RECORD, SCOPE_FIELD
from server.cli import main as server_cli
from sync.replica_store import ReplicaStore
from sync.sync_session import run_session
from tests.helpers.enrolled_desks import HOAN_KIEM, PASS, desk_ids, new_desk, unlock
from tests.helpers.live_desks import dossier_fields
from tests.helpers.server_processes import free_port, start_server, stop_server
from workstation.enrolment import stored_transport_factory
from workstation.it_commands.console import Console
from workstation.it_commands.enrol import run_enrol
from workstation.it_commands.workstation_paths import workstation_paths


class RealClock:
    """The desk's and the server's clock in these journeys: the real one (the server runs apart)."""

    @staticmethod
    def now() -> dt.datetime:
        return dt.datetime.now(dt.UTC)


class ProvinceProcess:
    """``python -m server`` on a free port over a SQLite file in ``folder``; stop and start it again."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.database = folder / "server.db"
        self.port = free_port()
        self.config = folder / "server.toml"
        self.config.write_text(
            f'[server]\nport = {self.port}\ndatabase = "sqlite:///{self.database}"\n', encoding="utf-8"
        )
        for command in (["migrate"], ["create-communes", "--province", "01"]):
            self.cli(*command)
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def cli(self, *args: str) -> str:
        out, err = io.StringIO(), io.StringIO()
        status = server_cli(["--config", str(self.config), *args], stdout=out, stderr=err)
        assert status == 0, err.getvalue()
        return out.getvalue()

    def code(self) -> str:
        """A one-time enrolment code for Phường Hoàn Kiếm, as provincial IT makes it."""
        return self.cli("enrol-code", "--commune", HOAN_KIEM).split(": ", 1)[1].split()[0]

    def start(self) -> None:
        self.process = start_server(self.config, self.port)

    def stop(self) -> None:
        if self.process is not None:
            stop_server(self.process)
            self.process = None

    def events_of(self, replica_id: str) -> tuple[int, int]:
        """How many events of ``replica_id`` the server stores, and how many distinct (counted twice?)."""
        with sqlite3.connect(self.database) as conn:
            total, distinct = conn.execute(
                "SELECT count(*), count(DISTINCT counter) FROM sync_events WHERE replica_id = ?",
                (replica_id,),
            ).fetchone()
        return int(total), int(distinct)


def enrolled_desk(
    root: Path, name: str, server_url: str, code: str, *, sync_interval: int | None = None
) -> Path:
    """A desk's data folder: store created (clerk ``lan``), enrolled through the IT command at
    ``server_url``; ``sync_interval``: seconds between automatic syncs, set with the IT command."""
    clock = RealClock()
    data = new_desk(root, name, clock)  # type: ignore[arg-type]
    out, err = io.StringIO(), io.StringIO()
    console = Console(out=out, err=err, ask_secret=lambda _prompt: PASS)
    status = run_enrol(
        workstation_paths(data), server_url, code, console, login="lan", now=clock.now, new_id=desk_ids(name)
    )
    assert status == 0, out.getvalue() + err.getvalue()
    if sync_interval is not None:  # as IT sets it: motcua sync-interval SECONDS
        assert motcua(["sync-interval", "--data-dir", str(data), str(sync_interval)]) == 0
    return data


def write_dossiers(data: Path, count: int, *, first: int = 1, then_sync: bool = False) -> str:
    """``count`` dossiers of the commune written on the desk in ``data`` (one transaction), then, with
    ``then_sync``, sent to its server in one session (as "Sync now" does); its replica id."""
    session = unlock(data, RealClock(), name=f"writer-{uuid.uuid4().hex[:6]}")  # type: ignore[arg-type]
    try:
        store = session.store
        replica = ReplicaStore(store, "desk", (DOSSIER_RECORD,), scope_field=SCOPE_FIELD, now=RealClock.now)

        def write(conn: object) -> None:
            for number in range(first, first + count):
                replica.write_in(
                    conn,  # type: ignore[arg-type]
                    "dossier",
                    f"{store.replica_id}-{number:05d}",
                    dossier_fields(HOAN_KIEM, number),
                    "lan",
                )

        store.write(write).result()
        if then_sync:
            factory = stored_transport_factory(store)
            assert factory is not None
            assert run_session(replica, factory(), now=RealClock.now).pushed_events == count
        return store.replica_id
    finally:
        session.store.close()
