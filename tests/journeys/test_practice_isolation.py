"""Practice mode keeps away from real data and real servers (issue 17): started from the real desk's unlock
screen, it never opens or writes the real store or its folder (bytes and times unchanged), a practice sync and
a USB export reach no server (a live listener on 127.0.0.1 sees no connection), the IT command line refuses
commands in practice mode, and a practice code never parses as a real one."""

from __future__ import annotations

import datetime as dt
import socket
import threading
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.__main__ import main
from desktop.app import build
from desktop.practice.practice_desk import PracticeDesk, practice_desk
from dossiers.dossier_codes import DossierCode, format_code, parse_code
from dossiers.errors import DossierCodeError
from dossiers.practice_marks import practice_code_text
from sync.log_redaction import reset_logging
from tests.helpers.desk_driver import close_desk
from tests.helpers.journey_steps import click, queue_shown, shortcut
from tests.helpers.workstations import hanoi_site
from workstation.opening import create_workstation


def _snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


class Listener:
    """A TCP server on 127.0.0.1 that counts connections (a server practice mode must never reach)."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.sock.settimeout(0.2)
        self.running = True
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while self.running:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self.running = False
        self.thread.join()
        self.sock.close()


def test_practice_from_the_unlock_screen_never_touches_the_real_store(qtbot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    real = create_workstation(
        data / "store",
        site=hanoi_site(),
        login="lan",
        full_name="Nguyễn Thị Lan",
        passphrase="trống đồng Đông Sơn",
        recovery_pem=None,
        now=lambda: dt.datetime.now(dt.UTC),
        new_id=lambda: uuid.uuid4().hex,
    )
    real.store.close()
    listener = Listener()
    built = build(["motcua"], data_dir=data, practice_desk=practice_desk)
    try:
        desk = built.controller
        qtbot.waitUntil(lambda: desk.unlock_screen.isVisible(), timeout=20_000)
        assert desk.unlock_screen.practice_button.isVisible()
        before = _snapshot(data / "store")
        lock_before = _snapshot(data)  # the real desk's own lock file, beside the store
        lock_before = {k: v for k, v in lock_before.items() if not k.startswith("practice")}

        click(qtbot, desk.unlock_screen.practice_button)
        practice = desk.practice
        assert isinstance(practice, PracticeDesk)
        qtbot.waitUntil(lambda: practice.window is not None and practice.screens is not None, timeout=30_000)
        qtbot.waitUntil(lambda: queue_shown(practice.window))
        assert not desk.unlock_screen.isVisible() and desk.session is None  # the real store stays closed
        assert practice.store_folder == data / "practice" / "store"

        finished = []
        practice.screens.sync.finished.connect(finished.append)
        shortcut(qtbot, practice.window, Qt.Key.Key_F9)  # a practice sync: the simulated province answers
        qtbot.waitUntil(lambda: bool(finished), timeout=20_000)
        practice.screens.sync_status.action_export.trigger()  # USB export: refused in words
        box = practice.refusal
        assert isinstance(box, QMessageBox) and box.isVisible() and "USB" in box.text()
        box.close()
        practice.screens.sync_status.action_import.trigger()
        assert "USB" in practice.refusal.text()
        practice.refusal.close()

        assert listener.connections == 0
        assert _snapshot(data / "store") == before
        practice.action_leave.trigger()  # back to the real unlock screen
        qtbot.waitUntil(lambda: desk.unlock_screen.isVisible() and desk.practice is None, timeout=10_000)
        after = {k: v for k, v in _snapshot(data).items() if not k.startswith("practice")}
        assert after == lock_before and _snapshot(data / "store") == before
        assert listener.connections == 0
        assert not any(w.isVisible() for w in QApplication.topLevelWidgets() if w is not desk.unlock_screen)
    finally:
        close_desk(built.controller)
        built.close_logs()
        reset_logging()
        listener.close()


def test_the_command_line_refuses_it_commands_in_practice_mode(tmp_path: Path, capsys) -> None:
    status = main(
        ["--practice", "--data-dir", str(tmp_path), "enrol", "--server", "https://x", "--code", "A"]
    )
    assert status == 2
    assert "never enrols" in capsys.readouterr().err
    assert not (tmp_path / "store").exists()


def test_a_practice_code_does_not_parse_as_a_real_one() -> None:
    code = DossierCode("000.00.01.H22", dt.date(2026, 12, 7), 1)
    assert parse_code(format_code(code)) == code
    with pytest.raises(DossierCodeError):
        parse_code(practice_code_text(code))
