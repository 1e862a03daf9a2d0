"""Kill a writing child process with SIGKILL at random moments: every acknowledged write survives, intact."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

import pytest

from sync.store import Store

CHILD = Path(__file__).with_name("crash_writer_child.py")
ROOT = Path(__file__).resolve().parents[2]
KILLS = 50

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")


def clock() -> datetime:
    return datetime.now(UTC)


def new_id() -> str:
    return uuid.uuid4().hex


def run_and_kill(folder: Path, key: bytes, start: int, delay: float, *, after_first_write: bool) -> list[int]:
    """Start the child, SIGKILL it ``delay`` s after it starts (or after its first acknowledged write).

    Returns the numbers it acknowledged (complete lines only).
    """
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(folder), key.hex(), str(start)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert child.stdout is not None and child.stderr is not None
    chunks: list[bytes] = []
    first = threading.Event()

    def collect(stream: IO[bytes]) -> None:
        while data := stream.read1(65536):  # type: ignore[attr-defined]
            chunks.append(data)
            if b"\n" in data:
                first.set()

    reader = threading.Thread(target=collect, args=(child.stdout,))
    reader.start()
    try:
        if after_first_write:
            first.wait(20)
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait(30)
        reader.join(30)
        err = child.stderr.read()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL, err.decode(errors="replace")
    lines = b"".join(chunks).decode().split("\n")
    return [int(line) for line in lines[:-1]]  # the last piece has no newline: not fully acknowledged


@pytest.mark.slow
def test_acknowledged_writes_survive_sigkill(tmp_path: Path) -> None:
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    key = os.urandom(32)
    folder = tmp_path / "store"
    acknowledged: set[int] = set()
    start = 0
    kills_with_writes = 0
    for round_no in range(KILLS):
        # Mostly while writing; every fifth round at any moment of start-up (imports, opening, migrating).
        early = round_no % 5 == 0
        delay = rng.uniform(0.0, 0.4) if early else rng.uniform(0.0, 0.2)
        got = run_and_kill(folder, key, start, delay, after_first_write=not early)
        kills_with_writes += bool(got)
        acknowledged.update(got)
        if not folder.joinpath("store.db").exists():
            continue  # killed before the store was created
        with Store.open(folder, key, now=clock, new_id=new_id) as store:
            with store.reader() as conn:
                assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)], f"seed {seed}"
            present = {r.data["n"] for r in store.list_records("crash")}
            last = store.get_record("counter", "last")
        missing = acknowledged - present
        assert not missing, f"seed {seed}, round {round_no}: acknowledged writes lost: {sorted(missing)[:10]}"
        if present:
            # both writes of one operation or neither: the counter names exactly the newest record
            assert last is not None and last.data["n"] == max(present), f"seed {seed}, round {round_no}"
            start = max(present) + 1
    assert kills_with_writes >= KILLS * 3 // 4, f"seed {seed}: the child rarely got to write before the kill"
    assert len(acknowledged) >= KILLS
