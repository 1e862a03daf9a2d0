"""``bench/bench_sync.py`` still runs (at a tiny size: its figures are not checked here, see
docs/benchmarks.md): a push and a pull through the emulated 256 kbit/s link, and a restore, against a real
server process and SQLCipher desks."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_sync_bench_runs_at_a_tiny_size() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_sync.py"), "10", "200", "first-link"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert re.search(r"push +[\d.]+ s -> [\d.]+ x", done.stdout)
    assert re.search(r"pull +[\d.]+ s -> [\d.]+ x", done.stdout)
    assert re.search(r"[\d,]+ events/s; first byte of the pull after [\d.]+ s", done.stdout)
    assert "64 kbit/s" not in done.stdout
