"""A full disk answers 507 with words, not a generic 500 (issue 14, finding 5): the server's SQLite database
on a small tmpfs (mounting needs root), and an ``OSError(ENOSPC)`` raised by the storage of a live server."""

from __future__ import annotations

import base64
import errno
import itertools
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from dossiers.dossier_record import DOSSIER_RECORD, SCOPE_FIELD
from server.communes import load_communes
from server.errors import DiskFull, StorageError, disk_full_in
from server.storage.interface import Tx
from server.storage.sqlite_storage import SqliteStorage
from sync.replica_memory import MemoryReplica
from sync.sync_messages import END, PUSH, batch_frames, encode_frame
from tests.helpers.server_accounts import enrol
from tests.server.conftest import PROVINCE, Clock, Ids, LiveServer, make_config

OCTETS = {"Content-Type": "application/octet-stream"}


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 3 MiB tmpfs (skipped where this process may not mount one)."""
    folder = tmp_path / "small-disk"
    folder.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m,mode=0700", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root); the ENOSPC injection test covers this")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def pushes(commune: str, clock: Clock) -> Iterator[bytes]:
    """Pushes of 10 dossiers each with 60 kB notes that do not compress, numbered on."""
    desk = MemoryReplica("desk-a", "desk", (DOSSIER_RECORD,), clock.now)
    for round_ in itertools.count():
        before = desk.vector()
        for n in range(10):
            note = base64.b64encode(os.urandom(45_000)).decode()
            desk.write("dossier", f"d{round_:03d}-{n}", {SCOPE_FIELD: commune, "notes": [note]}, "clerk")
        texts = desk.missing_encoded(before)
        yield b"".join(
            [
                encode_frame(PUSH, {"replica": "desk-a", "events": len(texts)}),
                *batch_frames(texts, 10),
                encode_frame(END, {"batches": 1}),
            ]
        )


@contextmanager
def served(storage: SqliteStorage, clock: Clock, ids: Ids, commune: str) -> Iterator[tuple[LiveServer, str]]:
    """A live server over ``storage`` (migrated, with the communes) and a workstation's credential."""
    storage.migrate()
    load_communes(storage, PROVINCE)
    live = LiveServer(make_config(), storage, clock, ids)
    try:
        yield live, enrol(live, storage, commune, clock, ids, "desk-a")["device_secret"]
    finally:
        live.stop()
        storage.close()


def test_a_push_onto_a_full_disk_is_507_in_words(
    small_disk: Path, clock: Clock, ids: Ids, communes: list[str]
) -> None:
    with served(SqliteStorage(small_disk / "server.db"), clock, ids, communes[0]) as (live, secret):
        answers = []
        for body in itertools.islice(pushes(communes[0], clock), 80):
            answer = live.post("/v1/sync/push", token=secret, data=body, headers=OCTETS)
            answers.append(answer.status_code)
            if answer.status_code != 200:
                break
        assert answers[0] == 200 and answers[-1] == 507, answers
        assert answer.json() == {
            "error": "disk_full",
            "message": "the server's disk is full: nothing of this request was saved; try again later "
            "(the province's IT must free space)",
        }
        assert live.get("/v1/me", token=secret).status_code in (200, 507)


class FillingStorage(SqliteStorage):
    """SQLite whose transactions fail with ``ENOSPC`` once ``full`` is set (a disk that filled up)."""

    full = False

    @contextmanager
    def _transaction(self) -> Iterator[Tx]:
        with super()._transaction() as tx:
            if self.full:
                raise OSError(errno.ENOSPC, "No space left on device")
            yield tx


def test_a_storage_out_of_space_answers_507_in_words(
    tmp_path: Path, clock: Clock, ids: Ids, communes: list[str]
) -> None:
    storage = FillingStorage(tmp_path / "server.db")
    with served(storage, clock, ids, communes[0]) as (live, secret):
        body = next(pushes(communes[0], clock))
        storage.full = True
        answer = live.post("/v1/sync/push", token=secret, data=body, headers=OCTETS)
        assert answer.status_code == 507 and answer.json()["error"] == "disk_full", answer.text
        assert "disk is full" in answer.json()["message"]


def test_enospc_behind_a_storage_error_is_disk_full_and_other_errors_are_not() -> None:
    try:
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError as exc:
            raise StorageError("the database could not commit") from exc
    except StorageError as exc:
        assert isinstance(disk_full_in(exc), DiskFull)
    assert disk_full_in(StorageError("the database refused the change")) is None
    assert disk_full_in(OSError(errno.EACCES, "Permission denied")) is None
    assert isinstance(disk_full_in(ServerReplicaDiskFull()), DiskFull)


class ServerReplicaDiskFull(Exception):
    sqlstate = "53100"  # as psycopg's DiskFull carries it
