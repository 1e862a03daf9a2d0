"""Desks as their own processes (``tests.helpers.lan_desk_runner``) for the LAN journeys: start one on a
workstation's data folder, ask it to do things, stop it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


class DeskProcess:
    """A running desk; :meth:`ask` sends one request and returns its answer (raising on an error)."""

    def __init__(self, data: Path, name: str, port: int) -> None:
        self.name = name
        self.port = port
        self._stderr = (data / "runner-stderr.txt").open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.helpers.lan_desk_runner", str(data), name, str(port)],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
            encoding="utf-8",
        )
        self._errors = data / "runner-stderr.txt"
        ready = self._read()
        assert ready == {"ready": True}, ready

    def _read(self) -> Any:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise AssertionError(f"desk {self.name} stopped: " + self._errors.read_text(errors="replace"))
        return json.loads(line)

    def request(self, op: str, **args: Any) -> dict[str, Any]:
        """The raw answer: ``{"ok": …}`` or ``{"error": code, "message": words}``."""
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps({"op": op, **args}, ensure_ascii=False) + "\n")
        self.process.stdin.flush()
        return self._read()

    def ask(self, op: str, **args: Any) -> Any:
        answer = self.request(op, **args)
        if "error" in answer:
            raise AssertionError(f"desk {self.name} could not {op}: {answer}")
        return answer["ok"]

    def stop(self) -> None:
        if self.process.poll() is None:
            try:
                self.request("quit")
            except (AssertionError, OSError, ValueError):
                pass
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._stderr.close()
