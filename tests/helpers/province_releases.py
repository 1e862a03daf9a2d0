"""A provincial server process set up by its admin CLI, with signed releases, for the update journeys."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import types
import uuid
from pathlib import Path

from resources import RESOURCES_DIR
from server.cli import main as server_cli
from tests.helpers.server_processes import free_port, start_server, stop_server

MARKER = "Mẫu biên nhận cập nhật 2026.12"


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class ProvinceServer:
    """``python -m server`` on SQLite in ``root``; :meth:`cli` runs the admin CLI on its settings."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.config = root / "server.toml"
        self.config.write_text(
            f'[server]\nport = {self.port}\ndatabase = "sqlite:///data/server.db"\n'
            "[accounts]\nargon2_memory_kib = 8192\nargon2_iterations = 1\nargon2_lanes = 1\n",
            encoding="utf-8",
        )
        self.releases = root / "data" / "releases"
        self.process: subprocess.Popen[bytes] | None = None
        self.clock = types.SimpleNamespace(now=utc_now)  # what the desk helpers need of a province
        self.live = types.SimpleNamespace(url=self.url)

    def cli(self, *args: str) -> str:
        out, err = io.StringIO(), io.StringIO()
        status = server_cli(
            ["--config", str(self.config), *args],
            stdout=out,
            stderr=err,
            now=utc_now,
            new_id=lambda: uuid.uuid4().hex,
        )
        assert status == 0, err.getvalue()
        return out.getvalue()

    def cli_fails(self, *args: str) -> str:
        out, err = io.StringIO(), io.StringIO()
        status = server_cli(["--config", str(self.config), *args], stdout=out, stderr=err, now=utc_now)
        assert status == 2, out.getvalue()
        return err.getvalue()

    def start(self) -> None:
        self.cli("migrate")
        self.cli("create-communes", "--province", "01")
        self.process = start_server(self.config, self.port)

    def code(self, commune: str = "00070") -> str:
        return self.cli("enrol-code", "--commune", commune).split(": ", 1)[1].split()[0]

    def stop(self) -> None:
        if self.process is not None:
            stop_server(self.process)


def reference_folder(root: Path, marker: str | None = MARKER) -> Path:
    """A reference-data release: the shipped forms and catalogue, Mẫu 01 carrying ``marker``."""
    folder = root / "reference"
    shutil.copytree(RESOURCES_DIR / "forms", folder / "forms", ignore=shutil.ignore_patterns("*.md"))
    shutil.copytree(RESOURCES_DIR / "catalogue", folder / "catalogue")
    if marker is not None:
        receipt = folder / "forms" / "mau_01.html"
        text = receipt.read_text(encoding="utf-8")
        receipt.write_text(text.replace("</body>", f"<p>{marker}</p></body>", 1), encoding="utf-8")
    return folder


def program_folder(root: Path, version: str, log: Path) -> Path:
    """A stand-in desk program release: a ``motcua`` that notes its version and arguments in ``log``."""
    folder = root / f"program-{version}"
    folder.mkdir(parents=True)
    program = folder / "motcua"
    program.write_text(f'#!/bin/sh\necho "motcua {version} $*" >> "{log}"\n', encoding="utf-8")
    program.chmod(0o755)
    return folder
