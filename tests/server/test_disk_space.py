"""A full data disk is seen before a write fails (issue 14, finding 5), on a live server: ``/healthz`` says
so, ``/readyz`` answers 507, writes answer 507 in words before they are read, reads go on; freeing space
brings writes back."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from server.communes import load_communes
from server.storage.sqlite_storage import SqliteStorage
from tests.helpers.server_accounts import enrol_body, issue
from tests.server.conftest import PROVINCE, Clock, Ids, LiveServer, make_config

MIB = 1024 * 1024


def assert_full(live: LiveServer, storage: object, clock: Clock, ids: Ids, commune: str) -> None:
    health = live.get("/healthz")
    assert health.status_code == 200 and health.json()["disk"] == "full"
    assert "the server's disk is full" in health.json()["disk_problem"]
    ready = live.get("/readyz")
    assert ready.status_code == 507 and ready.json()["error"] == "disk_full"
    code = issue(storage, commune, clock, ids)  # type: ignore[arg-type]
    write = live.post("/v1/enrol", json=enrol_body(code, commune, "desk-d"))
    assert write.status_code == 507 and write.json()["error"] == "disk_full", write.text
    assert "the server's disk is full: nothing of this request was saved" in write.json()["message"]
    assert live.get("/v1/communes").status_code in (401, 200)  # reads are not refused for the disk


@pytest.mark.parametrize("backend", ["sqlite"])
def test_below_the_minimum_free_space_writes_are_refused_in_words(
    serve: Callable[..., LiveServer], storage: object, clock: Clock, ids: Ids, communes: list[str]
) -> None:
    live = serve(min_free_disk_mib=10**12)  # more than any disk has: this disk counts as full
    assert_full(live, storage, clock, ids, communes[0])
    roomy = serve()
    assert "disk" not in roomy.get("/healthz").json()
    assert roomy.get("/readyz").status_code == 200
    code = issue(storage, communes[0], clock, ids)  # type: ignore[arg-type]
    assert roomy.post("/v1/enrol", json=enrol_body(code, communes[0], "desk-e")).status_code == 200


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """An 8 MiB tmpfs (skipped where this process may not mount one)."""
    folder = tmp_path / "small-disk"
    folder.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8m,mode=0700", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root); the threshold test covers the logic")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_really_full_data_disk_is_seen_and_freeing_it_brings_writes_back(
    small_disk: Path, clock: Clock, ids: Ids, communes: list[str]
) -> None:
    storage = SqliteStorage(small_disk / "server.db")
    storage.migrate()
    load_communes(storage, PROVINCE)
    commune = communes[0]
    config = make_config(database=f"sqlite:///{small_disk / 'server.db'}", min_free_disk_mib=4)
    live = LiveServer(config, storage, clock, ids)
    try:
        filler = small_disk / "filler"
        filler.write_bytes(b"\0" * (5 * MIB))  # 8 MiB disk, < 4 MiB left
        time.sleep(1.1)  # the free space is read at most once a second
        assert_full(live, storage, clock, ids, commune)
        filler.unlink()
        time.sleep(1.1)
        assert live.get("/readyz").status_code == 200
        code = issue(storage, commune, clock, ids)
        assert live.post("/v1/enrol", json=enrol_body(code, commune, "desk-f")).status_code == 200
    finally:
        live.stop()
        storage.close()
