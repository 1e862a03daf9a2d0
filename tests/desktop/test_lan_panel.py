"""The desk's "Desks…" dialog: IT turns the LAN on, shows a code that another desk (its own process) types,
the status bar lists the paired desk with its last contact and waiting changes after F9; typing a wrong code
for another desk is refused in words."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.sync_panel.peers_view import LanDialog
from desktop.sync_panel.sync_status_widget import when_text
from tests.helpers.desk_driver import running_desk, unlock
from tests.helpers.enrolled_desks import new_desk
from tests.helpers.journey_steps import shortcut
from tests.helpers.lan_desk_processes import DeskProcess
from tests.helpers.qt_keys import press, type_text
from tests.helpers.server_processes import free_port
from tests.helpers.workstations import Clock


def _retype(widget, text: str) -> None:
    widget.setFocus()
    widget.selectAll() if hasattr(widget, "selectAll") else widget.lineEdit().selectAll()
    press(widget, Qt.Key.Key_Delete)
    type_text(widget, text)


def test_it_pairs_from_the_desk_and_the_status_bar_shows_the_other_desk(
    qtbot, workstation, tmp_path: Path
) -> None:
    data_dir, _ = workstation
    clock = Clock()
    other = None
    with running_desk(data_dir, clock) as desk:
        desk.start()
        unlock(qtbot, desk)
        qtbot.waitUntil(lambda: desk.screens is not None and desk.screens.lan.ready, timeout=20_000)
        screens = desk.screens
        assert screens.peers.label.text() == screens.peers.tr("No other desk paired")
        assert not screens.peers.isVisible()  # no paired desk: the status bar keeps its room for the sync
        screens.action_desks.trigger()  # Tools → Other desks of this commune (LAN)…
        dialog = screens.peers.dialog
        assert isinstance(dialog, LanDialog)
        qtbot.waitUntil(dialog.isVisible)
        assert not dialog.show_code_button.isEnabled()  # the LAN is off: not enrolled either, nowhere to sync
        assert not screens.sync.can_sync

        port = free_port()
        qtbot.mouseClick(dialog.enabled, Qt.MouseButton.LeftButton)
        _retype(dialog.port, str(port))
        type_text(dialog.name, "Bàn 1")
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: screens.lan.listening is not None, timeout=10_000)
        assert screens.lan.listening[1] == port
        qtbot.waitUntil(lambda: str(port) in dialog.message.text(), timeout=10_000)
        assert screens.sync.can_sync  # F9 and the schedule now reach the paired desks

        qtbot.mouseClick(dialog.show_code_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(dialog.code_label.text()) > 19, timeout=10_000)
        code, address = dialog.code_label.text().split()
        host, shown_port = address.rsplit(":", 1)
        assert int(shown_port) == port

        other = DeskProcess(new_desk(tmp_path, "other", SimpleNamespace(now=clock)), "Bàn 2", free_port())
        try:
            other.ask("join", host="127.0.0.1", port=port, code=code)
            qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=10_000)
            assert dialog.table.item(0, 0).text() == "Bàn 2"
            scan = tmp_path / "scan.pdf"
            scan.write_bytes(b"%PDF-1.4 " + bytes(range(256)) * 8)
            received = other.ask(
                "receive",
                scan=str(scan),
                name="Trần Thị Hoà",
                birth="1992-05-05",
                sex="female",
                id_number="001192012345",
            )
            dialog.close()

            shortcut(qtbot, desk.window, Qt.Key.Key_F9)  # Sync now: the paired desk first
            qtbot.waitUntil(lambda: desk.work.desk.search("tran thi hoa") == [received["id"]], timeout=20_000)
            qtbot.waitUntil(lambda: screens.lan.statuses[0].last_contact is not None, timeout=10_000)
            [status] = screens.lan.statuses
            assert status.waiting == 0 and status.error_code is None
            assert screens.peers.peer_text(status) in screens.peers.label.text()
            assert when_text(status.last_contact) in screens.peers.label.toolTip()

            # Another pairing, typed here: a wrong code is refused in words, nothing is paired.
            offer = other.ask("offer")
            screens.peers.open_dialog()
            type_text(dialog.address, f"127.0.0.1:{offer['port']}")
            type_text(
                dialog.code, offer["code"][:-4] + ("AAAA" if not offer["code"].endswith("AAAA") else "BBBB")
            )
            qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: dialog.problem.isVisible(), timeout=10_000)
            assert dialog.problem.text() == screens.lan.words.for_code("wrong_code")
            # Without an address: LAN discovery finds the desk showing the code (same fingerprint start).
            dialog.address.clear()
            qtbot.mouseClick(dialog.find_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: dialog.address.text() != "", timeout=10_000)
            assert dialog.address.text() == f"127.0.0.1:{offer['port']}"
            assert dialog.found.isVisible() and "Bàn 2" in dialog.found.currentText()
            if os.environ.get("MOTCUA_SCREENSHOTS"):
                shots = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
                dialog.grab().save(str(shots / "desk-lan-desks-dialog.png"))
                desk.window.grab().save(str(shots / "desk-lan-peers-status.png"))
            dialog.close()
        finally:
            other.stop()
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, LanDialog) and w.isVisible()]
