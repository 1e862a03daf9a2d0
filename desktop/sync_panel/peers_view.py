"""The other desks of the commune in the sync area: their names, last contact and changes waiting, and the
dialog where IT turns the LAN on, shows a pairing code or types another desk's code and address.

:class:`LanPanel` owns the desk's :class:`~workstation.lan_desks.DeskLan` (made, started and used off the
UI thread), gives the :class:`SyncController` its peer sync (every "Sync now" and scheduled sync reaches the
paired desks first) and keeps :attr:`LanPanel.statuses` current. :class:`PeersView` is the status bar's
line; :class:`LanDialog` the dialog it opens.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.background import Background
from desktop.sync_panel.sync_controller import SyncController
from desktop.sync_panel.sync_status_widget import when_text
from desktop.warning_text import error_label
from dossiers.appointments import vietnam_time
from sync.errors import SyncError
from sync.lan_discovery import FoundDesk
from workstation.lan_desks import DeskLan, PeerStatus
from workstation.lan_peers import (
    DEFAULT_PORT,
    LanError,
    LanPeer,
    LanSettings,
    PairingCode,
    PairingOffer,
    save_settings,
)
from workstation.work_session import WorkSession

log = logging.getLogger(__name__)


class LanWords(QObject):
    """Pairing and LAN sync errors in the clerk's (or IT's) words, by their stable code."""

    def for_code(self, code: str | None) -> str:
        table = {
            "wrong_code": self.tr(
                "The pairing code is wrong (or this address is another desk): check the code and the address."
            ),
            "code_expired": self.tr(
                "The pairing code is no longer valid: show a new code on the other desk."
            ),
            "not_pairing": self.tr(
                "The other desk is not showing a pairing code: show a new code on it first."
            ),
            "bad_code": self.tr("A pairing code has 16 letters and digits (four groups of four)."),
            "other_commune": self.tr(
                "The other desk works for another commune: desks pair only within one commune."
            ),
            "same_desk": self.tr("A desk cannot pair with itself."),
            "port_in_use": self.tr(
                "This desk cannot listen on that port: another program uses it; choose another."
            ),
            "not_listening": self.tr("Turn the LAN on first."),
            "lan_certificate_changed": self.tr(
                "The desk at this address is not the paired desk (its certificate differs): pair again if it "
                "was set up again."
            ),
            "sync_pairing_refused": self.tr(
                "The other desk does not know this desk (any more): pair the two desks again."
            ),
            "lan_channel_tampered": self.tr(
                "The data from the other desk was changed on the way and was refused: sync again; if it "
                "happens again, call IT."
            ),
            "sync_interrupted": self.tr(
                "The other desk cannot be reached: is it on, with the LAN turned on?"
            ),
            "sync_update_required": self.tr(
                "The other desk runs another motcua version: update the older one."
            ),
            "key_mismatch": self.tr(
                "The other desk claims to be a desk the province enrolled with another key: nothing was "
                "paired; call IT."
            ),
            "lan_origin_refused": self.tr(
                "Changes between the two desks were refused: some were not signed by the desk that made them "
                "(a desk may be writing under another desk's name). Nothing of them was kept: call IT."
            ),
        }
        return table.get(code or "", self.tr("The other desk could not be reached or refused the request."))

    def for_error(self, error: BaseException) -> str:
        code = getattr(error, "code", None) if isinstance(error, LanError) else getattr(error, "kind", None)
        return self.for_code(code)


class LanPanel(QObject):
    """The desk's LAN: listener, pairing and peer sync, all off the UI thread; ``changed`` after news."""

    changed = Signal()
    _news = Signal(str)  # from the listener's threads, queued to the UI thread

    def __init__(
        self, work: WorkSession, background: Background, sync: SyncController, parent: QObject
    ) -> None:
        super().__init__(parent)
        self.work, self.background, self.sync = work, background, sync
        self.lan: DeskLan | None = None
        self.settings = LanSettings()
        self.statuses: list[PeerStatus] = []
        self.problem: str | None = None
        self.words = LanWords(self)
        self._news.connect(lambda _what: self.refresh())
        background.run(self._make, on_success=self._ready, on_failure=self._failed, owner=self)

    def _make(self) -> tuple[DeskLan, LanSettings, list[PeerStatus], BaseException | None]:
        desk = self.work.desk
        lan = DeskLan(
            desk.replica,
            commune=desk.commune,
            now=desk.clock,
            on_change=self._news.emit,
            on_block_changed=lambda space: setattr(desk, "sequence_space", space),
        )
        settings = lan.settings()
        error: BaseException | None = None
        lan.certificate()
        if settings.enabled:
            try:
                lan.start(settings)
            except LanError as exc:
                error = exc
        return lan, settings, lan.peer_statuses(), error

    def _ready(self, made: tuple[DeskLan, LanSettings, list[PeerStatus], BaseException | None]) -> None:
        self.lan, self.settings, self.statuses, error = made
        self.problem = None if error is None else self.words.for_error(error)
        self._offer_peer_sync()
        self.sync.finished.connect(lambda _result: self.refresh())
        self.sync.failed.connect(lambda _error: self.refresh())
        self.changed.emit()

    def _offer_peer_sync(self) -> None:
        """Every sync reaches the paired desks while the LAN is on; off, a desk with no province has nowhere
        to sync (the sync area says so)."""
        self.sync.set_peer_sync(self._sync_peers if self.settings.enabled else None)

    def _failed(self, error: BaseException) -> None:
        self.problem = self.words.for_error(error)
        self.changed.emit()

    def _sync_peers(self) -> object:
        """On the sync worker: a session with each paired desk while the LAN is on (off: nothing to do).

        When every paired desk failed and there is no province to sync with, the first failure is raised, so
        the sync area says it in words (an unreachable desk is "offline"); each desk's own problem shows in
        the peers line either way."""
        lan = self.lan
        if lan is None or not self.settings.enabled:
            return None
        round_ = lan.sync_all()
        if round_.outcomes and len(round_.failed) == len(round_.outcomes) and not self.sync.has_province:
            error = round_.failed[0].error
            assert error is not None
            raise error
        return round_

    @property
    def ready(self) -> bool:
        return self.lan is not None

    @property
    def listening(self) -> tuple[str, int] | None:
        server = self.lan.listening if self.lan is not None else None
        return None if server is None else server.address

    def refresh(self) -> Future[Any] | None:
        lan = self.lan
        if lan is None:
            return None
        try:
            return self.background.run(lan.peer_statuses, on_success=self._show, owner=self)
        except RuntimeError:  # the desk is closing
            return None

    def _show(self, statuses: list[PeerStatus]) -> None:
        self.statuses = statuses
        self.changed.emit()

    def _do(
        self, work: Callable[[DeskLan], Any], done: Callable[[Any], None], failed: Callable[[str], None]
    ) -> Future[Any] | None:
        lan = self.lan
        if lan is None:
            return None

        def report(error: BaseException) -> None:
            if not isinstance(error, LanError | SyncError | OSError):
                log.warning("a LAN step failed", exc_info=(type(error), error, error.__traceback__))
            failed(self.words.for_error(error))

        return self.background.run(lambda: work(lan), on_success=done, on_failure=report, owner=self)

    def apply_settings(
        self, settings: LanSettings, done: Callable[[Any], None], failed: Callable[[str], None]
    ) -> Future[Any] | None:
        """Save the LAN settings; start or stop the listener to match."""

        def work(lan: DeskLan) -> LanSettings:
            save_settings(lan.store, settings)
            lan.stop()
            if settings.enabled:
                lan.start(settings)
            return settings

        def applied(value: LanSettings) -> None:
            self.settings = value
            self.problem = None
            self._offer_peer_sync()
            self.changed.emit()
            done(value)

        return self._do(work, applied, failed)

    def offer(
        self, done: Callable[[PairingOffer], None], failed: Callable[[str], None]
    ) -> Future[Any] | None:
        return self._do(lambda lan: lan.offer_pairing(), done, failed)

    def join(
        self,
        address: tuple[str, int],
        code: str,
        done: Callable[[LanPeer], None],
        failed: Callable[[str], None],
    ) -> Future[Any] | None:
        def joined(peer: LanPeer) -> None:
            self.refresh()
            done(peer)

        return self._do(lambda lan: lan.join(address, code), joined, failed)

    def find(
        self, done: Callable[[list[FoundDesk]], None], failed: Callable[[str], None]
    ) -> Future[Any] | None:
        """The desks of this commune answering LAN discovery (a second or two, off the UI thread)."""
        return self._do(lambda lan: lan.find_desks(), done, failed)

    def shutdown(self) -> None:
        lan, self.lan = self.lan, None
        self.sync.set_peer_sync(None)
        if lan is not None:
            lan.stop()


class PeersView(QWidget):
    """The status bar's line for the commune's other desks: each one's name, last contact, waiting changes."""

    def __init__(self, panel: LanPanel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lan-peers")
        self.panel = panel
        self.dialog: LanDialog | None = None
        self.label = QLabel(self)
        self.label.setObjectName("lan-peers-text")
        self.button = QToolButton(self)
        self.button.setObjectName("lan-desks")
        self.button.clicked.connect(self.open_dialog)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        panel.changed.connect(self.show_peers)
        self.retranslate()

    def peer_text(self, status: PeerStatus) -> str:
        """One desk, short for the status bar: its name, last contact (hour and day), changes waiting."""
        if status.last_contact is None:
            contact = self.tr("never")
        else:
            contact = f"{vietnam_time(status.last_contact):%H:%M %d/%m}"
        text = (
            self.tr("%1: %2, %3 waiting")
            .replace("%1", status.name)
            .replace("%2", contact)
            .replace("%3", str(status.waiting))
        )
        return text + (" ⚠" if status.error_code else "")

    def peer_sentence(self, status: PeerStatus) -> str:
        """One desk in full, for the tooltip: last contact, changes waiting, its problem in words."""
        contact = self.tr("never") if status.last_contact is None else when_text(status.last_contact)
        text = (
            self.tr("%1 (%4): last contact %2, %3 change(s) of this desk waiting for it")
            .replace("%1", status.name)
            .replace("%2", contact)
            .replace("%3", str(status.waiting))
            .replace("%4", status.address)
        )
        if status.error_code:
            text += " — " + self.panel.words.for_code(status.error_code)
        return text

    def show_peers(self) -> None:
        statuses = self.panel.statuses
        if not statuses:  # said in the tooltip only: the status bar keeps its room for the sync's own words
            self.label.setText(self.tr("No other desk paired"))
        else:
            self.label.setText("; ".join(self.peer_text(s) for s in statuses))  # the "Desks…" button beside
        self.label.setVisible(bool(statuses) or bool(self.panel.problem))
        # without paired desks the status bar keeps its room for the sync's words (Tools → Other desks…)
        self.setVisible(bool(statuses) or bool(self.panel.problem))
        lines = [self.peer_sentence(s) for s in statuses]
        if self.panel.problem:
            lines.insert(0, self.panel.problem)
        self.label.setToolTip("\n".join(lines))

    def open_dialog(self) -> LanDialog:
        if self.dialog is None:
            self.dialog = LanDialog(self.panel, self.window())
        self.dialog.load()
        self.dialog.open()
        return self.dialog

    def retranslate(self) -> None:
        self.button.setText(self.tr("Desks…"))
        self.button.setToolTip(self.tr("The other desks of this commune: pairing and the LAN"))
        self.show_peers()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class LanDialog(QDialog):
    """The LAN on or off (port, this desk's name), the paired desks, and pairing both ways."""

    COLUMNS = 5

    def __init__(self, panel: LanPanel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lan-dialog")
        self.panel = panel
        self.enabled = QCheckBox(self)
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.name = QLineEdit(self)
        self.name.setMaxLength(60)
        self.apply_button = QPushButton(self)
        self.apply_button.clicked.connect(self.apply)
        self.table = QTableWidget(0, self.COLUMNS, self)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.show_code_button = QPushButton(self)
        self.show_code_button.clicked.connect(self.show_code)
        self.code_label = QLabel(self)
        self.code_label.setObjectName("lan-code")
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.code_label.font()
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        self.code_label.setFont(font)
        self.address = QLineEdit(self)
        self.address.setObjectName("lan-join-address")
        self.code = QLineEdit(self)
        self.code.setObjectName("lan-join-code")
        self.code.setMaxLength(24)
        self.join_button = QPushButton(self)
        self.join_button.clicked.connect(self.join)
        self.find_button = QPushButton(self)
        self.find_button.setObjectName("lan-find")
        self.find_button.clicked.connect(lambda: self.find())
        self.found = QComboBox(self)
        self.found.setObjectName("lan-found")
        self.found.hide()
        self.found.activated.connect(self._pick)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.problem = error_label(self)
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)

        self.port_label, self.name_label = QLabel(self), QLabel(self)
        self.address_label, self.code_name = QLabel(self), QLabel(self)
        self.form = QFormLayout()
        self.form.addRow(self.enabled)
        self.form.addRow(self.port_label, self.port)
        self.form.addRow(self.name_label, self.name)
        self.form.addRow(self.apply_button)
        self.join_form = QFormLayout()
        self.join_form.addRow(self.find_button, self.found)
        self.join_form.addRow(self.address_label, self.address)
        self.join_form.addRow(self.code_name, self.code)
        self.join_form.addRow(self.join_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.table)
        layout.addWidget(self.show_code_button)
        layout.addWidget(self.code_label)
        layout.addLayout(self.join_form)
        layout.addWidget(self.message)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        panel.changed.connect(self.show_peers)
        self.retranslate()
        self.resize(760, 560)

    def load(self) -> None:
        settings = self.panel.settings
        self.enabled.setChecked(settings.enabled)
        self.port.setValue(settings.port or DEFAULT_PORT)
        self.name.setText(settings.name)
        self.show_peers()

    def show_peers(self) -> None:
        statuses = self.panel.statuses
        self.table.setRowCount(len(statuses))
        for row, status in enumerate(statuses):
            contact = self.tr("never") if status.last_contact is None else when_text(status.last_contact)
            cells = (
                status.name,
                status.address,
                contact,
                str(status.waiting),
                "" if not status.error_code else self.panel.words.for_code(status.error_code),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        listening = self.panel.listening
        self.show_code_button.setEnabled(listening is not None)
        if self.panel.problem:
            self._problem(self.panel.problem)

    def _problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _say(self, text: str) -> None:
        self._problem("")
        self.message.setText(text)

    def apply(self) -> None:
        settings = replace(
            self.panel.settings,
            enabled=self.enabled.isChecked(),
            port=self.port.value(),
            name=self.name.text().strip(),
        )
        self._say("")
        self.panel.apply_settings(settings, lambda _s: self._applied(), self._problem)

    def _applied(self) -> None:
        listening = self.panel.listening
        if listening is None:
            self._say(self.tr("The LAN is off: this desk syncs with no other desk."))
        else:
            self._say(
                self.tr("The LAN is on: this desk listens on port %1.").replace("%1", str(listening[1]))
            )
        self.show_peers()

    def show_code(self) -> None:
        self._say("")
        self.panel.offer(self._show_offer, self._problem)

    def _show_offer(self, offer: PairingOffer) -> None:
        host, port = offer.address
        self.code_label.setText(f"{offer.code.text}    {host}:{port}")
        self._say(
            self.tr("On the other desk, type this code and the address %1 (valid for 10 minutes).").replace(
                "%1", f"{host}:{port}"
            )
        )

    def find(self, *, then_join: bool = False) -> None:
        """Look for the desks of this commune on the LAN; the one showing the typed code is chosen."""
        self._say(self.tr("Looking for the desks of this commune on the LAN…"))
        self.find_button.setEnabled(False)

        def found(desks: list[FoundDesk]) -> None:
            self.find_button.setEnabled(True)
            self.found.clear()
            for desk in desks:
                host, port = desk.address
                self.found.addItem(f"{desk.beacon.name}  {host}:{port}", f"{host}:{port}")
            self.found.setVisible(bool(desks))
            try:
                wanted = PairingCode.parse(self.code.text()).fingerprint_part
            except LanError:
                wanted = None
            match = [i for i, d in enumerate(desks) if d.beacon.fingerprint_prefix == wanted]
            if len(match) == 1:
                self.found.setCurrentIndex(match[0])
                self._pick(match[0])
            if not desks:
                self._problem(
                    self.tr(
                        "No desk of this commune answered on the LAN (the network may block it, or the desk "
                        "is on another subnet): type the address the other desk shows."
                    )
                )
                return
            self._say(
                self.tr("Desks found on the LAN: %1. Choose one, or type the address.").replace(
                    "%1", str(len(desks))
                )
            )
            if then_join and len(match) == 1:
                self.join()

        def failed(words: str) -> None:
            self.find_button.setEnabled(True)
            self._problem(words)

        self.panel.find(found, failed)

    def _pick(self, index: int) -> None:
        address = self.found.itemData(index)
        if address:
            self.address.setText(str(address))

    def join(self) -> None:
        text = self.address.text().strip()
        if not text and self.code.text().strip():
            self.find(then_join=True)  # no address typed: the desk showing this code is found on the LAN
            return
        host, _, port = text.rpartition(":")
        if not host or not port.isdigit() or not 0 < int(port) < 65536:
            self._problem(self.tr("Type the address as the other desk shows it, like 192.168.1.20:47470."))
            return
        self._say("")
        self.join_button.setEnabled(False)

        def done(peer: LanPeer) -> None:
            self.join_button.setEnabled(True)
            self.code.clear()
            self._say(
                self.tr("Paired with %1. The two desks now sync with each other.").replace("%1", peer.name)
            )

        def failed(words: str) -> None:
            self.join_button.setEnabled(True)
            self._problem(words)

        self.panel.join((host.strip("[]"), int(port)), self.code.text(), done, failed)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Desks of this commune"))
        self.enabled.setText(self.tr("Sync with the other desks of this commune over the LAN"))
        self.port_label.setText(self.tr("Port"))
        self.name_label.setText(self.tr("This desk's name"))
        self.apply_button.setText(self.tr("Apply"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Desk"),
                self.tr("Address"),
                self.tr("Last contact"),
                self.tr("Waiting"),
                self.tr("Problem"),
            ]
        )
        self.show_code_button.setText(self.tr("Show a pairing code"))
        self.address_label.setText(self.tr("Other desk's address"))
        self.find_button.setText(self.tr("Find desks on the LAN"))
        self.find_button.setToolTip(
            self.tr(
                "Where the LAN does not let desks find each other, type the address the other desk shows."
            )
        )
        self.code_name.setText(self.tr("Its pairing code"))
        self.join_button.setText(self.tr("Pair with that desk"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
