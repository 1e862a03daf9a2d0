"""Connects the desk's screens to the main window once a work session is open.

New dossier (F2), a dossier's page (Enter on a queue row), the reports and the sync status area: each screen
is its own module; this is where they meet the window and the queue.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence

from desktop.background import Background
from desktop.dossier_page import DossierWindow
from desktop.main_window import MainWindow
from desktop.new_dossier.new_dossier_dialog import NewDossierDialog
from desktop.reference_status import ReferenceStatus
from desktop.reports import ReportsDialog
from desktop.sync_panel import SyncController, SyncStatusWidget
from desktop.sync_panel.peers_view import LanPanel, PeersView
from desktop.updates_dialog import UpdatesDialog
from workstation.about import app_version
from workstation.enrolment import stored_transport_factory
from workstation.province_contact import DEFAULT_CLOCK_WARNING_MINUTES
from workstation.province_link import TransportFactory
from workstation.release_updates import stored_release_fetcher
from workstation.scan_fetching import ScanFetcher
from workstation.sync_schedule import AutoSync
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
        data_dir: Path | None = None,
        auto_sync: AutoSync | None = None,
        synced_up_to: Callable[[int], None] | None = None,
        clock_warning_minutes: int = DEFAULT_CLOCK_WARNING_MINUTES,
    ) -> None:
        super().__init__(window)
        self._data_dir = data_dir
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
            auto_sync=auto_sync,
            parent=self,
        )
        self.sync.finished.connect(lambda *_: refresh_queue())
        self.scans = ScanFetcher(work.store, lambda: self.sync.transport_factory)
        self._synced_up_to = synced_up_to
        self.sync.status_changed.connect(self._sync_status)
        if transport_factory is None:  # an enrolled desk syncs with its province (read off the UI thread)
            background.run(
                lambda: stored_transport_factory(work.store),
                on_success=self._use_transport,
                owner=self,
            )
        if data_dir is not None:  # and fetches the province's releases after each sync
            background.run(
                lambda: stored_release_fetcher(work.store, data_dir, app_version()),
                on_success=self.sync.set_release_fetcher,
                owner=self,
            )
        self.sync.releases_staged.connect(self._releases_staged)
        self.sync_status = SyncStatusWidget(self.sync, window)
        self._sync_refresh = QTimer(self)  # changes also arrive from other screens and LAN peers
        self._sync_refresh.setInterval(SYNC_STATUS_REFRESH_MS)
        self._sync_refresh.timeout.connect(self.sync.refresh)
        self._sync_refresh.start()
        window.sync_status.hide()
        window.statusBar().addPermanentWidget(self.sync_status, 1)  # the sync area takes the room left
        self.reference = ReferenceStatus(  # the catalogue in use, its updates, the clock check
            desk, background, window, clock_warning_minutes=clock_warning_minutes
        )
        self.sync.finished.connect(self.reference.after_sync)
        self.sync.failed.connect(self.reference.after_sync)
        window.statusBar().addPermanentWidget(self.reference)
        self.lan = LanPanel(work, background, self.sync, self)  # the commune's other desks (issue 16)
        self.peers = PeersView(self.lan, window)
        self._sync_refresh.timeout.connect(self.lan.refresh)
        window.statusBar().addPermanentWidget(self.peers)  # shown once desks are paired (room for the sync)
        self.action_desks = QAction(window)  # the pairing dialog, always reachable
        self.action_desks.triggered.connect(self.peers.open_dialog)
        window.menu_tools.addAction(self.action_desks)
        self.action_reports = QAction(window)
        self.action_reports.setShortcut(QKeySequence("Ctrl+R"))
        self.action_reports.triggered.connect(self.open_reports)
        window.menu_reports.addAction(self.action_reports)
        window.menu_reports.menuAction().setVisible(True)
        self.action_updates = QAction(window)
        self.action_updates.triggered.connect(self.open_updates)
        window.menu_tools.addAction(self.action_updates)
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

    def _sync_status(self, status: object) -> None:
        acknowledged = getattr(status, "acknowledged", None)
        if self._synced_up_to is not None and acknowledged is not None:
            self._synced_up_to(acknowledged)  # "not yet synced" shows only what no peer holds

    def reception_saved(self) -> None:
        """A new dossier was saved: the queue follows, and the desk syncs a few seconds later."""
        self.dossiers_changed()
        self.sync.sync_soon()

    def sync_before_close(self) -> None:
        """The desk is closing: a last sync of what waits (bounded wait; the close always happens)."""
        self.sync.sync_before_close()

    def _use_transport(self, factory: TransportFactory | None) -> None:
        if factory is not None:
            self.sync.set_transport_factory(factory)

    def retranslate(self) -> None:
        self.action_reports.setText(self.tr("Register and on-time &statistics…"))
        self.action_updates.setText(self.tr("&Versions and updates…"))
        self.action_desks.setText(self.tr("Other &desks of this commune (LAN)…"))

    def open_updates(self) -> UpdatesDialog | None:
        if self._data_dir is None:
            return None
        dialog = UpdatesDialog(self._data_dir, self.background, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _releases_staged(self, versions: list[str]) -> None:
        self.window.statusBar().showMessage(
            self.tr(
                "A new version from the province has arrived (%1): it is used from the next start."
            ).replace("%1", ", ".join(versions)),
            60_000,
        )

    def open_new_dossier(self) -> NewDossierDialog:
        desk = self.work.desk
        dialog = NewDossierDialog(
            desk, self.background, desk.office, self.window, now=desk.clock, new_id=self._new_id
        )
        dialog.dossier_saved.connect(lambda _dossier: self.reception_saved())
        self.reference.reception_opened(dialog)
        dialog.open()
        return dialog

    def open_dossier(self, dossier_id: str) -> DossierWindow:
        desk = self.work.desk
        page = DossierWindow(desk, self.background, desk.office, dossier_id, self.window, scans=self.scans)
        page.changed.connect(lambda _id: self.dossiers_changed())
        self.sync.finished.connect(page.look_for_scans_again)  # a scan not here yet may come with a sync
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
        self.scans.shutdown()
        self.lan.shutdown()
