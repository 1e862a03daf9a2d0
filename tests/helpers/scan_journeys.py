"""Scans between desks and a live provincial server: the server as its own process with enrolment codes from
its admin CLI, desks created and enrolled by the IT command line, a reception with a scan typed through the
desk's F2 dialog, and the scan's bytes as the server holds them."""

from __future__ import annotations

import io
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.app import DeskController
from desktop.new_dossier import NewDossierDialog
from server.cli import main as server_cli
from server.communes import load_communes
from server.storage.sqlite_storage import SqliteStorage
from tests.helpers.enrolled_desks import PASS, desk_ids, site
from tests.helpers.journey_steps import FileDialogAnswer, shortcut
from tests.helpers.qt_keys import press, type_text
from tests.helpers.server_processes import free_port, start_server, stop_server
from workstation.it_commands.console import Console
from workstation.it_commands.enrol import run_enrol
from workstation.it_commands.workstation_paths import workstation_paths
from workstation.opening import create_workstation

HOAN_KIEM = "00070"
CARD_QR = "001090123456|012345678|Nguyễn Văn Đức|01011990|Nam|Số 1 Hàng Bạc, Hoàn Kiếm, Hà Nội|15082021"


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class ScanServer:
    """``python -m server`` on 127.0.0.1 over a SQLite file, and its admin CLI."""

    url: str
    config: Path
    database: Path
    process: subprocess.Popen[bytes]

    def code(self, commune: str = HOAN_KIEM) -> str:
        """A one-time enrolment code, as provincial IT makes one."""
        out, err = io.StringIO(), io.StringIO()
        status = server_cli(
            ["--config", str(self.config), "enrol-code", "--commune", commune],
            stdout=out,
            stderr=err,
            now=utc_now,
            new_id=lambda: uuid.uuid4().hex,
        )
        assert status == 0, err.getvalue()
        return out.getvalue().split(": ", 1)[1].split()[0]

    def scan_bytes(self, sha256: str, commune: str = HOAN_KIEM) -> bytes | None:
        """The scan's content as the server holds it (``None`` until its upload is complete)."""
        with sqlite3.connect(self.database, timeout=10) as conn:
            done = conn.execute(
                "SELECT complete FROM attachments WHERE commune_code = ? AND sha256 = ?", (commune, sha256)
            ).fetchone()
            if not done or done[0] != 1:
                return None
            rows = conn.execute(
                "SELECT data FROM attachment_chunks WHERE commune_code = ? AND sha256 = ?"
                " ORDER BY start_offset",
                (commune, sha256),
            ).fetchall()
        return b"".join(bytes(row[0]) for row in rows)


@contextmanager
def scan_server(root: Path, extra_config: str = "") -> Iterator[ScanServer]:
    """A provincial server process for province 01 (its communes loaded), stopped afterwards."""
    folder = root / "server"
    folder.mkdir(parents=True)
    database = folder / "server.db"
    storage = SqliteStorage(database)
    storage.migrate()
    load_communes(storage, "01")
    storage.close()
    port = free_port()
    config = folder / "server.toml"
    config.write_text(
        f'[server]\nport = {port}\ndatabase = "sqlite:///{database}"\n'
        "[limits]\ndevice_burst = 100000\ndevice_requests_per_minute = 1000000\n" + extra_config,
        encoding="utf-8",
    )
    process = start_server(config, port)
    try:
        yield ScanServer(f"http://127.0.0.1:{port}", config, database, process)
    finally:
        stop_server(process)


def enrolled_desk(root: Path, name: str, server: ScanServer, url: str | None = None) -> Path:
    """A desk's data folder: a store made for Phường Hoàn Kiếm (clerk ``lan``), enrolled by ``motcua enrol``
    (at ``url``, the server's own address unless given)."""
    data = root / name
    session = create_workstation(
        data / "store",
        site=site(),
        login="lan",
        full_name="Nguyễn Thị Lan",
        passphrase=PASS,
        recovery_pem=None,
        now=utc_now,
        new_id=desk_ids(name),
    )
    session.store.close()
    out, err = io.StringIO(), io.StringIO()
    console = Console(out=out, err=err, ask_secret=lambda _prompt: PASS)
    status = run_enrol(
        workstation_paths(data),
        url or server.url,
        server.code(),
        console,
        login="lan",
        now=utc_now,
        new_id=desk_ids(f"{name}-it"),
    )
    assert status == 0, out.getvalue() + err.getvalue()
    return data


def _visible(kind: type) -> list:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def receive_with_scan(qtbot, desk: DeskController, scan_file: Path) -> str:
    """F2: the procedure, the ID card's QR, the required documents ticked, the scan attached (F6), F10;
    the print preview and the dialog closed. Gives the new dossier's id."""
    window = desk.window
    shortcut(qtbot, window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: len(_visible(NewDossierDialog)) == 1)
    [dialog] = _visible(NewDossierDialog)
    qtbot.waitUntil(dialog.picker.search.hasFocus)
    type_text(dialog.picker.search, "khai sinh")
    press(dialog.picker.search, Qt.Key.Key_Return)
    type_text(dialog.applicant.scan, CARD_QR)
    press(dialog.applicant.scan, Qt.Key.Key_Return)
    type_text(dialog.applicant.edits["phone"], "0912345678")
    type_text(dialog.applicant.edits["relationship"], "cha")
    shortcut(qtbot, dialog, Qt.Key.Key_F5)
    checklist = dialog.checklist.list
    required = [row for row, doc in enumerate(dialog.procedure.documents) if doc.required]
    for row in range(checklist.count()):
        if row in required:
            press(checklist, Qt.Key.Key_Space)
        press(checklist, Qt.Key.Key_Down)
    answer = FileDialogAnswer(scan_file)
    shortcut(qtbot, dialog, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: len(dialog.attachments.attached) == 1, timeout=10_000)
    assert answer.answered is not None
    qtbot.waitUntil(lambda: bool(dialog.fee.text()), timeout=10_000)
    shortcut(qtbot, dialog, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: dialog.dossier is not None, timeout=20_000)
    dossier_id = dialog.dossier.dossier_id
    qtbot.waitUntil(lambda: dialog.preview_dialog is not None and dialog.preview_dialog.isVisible())
    press(dialog.preview_dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.preview_dialog.isVisible())
    press(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    return str(dossier_id)
