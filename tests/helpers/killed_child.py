"""Run a child program and SIGKILL it at a chosen moment (the crash tests): what did it acknowledge?"""

from __future__ import annotations

import random
import signal
import subprocess
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO


def run_and_kill(argv: Sequence[str], cwd: Path, delay: float, *, after_first_line: bool) -> list[str]:
    """Start ``argv``, SIGKILL it ``delay`` s after it starts (or after it printed its first line).

    Returns the lines it printed (complete lines only: a write is acknowledged once its line is out).
    """
    child = subprocess.Popen(list(argv), stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd)
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
        if after_first_line:
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
    return b"".join(chunks).decode().split("\n")[:-1]  # the last piece has no newline: not acknowledged


def kill_round(
    argv: Sequence[str], cwd: Path, rng: random.Random, round_no: int, *, start_up: float, writing: float
) -> list[str]:
    """One round of a crash test: mostly a kill within ``writing`` s after the child's first line; every fifth
    round at any moment of its first ``start_up`` s (imports, opening, migrating). Returns its lines."""
    early = round_no % 5 == 0
    delay = rng.uniform(0.0, start_up if early else writing)
    return run_and_kill(argv, cwd, delay, after_first_line=not early)
