"""The sync status area for the main window's status bar: always visible, never blocking.

Shows online/offline, the changes waiting, the last successful sync, a progress bar with bytes and items
while something is transferred, and any error in plain words with what to do. "Sync now" (F9) and the USB
menu ("Export for the province…", "Import from USB…") start work on the :class:`SyncController`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QLocale, Qt
from PySide6.QtGui import QAction, QColor, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.sync_panel.sync_controller import (
    SyncController,
    SyncPhase,
    SyncStatus,
)
from desktop.sync_panel.sync_words import Problem, SyncWords
from desktop.warning_text import ERROR_RED, error_label, set_text_colour
from dossiers.appointments import vietnam_time
from sync.bundle_exchange import BundleExport, BundleImport
from sync.sync_session import SessionResult
from workstation.sync_transfers import Activity, TransferProgress

PathChooser = Callable[[QWidget], Path | None]
PHASE_COLOURS = {
    SyncPhase.NOT_SET_UP: QColor("#757575"),
    SyncPhase.OFFLINE: QColor("#8a6d00"),
    SyncPhase.SYNCING: QColor("#1565c0"),
    SyncPhase.ONLINE: QColor("#2e7d32"),
    SyncPhase.FAILED: ERROR_RED,
    SyncPhase.CHECKING: QColor("#757575"),
}
BUNDLE_FILTER = "motcua (*.mcb)"


def data_size(count: int) -> str:
    """``1,2 MB`` in the current locale's way."""
    return QLocale().formattedDataSize(max(0, count), 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


def when_text(moment: datetime) -> str:
    """A sync time as the clerk reads it: ``09:30 15/09/2025`` (Vietnamese time)."""
    local = vietnam_time(moment)
    return f"{local:%H:%M %d/%m/%Y}"


class SyncStatusWidget(QWidget):
    """The status area; ``choose_export_path`` / ``choose_import_path`` default to Qt's file dialogs."""

    def __init__(
        self,
        controller: SyncController,
        parent: QWidget | None = None,
        *,
        choose_export_path: PathChooser | None = None,
        choose_import_path: PathChooser | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sync-status-area")
        self.controller = controller
        self.words = SyncWords(self)
        self._choose_export = choose_export_path or self._ask_export_path
        self._choose_import = choose_import_path or self._ask_import_path
        self._progress: TransferProgress | None = None
        self._note = ""
        self.problem: Problem | None = None

        self.dot = QLabel("●", self)
        self.dot.setObjectName("sync-dot")
        self.state_label = QLabel(self)
        self.state_label.setObjectName("sync-state")
        self.waiting_label = QLabel(self)
        self.waiting_label.setObjectName("sync-waiting")
        self.scans_label = QLabel(self)
        self.scans_label.setObjectName("sync-waiting-scans")
        self.scans_label.hide()
        self.last_label = QLabel(self)
        self.last_label.setObjectName("sync-last")
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("sync-progress")
        self.progress_bar.setMinimumWidth(220)
        self.progress_bar.setTextVisible(True)
        self.progress_bar.hide()
        self.problem_label = error_label(self)
        self.problem_label.setObjectName("sync-problem")
        self.problem_label.setWordWrap(True)
        self.problem_label.hide()
        self.note_label = QLabel(self)
        self.note_label.setObjectName("sync-note")
        self.note_label.hide()

        self.action_sync = QAction(self)
        self.action_sync.setShortcut(QKeySequence(Qt.Key.Key_F9))
        self.action_sync.triggered.connect(self.sync_now)
        self.action_export = QAction(self)
        self.action_export.triggered.connect(self.choose_and_export)
        self.action_import = QAction(self)
        self.action_import.triggered.connect(self.choose_and_import)
        self.addAction(self.action_sync)

        self.sync_button = QToolButton(self)
        self.sync_button.setObjectName("sync-now")
        self.sync_button.setDefaultAction(self.action_sync)
        self.usb_menu = QMenu(self)
        self.usb_menu.addAction(self.action_export)
        self.usb_menu.addAction(self.action_import)
        self.usb_button = QToolButton(self)
        self.usb_button.setObjectName("sync-usb")
        self.usb_button.setMenu(self.usb_menu)
        self.usb_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)

        # One line of state and buttons; a problem gets a line of its own below, as wide as the status bar,
        # so its words (what happened, what to do) are never cut off.
        line = QHBoxLayout()
        line.setSpacing(8)
        for widget in (
            self.dot,
            self.state_label,
            self.waiting_label,
            self.scans_label,
            self.last_label,
            self.progress_bar,
            self.note_label,
        ):
            line.addWidget(widget)
        line.addStretch(1)
        line.addWidget(self.sync_button)
        line.addWidget(self.usb_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(2)
        layout.addLayout(line)
        layout.addWidget(self.problem_label)
        self.setTabOrder(self.sync_button, self.usb_button)

        controller.status_changed.connect(self._show_status)
        controller.progress.connect(self._show_progress)
        controller.finished.connect(self._show_result)
        controller.failed.connect(self._show_failure)
        controller.closing.connect(lambda: self._set_note(self.words.closing()))
        self.retranslate()
        controller.refresh()

    # -- actions -------------------------------------------------------------------------------------------

    def sync_now(self) -> bool:
        self._set_note("")
        return self.controller.sync_now()  # joins a sync already running

    def export_to(self, path: Path | str) -> bool:
        self._set_note("")
        return self.controller.export_bundle(path)

    def import_from(self, path: Path | str) -> bool:
        self._set_note("")
        return self.controller.import_bundle(path)

    def choose_and_export(self) -> bool:
        path = self._choose_export(self)
        return False if path is None else self.export_to(path)

    def choose_and_import(self) -> bool:
        path = self._choose_import(self)
        return False if path is None else self.import_from(path)

    def _ask_export_path(self, parent: QWidget) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            parent, self.tr("Export for the province"), "motcua-tinh.mcb", BUNDLE_FILTER
        )
        return Path(name) if name else None

    def _ask_import_path(self, parent: QWidget) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, self.tr("Import from USB"), "", BUNDLE_FILTER)
        return Path(name) if name else None

    # -- showing -------------------------------------------------------------------------------------------

    def _show_status(self, status: SyncStatus) -> None:
        words = self.words
        phase = status.phase
        text = {
            SyncPhase.NOT_SET_UP: words.not_set_up(),
            SyncPhase.OFFLINE: words.offline(),
            SyncPhase.SYNCING: words.syncing(),
            SyncPhase.ONLINE: words.online(),
            SyncPhase.FAILED: words.problem_state(),
            SyncPhase.CHECKING: words.checking(),
        }[phase]
        if status.activity is Activity.SYNC and status.retry_in is not None:  # waiting before a retry
            seconds = max(1, round(status.retry_in))
            text = words.retrying(seconds) if phase is SyncPhase.OFFLINE else words.server_busy(seconds)
        self.state_label.setText(text)
        set_text_colour(self.dot, PHASE_COLOURS[phase])
        self.waiting_label.setText("" if status.waiting is None else words.waiting(status.waiting))
        self.waiting_label.setVisible(status.waiting is not None)
        scans = status.waiting_scans  # nothing shown when every scan is at the province
        self.scans_label.setText(
            words.waiting_scans(scans, data_size(status.waiting_scan_bytes)) if scans > 0 else ""
        )
        self.scans_label.setVisible(scans > 0)
        self.last_label.setText(
            words.never_synced() if status.last_sync is None else words.last_sync(when_text(status.last_sync))
        )
        busy = status.activity is not None
        syncing = status.activity is Activity.SYNC  # "Sync now" then joins it (ends a pause before a retry)
        self.action_sync.setEnabled((not busy or syncing) and self.controller.can_sync)
        self.action_export.setEnabled(not busy)
        self.action_import.setEnabled(not busy)
        self.progress_bar.setVisible(busy)
        if not busy:
            self._progress = None
        self.problem = None if status.error is None else words.problem(status.error)
        self.problem_label.setVisible(self.problem is not None)
        if self.problem is not None:
            self.problem_label.setText(self.problem.text)
            self.problem_label.setToolTip(self.problem.text)
        contact = "" if status.last_contact is None else words.last_contact(when_text(status.last_contact))
        self.setToolTip(f"{text}\n{contact}" if contact else text)
        self.dot.setToolTip(contact or text)

    def _show_progress(self, progress: TransferProgress) -> None:
        self._progress = progress
        bar = self.progress_bar
        size = data_size(progress.bytes_done)
        if progress.scans_total > 0:  # the records are through; the scans follow
            bar.setRange(0, max(progress.scan_bytes_total, 1))
            bar.setValue(min(progress.scan_bytes_done, progress.scan_bytes_total))
            text = (
                self.tr("Scans: %1 of %2 (%3 of %4)")
                .replace("%1", str(progress.scans_done))
                .replace("%2", str(progress.scans_total))
                .replace("%3", data_size(progress.scan_bytes_done))
                .replace("%4", data_size(progress.scan_bytes_total))
            )
        elif progress.items_total > 0:
            bar.setRange(0, progress.items_total)
            bar.setValue(min(progress.items_done, progress.items_total))
            text = (
                self.tr("%1 of %2 changes, %3")
                .replace("%1", str(progress.items_done))
                .replace("%2", str(progress.items_total))
                .replace("%3", size)
            )
        else:
            bar.setRange(0, 0)
            text = self.tr("%1 transferred").replace("%1", size)
        bar.setFormat(text.replace("%", "%%"))
        bar.setToolTip(text)

    def _show_result(self, result: object) -> None:
        if isinstance(result, SessionResult):
            refused = result.peer_counts.refused
            if not refused:
                self._set_note(self.words.synced(result.pushed_events, result.pulled_events))
                return
            self._set_note(self.words.refused(len(refused)), warning=True)  # short: the status bar is narrow
            self.note_label.setToolTip(  # which changes, and why; `motcua info` counts them for IT
                "\n".join(
                    [
                        self.words.synced(result.pushed_events, result.pulled_events),
                        self.words.refused_why(),
                        *(f"{item.event}: {self.words.refusal_reason(item.reason)}" for item in refused),
                    ]
                )
            )
        elif isinstance(result, BundleImport):
            self._set_note(self.words.imported(result.counts.new))
        elif isinstance(result, BundleExport):
            self._set_note(self.words.exported(result.events))

    def _show_failure(self, error: BaseException) -> None:
        self._set_note("")

    def _set_note(self, text: str, *, warning: bool = False) -> None:
        self._note = text
        self.note_label.setToolTip("")
        set_text_colour(
            self.note_label, ERROR_RED if warning else self.palette().color(QPalette.ColorRole.WindowText)
        )
        self.note_label.setText(text)
        self.note_label.setVisible(bool(text))

    @property
    def note(self) -> str:
        return self._note

    def retranslate(self) -> None:
        self.action_sync.setText(self.tr("Sync now"))
        self.action_sync.setToolTip(self.tr("Sync with the provincial server now (F9)"))
        self.action_export.setText(self.tr("Export for the province…"))
        self.action_import.setText(self.tr("Import from USB…"))
        self.usb_button.setText(self.tr("USB"))
        self.usb_button.setToolTip(self.tr("Exchange data with the province on a USB stick"))
        self._show_status(self.controller.status)
        if self._progress is not None:
            self._show_progress(self._progress)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
