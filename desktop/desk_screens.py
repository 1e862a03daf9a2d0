"""Connects the desk's screens to the main window once a work session is open.

New dossier (F2), a dossier's page (Enter on a queue row), the reports and the sync status area: each screen
is its own module; this is where they meet the window and the queue.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence

from desktop.background import Background
from desktop.dossier_page import DossierWindow
from desktop.main_window import MainWindow
from desktop.new_dossier.new_dossier_dialog import NewDossierDialog
from desktop.reports import ReportsDialog
from desktop.sync_panel import SyncController, SyncStatusWidget
from desktop.sync_panel.peers_view import LanPanel, PeersView
from workstation.enrolment import stored_transport_factory
from workstation.province_link import TransportFactory
from workstation.work_session import WorkSession

SYNC_STATUS_REFRESH_MS = 30_000


class DeskScreens(QObject):
    """The screens of one open work session, wired to ``window`` and refreshing ``refresh_queue``."""

    def __init__(
        self,
        window: MainWindow,
        work: WorkSession,
        background: Background,
        *,
        refresh_queue: Callable[[], None],
        new_id: Callable[[], str],
        transport_factory: TransportFactory | None = None,
    ) -> None:
        super().__init__(window)
        self.window, self.work, self.background = window, work, background
        self._refresh_queue = refresh_queue
        self._new_id = new_id
        desk = work.desk
        self.sync = SyncController(
            desk.replica,
            background=background,
            now=desk.clock,
            new_id=new_id,
            transport_factory=transport_factory,
            parent=self,
        )
        self.sync.finished.connect(lambda *_: refresh_queue())
        if transport_factory is None:  # an enrolled desk syncs with its province (read off the UI thread)
            background.run(
                lambda: stored_transport_factory(work.store),
                on_success=self._use_transport,
                owner=self,
            )
        self.sync_status = SyncStatusWidget(self.sync, window)
        self._sync_refresh = QTimer(self)  # changes also arrive from other screens and LAN peers
        self._sync_refresh.setInterval(SYNC_STATUS_REFRESH_MS)
        self._sync_refresh.timeout.connect(self.sync.refresh)
        self._sync_refresh.start()
        window.sync_status.hide()
        window.statusBar().addPermanentWidget(self.sync_status, 1)  # the sync area takes the room left
        self.lan = LanPanel(work, background, self.sync, self)  # the commune's other desks (issue 16)
        self.peers = PeersView(self.lan, window)
        self._sync_refresh.timeout.connect(self.lan.refresh)
        window.statusBar().addPermanentWidget(self.peers)
        self.action_reports = QAction(window)
        self.action_reports.setShortcut(QKeySequence("Ctrl+R"))
        self.action_reports.triggered.connect(self.open_reports)
        window.menu_reports.addAction(self.action_reports)
        window.menu_reports.menuAction().setVisible(True)
        window.new_dossier_requested.connect(self.open_new_dossier)
        window.open_dossier_requested.connect(self.open_dossier)
        window.set_new_dossier_available(True)
        window.installEventFilter(self)
        self.retranslate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def dossiers_changed(self) -> None:
        """A screen saved something: the queue and the count of changes waiting to be sent follow."""
        self._refresh_queue()
        self.sync.refresh()

    def _use_transport(self, factory: TransportFactory | None) -> None:
        if factory is not None:
            self.sync.set_transport_factory(factory)

    def retranslate(self) -> None:
        self.action_reports.setText(self.tr("Register and on-time &statistics…"))

    def open_new_dossier(self) -> NewDossierDialog:
        desk = self.work.desk
        dialog = NewDossierDialog(
            desk, self.background, desk.office, self.window, now=desk.clock, new_id=self._new_id
        )
        dialog.dossier_saved.connect(lambda _dossier: self.dossiers_changed())
        dialog.open()
        return dialog

    def open_dossier(self, dossier_id: str) -> DossierWindow:
        desk = self.work.desk
        page = DossierWindow(desk, self.background, desk.office, dossier_id, self.window)
        page.changed.connect(lambda _id: self.dossiers_changed())
        page.show()
        return page

    def open_reports(self) -> ReportsDialog:
        desk = self.work.desk
        dialog = ReportsDialog(desk, self.background, desk.office, self.window, now=desk.clock)
        dialog.open()
        return dialog

    def shutdown(self) -> None:
        self._sync_refresh.stop()
        self.sync.shutdown()
        self.lan.shutdown()
