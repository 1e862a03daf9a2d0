"""The server as its own process (``python -m server --config …``) for tests: a free port, and a start that
waits until it answers."""

from __future__ import annotations

import os
import resource
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(
    config: Path, port: int, *, wait: float = 30, address_space: int | None = None
) -> subprocess.Popen[bytes]:
    """``python -m server --config config``, once it answers ``/healthz`` on ``port`` (its stderr is kept
    beside the config file); ``address_space`` caps its virtual memory (bytes), so a server that misbehaves
    fails with ``MemoryError`` instead of taking the test machine's memory."""

    def limit() -> None:
        if address_space is not None:
            resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))

    with (config.parent / "stderr.txt").open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "server", "--config", str(config)],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            preexec_fn=limit,
        )
    deadline = time.monotonic() + wait
    while True:
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return process
        except requests.ConnectionError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise AssertionError("the server did not start: " + (config.parent / "stderr.txt").read_text())
        time.sleep(0.1)


def stop_server(process: subprocess.Popen[bytes], *, sig: int = signal.SIGTERM, wait: float = 40) -> int:
    """Ask the server to stop with ``sig``; kill it if it has not stopped within ``wait`` seconds (and
    raise). Returns its exit status."""
    process.send_signal(sig)
    try:
        return process.wait(timeout=wait)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise


def peak_memory(process: subprocess.Popen[bytes]) -> int:
    """The most resident memory ``process`` has held so far (``VmHWM``), in bytes."""
    for line in Path(f"/proc/{process.pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM in /proc: not Linux?")
