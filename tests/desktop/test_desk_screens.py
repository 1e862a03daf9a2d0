"""The whole desk after unlocking: F2 opens the new-dossier screen, Enter a dossier's page, the reports and
the sync status area are in place, and a saved change refreshes the queue."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.dossier_page import DossierWindow
from desktop.new_dossier.new_dossier_dialog import NewDossierDialog
from desktop.reports import ReportsDialog
from desktop.sync_panel import SyncStatusWidget
from tests.helpers.applicant_drafts import NAMES, draft
from tests.helpers.desk_driver import running_desk, unlock
from tests.helpers.workstations import Clock


def visible(kind: type) -> list:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def test_the_desk_screens_are_wired_after_the_unlock(qtbot, workstation) -> None:
    data_dir, _ = workstation
    with running_desk(data_dir, Clock()) as desk:
        desk.start()
        unlock(qtbot, desk)
        qtbot.waitUntil(lambda: desk.screens is not None, timeout=20_000)
        window, screens = desk.window, desk.screens
        assert window.action_new.isEnabled()
        assert isinstance(screens.sync_status, SyncStatusWidget) and screens.sync_status.isVisibleTo(window)
        assert not window.sync_status.isVisibleTo(window)

        qtbot.keyClick(window, Qt.Key.Key_F2)
        qtbot.waitUntil(lambda: len(visible(NewDossierDialog)) == 1)
        for dialog in visible(NewDossierDialog):
            dialog.hide()
            dialog.deleteLater()

        dossier = desk.work.desk.receive(draft(NAMES[1], "2.000815"))
        window.open_dossier_requested.emit(dossier.dossier_id)
        qtbot.waitUntil(lambda: len(visible(DossierWindow)) == 1)
        (page,) = visible(DossierWindow)
        page.changed.emit(dossier.dossier_id)  # a change on the page refreshes the queue and sync counts
        qtbot.waitUntil(lambda: desk.queue.model.rowCount() >= 1)
        qtbot.waitUntil(lambda: screens.sync.status.waiting == 1)
        page.close()

        screens.action_reports.trigger()
        qtbot.waitUntil(lambda: len(visible(ReportsDialog)) == 1)
        for dialog in visible(ReportsDialog):
            dialog.close()
