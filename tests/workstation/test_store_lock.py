"""The store's lock: one program at a time, its holder named in the refusal, released by release() and by
the death of the process that held it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from workstation.errors import WorkstationError
from workstation.store_lock import StoreInUse, StoreLock, lock_file_for

REPOSITORY = Path(__file__).resolve().parents[2]

HOLDER_SCRIPT = """
import sys, time
from workstation.store_lock import StoreLock
lock = StoreLock.acquire(sys.argv[1], holder="a test holder")
print("held", flush=True)
time.sleep(120)
"""


def test_one_holder_at_a_time_and_the_refusal_names_it(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "store"
    with StoreLock.acquire(folder, holder="the motcua desk") as lock:
        assert lock.held and lock.path == tmp_path / "data" / "store.lock" == lock_file_for(folder)
        assert not folder.exists()  # beside the store folder, which a restore replaces whole
        with pytest.raises(StoreInUse) as refused:
            StoreLock.acquire(folder, holder="motcua rotate-key")
        assert refused.value.holder == f"the motcua desk (process {os.getpid()})"
        assert isinstance(refused.value, WorkstationError)
        with StoreLock.acquire(tmp_path / "other" / "store", holder="another store"):
            pass  # another store's lock is its own
    assert not lock.held
    lock.release()  # idempotent
    with StoreLock.acquire(folder, holder="motcua rotate-key"):
        pass


def test_the_lock_of_a_killed_process_does_not_block(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "store"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER_SCRIPT, str(folder)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPOSITORY)},
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        with pytest.raises(StoreInUse, match=f"a test holder \\(process {holder.pid}\\)"):
            StoreLock.acquire(folder, holder="motcua recover")
    finally:
        holder.send_signal(signal.SIGKILL if hasattr(signal, "SIGKILL") else signal.SIGTERM)
        holder.wait(timeout=30)
    assert lock_file_for(folder).exists()  # the file stays, but nobody holds it any more
    with StoreLock.acquire(folder, holder="motcua recover") as lock:
        assert lock.held
