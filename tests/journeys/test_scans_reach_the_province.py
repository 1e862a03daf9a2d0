"""A citizen's papers reach the province and every desk of the commune (issue 12), through the desk
application object ``desktop.app.build()`` makes, against ``python -m server`` on 127.0.0.1.

Desk A (enrolled by ``motcua enrol``) receives a dossier with a scan through F2; its automatic sync (switched
on with a short interval, as the desk's sync controller does it; "Sync now" is never pressed) sends the
records and then the scan: the server holds the scan byte for byte. Desk B of the same commune syncs by
itself, opens the dossier and sees the scan. Desk C, desk A's store restored by ``motcua restore`` from a
backup taken before the reception and enrolled again, syncs by itself and gets the dossier and its scan back
before anyone opens it.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.app import DeskController
from desktop.dossier_page import DossierWindow
from tests.helpers.enrolled_desks import PASS
from tests.helpers.journey_steps import desk_program, unlock_as
from tests.helpers.qt_keys import press
from tests.helpers.scan_journeys import ScanServer, enrolled_desk, receive_with_scan, scan_server, utc_now
from workstation.it_commands.backup_restore import run_backup, run_restore
from workstation.it_commands.console import Console
from workstation.it_commands.enrol import run_enrol
from workstation.it_commands.workstation_paths import workstation_paths
from workstation.scan_fetching import ScanState

AUTO_SYNC_MINUTES = 0.02  # 1.2 s: the desk's own timer starts every sync below

pytestmark = pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils missing")


def _console() -> Console:
    return Console(out=io.StringIO(), err=io.StringIO(), ask_secret=lambda _prompt: PASS)


def _ids(name: str) -> Callable[[], str]:
    counter = itertools.count(1)
    return lambda: f"{name}-{next(counter)}"


def _open_desk(qtbot, desk: DeskController) -> None:
    """Unlock as ``lan``; once the work session is open, switch the sync controller's automatic mode on."""
    unlock_as(qtbot, desk, "lan", PASS)
    qtbot.waitUntil(lambda: desk.screens is not None and desk.screens.sync.can_sync, timeout=20_000)
    desk.screens.sync.set_auto_sync(AUTO_SYNC_MINUTES)


def _held(desk: DeskController, sha256: str) -> bool:
    with desk.work.store.reader() as conn:
        return conn.execute("SELECT 1 FROM attachments WHERE sha256 = ?", (sha256,)).fetchone() is not None


def _open_first_dossier(qtbot, desk: DeskController) -> DossierWindow:
    """The dossier in the queue, opened with Enter."""
    queue = desk.queue

    def shown() -> list[DossierWindow]:
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, DossierWindow) and w.isVisible()]

    qtbot.waitUntil(lambda: queue.model.rowCount() == 1 and queue.table.isVisible(), timeout=20_000)
    for _attempt in range(10):  # each automatic sync refreshes the queue: a row may be redrawn under Enter
        queue.table.setFocus()
        queue.table.selectRow(0)
        qtbot.waitUntil(lambda: queue.table.currentIndex().isValid(), timeout=5_000)
        press(queue.table, Qt.Key.Key_Return)
        for _tick in range(20):
            if shown():
                break
            qtbot.wait(100)
        if shown():
            break
    [page] = shown()
    qtbot.waitUntil(lambda: page.page is not None, timeout=10_000)
    return page


def _sees_the_scan(qtbot, page: DossierWindow, sha256: str, content: bytes) -> None:
    qtbot.waitUntil(lambda: page.scan_states.get(sha256) is ScanState.HERE, timeout=30_000)
    assert "giay-chung-sinh.pdf" in page.attachments.item(0).text()
    assert "(" not in page.attachments.item(0).text()  # no "downloading" / "not available" words left
    exported = page.desk.store.paths.folder.parent / "exported.pdf"
    page.export_attachment(exported)
    qtbot.waitUntil(lambda: exported.exists() and exported.read_bytes() == content, timeout=10_000)
    exported.unlink()


def test_a_scan_reaches_the_province_and_the_other_desks(qtbot, tmp_path: Path) -> None:
    content = b"%PDF-1.4 scanned birth certificate " + bytes(range(256)) * 700  # ~180 KB, several chunks
    sha256 = hashlib.sha256(content).hexdigest()
    scan_file = tmp_path / "scans" / "giay-chung-sinh.pdf"
    scan_file.parent.mkdir()
    scan_file.write_bytes(content)

    with scan_server(tmp_path) as server:
        a = enrolled_desk(tmp_path, "desk-a", server)
        b = enrolled_desk(tmp_path, "desk-b", server)
        usb = tmp_path / "usb"
        usb.mkdir()
        assert (
            run_backup(
                workstation_paths(a),
                usb,
                _console(),
                login="lan",
                recovery_key=None,
                now=utc_now,
                new_id=_ids("bk"),
            )
            == 0
        )  # last night's backup: before today's reception

        _desk_a_receives_and_syncs_by_itself(qtbot, a, server, scan_file, sha256, content)
        _desk_b_opens_the_dossier(qtbot, b, sha256, content)

        # desk A's disk dies: IT restores last night's backup on a new PC, then enrols it again
        c = tmp_path / "desk-c"
        [backup] = list(usb.iterdir())
        said = _console()
        restored = run_restore(
            workstation_paths(c),
            backup,
            said,
            force=False,
            login="lan",
            recovery_key=None,
            now=utc_now,
            new_id=_ids("restored"),
        )
        assert restored == 0
        assert "Enrol it again" in said.out.getvalue()  # type: ignore[attr-defined]  # a StringIO
        enrolled = run_enrol(
            workstation_paths(c),
            server.url,
            server.code(),
            _console(),
            login="lan",
            now=utc_now,
            new_id=_ids("c"),
        )
        assert enrolled == 0
        _restored_desk_gets_it_back(qtbot, c, sha256, content)


def _desk_a_receives_and_syncs_by_itself(
    qtbot, data: Path, server: ScanServer, scan_file: Path, sha256: str, content: bytes
) -> None:
    with desk_program(data) as program:
        desk = program.controller
        _open_desk(qtbot, desk)
        progress: list = []
        bar_texts: list[str] = []
        bar = desk.screens.sync_status.progress_bar
        desk.screens.sync.progress.connect(progress.append)
        desk.screens.sync.progress.connect(lambda _p: bar_texts.append(bar.format()))  # after the widget's
        receive_with_scan(qtbot, desk, scan_file)
        qtbot.waitUntil(lambda: server.scan_bytes(sha256) is not None, timeout=60_000)
        assert server.scan_bytes(sha256) == content  # byte for byte
        # the sync's progress counted the scan, and showed it (signals from the worker: queued to this thread)
        qtbot.waitUntil(lambda: any(p.scans_total == 1 for p in progress), timeout=20_000)
        qtbot.waitUntil(lambda: any(text.startswith("Bản quét: ") for text in bar_texts), timeout=20_000)
        status_area = desk.screens.sync_status  # no scan waits any more: the words are gone
        qtbot.waitUntil(lambda: desk.screens.sync.status.waiting_scans == 0, timeout=20_000)
        assert not status_area.scans_label.isVisibleTo(status_area) and status_area.scans_label.text() == ""


def _desk_b_opens_the_dossier(qtbot, data: Path, sha256: str, content: bytes) -> None:
    with desk_program(data) as program:
        desk = program.controller
        _open_desk(qtbot, desk)
        page = _open_first_dossier(qtbot, desk)
        _sees_the_scan(qtbot, page, sha256, content)
        assert _held(desk, sha256)


def _restored_desk_gets_it_back(qtbot, data: Path, sha256: str, content: bytes) -> None:
    with desk_program(data) as program:
        desk = program.controller
        _open_desk(qtbot, desk)
        qtbot.waitUntil(lambda: _held(desk, sha256), timeout=60_000)  # fetched by the sync itself
        page = _open_first_dossier(qtbot, desk)
        _sees_the_scan(qtbot, page, sha256, content)
