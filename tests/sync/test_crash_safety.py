"""Kill a writing child process with SIGKILL at random moments: every acknowledged write survives, intact."""

from __future__ import annotations

import os
import random
import signal
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sync.store import Store
from tests.helpers.killed_child import kill_round

CHILD = Path(__file__).with_name("crash_writer_child.py")
ROOT = Path(__file__).resolve().parents[2]
KILLS = 50

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")


def clock() -> datetime:
    return datetime.now(UTC)


def new_id() -> str:
    return uuid.uuid4().hex


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
        argv = [sys.executable, str(CHILD), str(folder), key.hex(), str(start)]
        got = [int(line) for line in kill_round(argv, ROOT, rng, round_no, start_up=0.4, writing=0.2)]
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
