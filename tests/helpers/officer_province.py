"""A provincial server as its own process for the officers' web journeys: a config file, communes, an
enrolment code and officer accounts made with the server's admin CLI (as provincial IT does), a desk enrolled
with the IT command."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from server.cli import main as server_cli
from sync.attachments import AttachmentStore
from sync.connection import Connection
from tests.helpers.server_processes import free_port, start_server, stop_server
from workstation.dossier_desk import DossierDesk

PASSWORD = "mật khẩu đủ dài 2026"


class RealClock:
    """The real time (the server process runs on it too), with ``now`` as the desk helpers expect."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)


@dataclass
class LiveUrl:
    url: str


@dataclass
class ProvinceProcess:
    """The server process, its config and URL; ``cli`` runs an admin command against its database."""

    config: Path
    url: str
    process: subprocess.Popen[bytes]
    clock: RealClock

    @property
    def live(self) -> LiveUrl:  # what tests.helpers.enrolled_desks.it_enrol reads
        return LiveUrl(self.url)

    def cli(self, *args: str, stdin: str = "") -> str:
        out, err = io.StringIO(), io.StringIO()
        status = server_cli(
            ["--config", str(self.config), *args], stdin=io.StringIO(stdin), stdout=out, stderr=err
        )
        assert status == 0, err.getvalue()
        return out.getvalue()

    def enrolment_code(self, commune: str) -> str:
        return self.cli("enrol-code", "--commune", commune).split(": ", 1)[1].split()[0]

    def add_officer(self, username: str, role: str, department: str | None = None) -> None:
        extra = ["--department", department] if department else []
        self.cli(
            "create-account", "--username", username, "--role", role, "--province", "01", *extra,
            stdin=PASSWORD + "\n",
        )  # fmt: skip

    def stop(self) -> None:
        stop_server(self.process)


def start_province(folder: Path) -> ProvinceProcess:
    """A migrated SQLite server for Hà Nội (province 01) on a free port of 127.0.0.1."""
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    config = folder / "server.toml"
    config.write_text(
        f'[server]\ndatabase = "sqlite:///{folder / "server.db"}"\nport = {port}\nhost = "127.0.0.1"\n'
        f'log_dir = "{folder / "logs"}"\n'
        "[accounts]\nargon2_memory_kib = 8192\nargon2_iterations = 1\nargon2_lanes = 1\n"
        "[limits]\nanonymous_requests_per_minute = 600\nanonymous_burst = 100\n",
        encoding="utf-8",
    )
    probe = ProvinceProcess(config, f"http://127.0.0.1:{port}", None, RealClock())  # type: ignore[arg-type]
    probe.cli("create-communes", "--province", "01")
    probe.process = start_server(config, port)
    return probe


def add_image_scan(
    desk: DossierDesk, content: bytes, name: str, media_type: str = "image/png"
) -> dict[str, Any]:
    """Store a scanned image the way the desk's scan screen does; its value in a dossier's attachments."""

    def operation(conn: Connection) -> dict[str, Any]:
        attachments = AttachmentStore(conn, desk.store.paths.attachments, now=desk.clock)
        info = attachments.add_stream(io.BytesIO(content), media_type)
        return {"sha256": info.sha256, "name": name, "media_type": info.media_type, "size": info.size}

    return desk.store.write(operation).result()
