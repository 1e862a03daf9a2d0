"""The main window frame: menus and toolbar with shortcuts, the queue's place, the sync status area."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop.screen_fit import fit_to_screen
from workstation.about import version_text

PREFERRED_SIZE = QSize(1366, 768)


class EmptyQueue(QWidget):
    """What the central area shows until the queue lands: the commune's name and the first action."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.commune = QLabel(self)
        self.commune.setObjectName("commune")
        self.commune.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.commune.setWordWrap(True)
        self.hint = QLabel(self)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.new_dossier = QPushButton(self)
        self.new_dossier.setEnabled(False)
        self.new_dossier.setMinimumHeight(44)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self.commune)
        layout.addSpacing(12)
        layout.addWidget(self.hint)
        layout.addSpacing(24)
        layout.addWidget(self.new_dossier, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(3)
        self._commune_name = ""

    def set_commune(self, name: str) -> None:
        self._commune_name = name
        self.commune.setText(f"<span style='font-size: xx-large; font-weight: 600'>{_escape(name)}</span>")

    def retranslate(self, available: bool = False) -> None:
        self.hint.setText(self.tr("No dossiers in the queue yet. Dossiers you receive will be listed here."))
        self.new_dossier.setText(self.tr("Receive a new dossier (F2)"))
        self.new_dossier.setToolTip("" if available else self.tr("Available when the dossier screens land"))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class MainWindow(QMainWindow):
    """The desk's main window; the controller (:mod:`desktop.app`) connects its request signals.

    Hooks for the dossier screens: :attr:`new_dossier_requested` (F2, the toolbar, the empty state's button;
    enable them with :meth:`set_new_dossier_available`) and :attr:`open_dossier_requested` (Enter or a double
    click on a queue row). :meth:`show_queue` puts the queue in the central area.
    """

    new_dossier_requested = Signal()
    open_dossier_requested = Signal(str)
    lock_requested = Signal()
    switch_clerk_requested = Signal()
    settings_requested = Signal()
    clerks_requested = Signal()
    quit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty = EmptyQueue(self)
        self.central = QStackedWidget(self)
        self.central.addWidget(self.empty)
        self.setCentralWidget(self.central)
        self.queue: QWidget | None = None

        self.action_new = QAction(self)
        self.action_new.setShortcut(QKeySequence(Qt.Key.Key_F2))
        self.action_new.setEnabled(False)
        self.action_new.triggered.connect(self.new_dossier_requested)
        self.empty.new_dossier.clicked.connect(self.action_new.trigger)
        self.action_refresh = QAction(self)
        self.action_refresh.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.action_refresh.setEnabled(False)
        self.action_refresh.triggered.connect(lambda: self.queue and self.queue.refresh())  # type: ignore[attr-defined]
        self.action_find = QAction(self)
        self.action_find.setShortcut(QKeySequence.StandardKey.Find)
        self.action_find.setEnabled(False)
        self.action_find.triggered.connect(self._find)
        self.action_lock = QAction(self)
        self.action_lock.setShortcut(QKeySequence("Ctrl+L"))
        self.action_lock.triggered.connect(self.lock_requested)
        self.action_switch = QAction(self)
        self.action_switch.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.action_switch.triggered.connect(self.switch_clerk_requested)
        self.action_settings = QAction(self)
        self.action_settings.setShortcut(QKeySequence("Ctrl+,"))
        self.action_settings.triggered.connect(self.settings_requested)
        self.action_clerks = QAction(self)
        self.action_clerks.setShortcut(QKeySequence("Ctrl+Shift+K"))
        self.action_clerks.triggered.connect(self.clerks_requested)
        self.action_quit = QAction(self)
        self.action_quit.setShortcut(QKeySequence("Ctrl+Q"))
        self.action_quit.triggered.connect(self.quit_requested)
        self.action_about = QAction(self)
        self.action_about.setShortcut(QKeySequence(Qt.Key.Key_F1))
        self.action_about.triggered.connect(self.show_about)

        self.menu_desk = QMenu(self)
        self.menu_desk.addAction(self.action_lock)
        self.menu_desk.addAction(self.action_switch)
        self.menu_desk.addSeparator()
        self.menu_desk.addAction(self.action_quit)
        self.menu_dossiers = QMenu(self)
        self.menu_dossiers.addAction(self.action_new)
        self.menu_dossiers.addSeparator()
        self.menu_dossiers.addAction(self.action_find)
        self.menu_dossiers.addAction(self.action_refresh)
        self.menu_reports = QMenu(self)  # placeholder: the reports and sync screens add their actions here
        self.menu_reports.menuAction().setVisible(False)
        self.menu_tools = QMenu(self)
        self.menu_tools.addAction(self.action_settings)
        self.menu_tools.addAction(self.action_clerks)
        self.menu_help = QMenu(self)
        self.menu_help.addAction(self.action_about)
        for menu in (self.menu_desk, self.menu_dossiers, self.menu_reports, self.menu_tools, self.menu_help):
            self.menuBar().addMenu(menu)

        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("main-toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.addAction(self.action_new)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.action_lock)
        self.toolbar.addAction(self.action_settings)
        self.addToolBar(self.toolbar)

        self.clerk_label = QLabel(self)
        self.sync_status = QLabel(self)
        self.sync_status.setObjectName("sync-status")
        self.statusBar().addWidget(self.clerk_label)
        self.statusBar().addPermanentWidget(self.sync_status)

        self._commune = ""
        self._province = ""
        self._clerk = ""
        fit_to_screen(self, PREFERRED_SIZE)  # until the clerk's own size is restored (desktop.app)
        self.retranslate()

    def set_site(self, commune: str, province: str) -> None:
        self._commune, self._province = commune, province
        self.empty.set_commune(commune)
        self.retranslate()

    def set_new_dossier_available(self, available: bool) -> None:
        """Enable F2, the toolbar action and the empty state's button (once the new-dossier dialog is in)."""
        self.action_new.setEnabled(available)
        self.empty.new_dossier.setEnabled(available)
        self.retranslate()

    def show_queue(self, queue: QWidget) -> None:
        """Show ``queue`` (a :class:`desktop.queue_view.QueueView`) in the central area, replacing any before.

        Its ``open_dossier_requested`` is forwarded; its counts switch to the empty state while the store
        holds no dossier at all.
        """
        if self.queue is not None:
            self.central.removeWidget(self.queue)
            self.queue.deleteLater()
        self.queue = queue
        self.central.addWidget(queue)
        self.central.setCurrentWidget(queue)
        queue.open_dossier_requested.connect(self.open_dossier_requested)  # type: ignore[attr-defined]
        queue.counts_changed.connect(self._queue_counts)  # type: ignore[attr-defined]
        self.action_refresh.setEnabled(True)
        self.action_find.setEnabled(True)

    def _queue_counts(self, counts: dict[str, int]) -> None:
        if self.queue is not None:
            self.central.setCurrentWidget(self.empty if counts.get("all", 0) == 0 else self.queue)

    def _find(self) -> None:
        if self.queue is not None:
            self.central.setCurrentWidget(self.queue)
            self.queue.start_search()  # type: ignore[attr-defined]

    def set_clerk(self, login: str, full_name: str | None) -> None:
        self._clerk = f"{full_name} ({login})" if full_name else login
        self.retranslate()

    def retranslate(self) -> None:
        title = self.tr("motcua: one-stop desk")
        self.setWindowTitle(f"{title} · {self._commune}" if self._commune else title)
        self.menu_desk.setTitle(self.tr("&Desk"))
        self.menu_dossiers.setTitle(self.tr("D&ossiers"))
        self.menu_tools.setTitle(self.tr("&Tools"))
        self.menu_help.setTitle(self.tr("&Help"))
        self.action_new.setText(self.tr("&Receive a new dossier"))
        self.action_new.setToolTip(
            self.tr("Receive a new dossier (F2)")
            if self.action_new.isEnabled()
            else self.tr("Available when the dossier screens land")
        )
        self.action_find.setText(self.tr("&Find a dossier"))
        self.action_refresh.setText(self.tr("Re&fresh the queue"))
        self.menu_reports.setTitle(self.tr("&Reports"))
        self.action_lock.setText(self.tr("&Lock the desk"))
        self.action_lock.setToolTip(self.tr("Lock the desk now (Ctrl+L)"))
        self.action_switch.setText(self.tr("&Switch clerk…"))
        self.action_settings.setText(self.tr("&Settings…"))
        self.action_settings.setToolTip(self.tr("Language, font size, auto-lock (Ctrl+,)"))
        self.action_clerks.setText(self.tr("&Clerks…"))
        self.action_clerks.setToolTip(self.tr("The desk's clerk accounts (Ctrl+Shift+K)"))
        self.action_quit.setText(self.tr("&Quit"))
        self.action_about.setText(self.tr("&About motcua"))
        self.toolbar.setWindowTitle(self.tr("Main toolbar"))
        self.clerk_label.setText(self.tr("Clerk: %1").replace("%1", self._clerk) if self._clerk else "")
        self.sync_status.setText(self.tr("Not connected to the provincial server"))
        self.empty.retranslate(self.action_new.isEnabled())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if event.spontaneous():  # the window's close button: quitting is the controller's job
            event.ignore()
            self.quit_requested.emit()
            return
        super().closeEvent(event)

    def show_about(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("About motcua"))
        box.setText(
            self.tr("motcua: receiving and returning dossiers at the commune one-stop desk.")
            + "\n"
            + version_text()
        )
        box.setStandardButtons(QMessageBox.StandardButton.NoButton)
        box.addButton(self.tr("Close"), QMessageBox.ButtonRole.AcceptRole)
        box.open()
