"""The unlock screen: login and passphrase on every start, after auto-lock and to switch clerk.

The passphrase check (Argon2id) and the store's opening run in the background; a wrong passphrase gets a
clear message, and after several the screen counts down the seconds before the next try. A damaged store
(right passphrase, database empty, cut short or damaged) is told apart: its files are kept, call IT.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.background import Background
from desktop.warning_text import error_label
from workstation.errors import DamagedStore
from workstation.opening import DeskSession, UnlockRefused

Attempt = Callable[[str, str], DeskSession]


class UnlockScreen(QWidget):
    """Asks for login and passphrase; emits :attr:`unlocked` with the session.

    ``attempt(login, passphrase)`` runs on a worker thread and raises :class:`UnlockRefused` when refused.
    """

    unlocked = Signal(object)
    quit_requested = Signal()
    practice_requested = Signal()
    """"Thực hành": practice mode on its own store (shown only before any real session is open)."""

    def __init__(self, background: Background, attempt: Attempt, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._background = background
        self._attempt = attempt
        self._busy = False
        self._wait_until_tick = 0
        self._message: tuple[str, int] | None = None  # which message is shown, to retranslate it
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        self._mode = "start"

        self.heading = QLabel(self)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subheading = QLabel(self)
        self.subheading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subheading.setWordWrap(True)
        self.login = QComboBox(self)
        self.login.setEditable(True)
        self.login.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.login.setMinimumWidth(260)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.login_label, self.passphrase_label = QLabel(self), QLabel(self)
        self.login_label.setBuddy(self.login)
        self.passphrase_label.setBuddy(self.passphrase)
        self.unlock_button = QPushButton(self)
        self.unlock_button.setDefault(True)
        self.quit_button = QPushButton(self)
        self.practice_button = QPushButton(self)
        self.practice_button.setObjectName("practice")
        self._practice_available = False
        self.practice_button.hide()
        self.message = error_label(self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.progress.hide()
        self.help_toggle = QPushButton(self)
        self.help_toggle.setFlat(True)
        self.help_toggle.setCheckable(True)
        self.help = QLabel(self)
        self.help.setWordWrap(True)
        self.help.setTextFormat(Qt.TextFormat.PlainText)
        self.help.hide()
        self.help_toggle.toggled.connect(self.help.setVisible)

        card = QFrame(self)
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setMaximumWidth(560)
        form = QFormLayout()
        form.addRow(self.login_label, self.login)
        form.addRow(self.passphrase_label, self.passphrase)
        buttons = QHBoxLayout()
        buttons.addWidget(self.practice_button)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.unlock_button)
        inner = QVBoxLayout(card)
        inner.addWidget(self.heading)
        inner.addWidget(self.subheading)
        inner.addSpacing(8)
        inner.addLayout(form)
        inner.addWidget(self.progress)
        inner.addWidget(self.message)
        inner.addLayout(buttons)
        inner.addWidget(self.help_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        inner.addWidget(self.help)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 3)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

        self.unlock_button.clicked.connect(self.submit)
        self.passphrase.returnPressed.connect(self.submit)
        self.quit_button.clicked.connect(self.quit_requested)
        self.practice_button.clicked.connect(self.practice_requested)
        self.resize(820, 560)
        self.retranslate()

    # --- texts ---------------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("motcua: one-stop desk (locked)"))
        self.heading.setText("<h2>" + self.tr("One-stop desk") + "</h2>")
        self.subheading.setText(
            self.tr("The desk is locked. Enter your login and passphrase to continue.")
            if self._mode == "locked"
            else self.tr("Choose another clerk's login and enter their passphrase.")
            if self._mode == "switch"
            else self.tr("Enter your login and passphrase to open the desk.")
        )
        self.login_label.setText(self.tr("&Login:"))
        self.passphrase_label.setText(self.tr("&Passphrase:"))
        self.unlock_button.setText(self.tr("&Unlock"))
        self.quit_button.setText(self.tr("&Quit"))
        self.practice_button.setText(self.tr("P&ractice"))
        self.practice_button.setToolTip(self.tr("Practice mode: learn the desk on made-up dossiers"))
        self.help_toggle.setText(self.tr("Forgot the passphrase?"))
        self.help.setText(
            self.tr(
                "Another clerk of this desk can log in and set a new passphrase for you. If every clerk has "
                "forgotten their passphrase, call provincial IT: with the province's recovery key they can "
                'open this workstation\'s data again and set a new passphrase (see "Recover a workstation" '
                "in the IT guide). Nothing is lost, but it needs IT; nobody at the commune can bypass the "
                "passphrase. Repeated wrong tries make the desk wait a little longer each time."
            )
        )
        self._show_message()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show_message(self) -> None:
        if self._message is None:
            self.message.setText("")
            return
        kind, seconds = self._message
        if kind == "wrong":
            text = self.tr(
                "Wrong login or passphrase. Check the keyboard language and Caps Lock, then try again."
            )
            if seconds > 0:
                text += " " + self.tr("You can try again in %n seconds.", "", seconds)
        elif kind == "locked":
            text = self.tr("Too many wrong tries. Try again in %n seconds.", "", seconds)
        elif kind == "empty":
            text = self.tr("Enter your login and passphrase.")
        elif kind == "damaged":
            text = self.tr(
                "The desk's data on this computer is damaged and cannot be opened. It has been left exactly "
                "as it was: nothing was changed or deleted. Call IT: they can put the data back from a "
                "backup (error: %1)."
            ).replace("%1", self._error_kind)
        else:
            text = self.tr("The desk's data could not be opened. Ask IT for help (error: %1).").replace(
                "%1", self._error_kind
            )
        self.message.setText(text)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if event.spontaneous():
            event.ignore()
            self.quit_requested.emit()
            return
        super().closeEvent(event)

    # --- behaviour -----------------------------------------------------------------------------------------

    def prepare(self, logins: tuple[str, ...], *, mode: str = "start", current: str | None = None) -> None:
        """Fill the logins and reset the fields; ``mode`` is "start", "locked" or "switch"."""
        self._mode = mode
        self.practice_button.setVisible(self._practice_available and mode == "start")
        self.login.clear()
        self.login.addItems(list(logins))
        if current is not None and mode == "locked":
            self.login.setCurrentText(current)
        elif len(logins) == 1:
            self.login.setCurrentIndex(0)
        else:
            self.login.setCurrentIndex(-1)
            self.login.setEditText("")
        self.passphrase.clear()
        if self._countdown.isActive():
            self._show_message()
        else:
            self._message = None
        self.retranslate()
        (self.passphrase if self.login.currentText() else self.login).setFocus()

    def set_practice_available(self, available: bool) -> None:
        self._practice_available = available
        self.practice_button.setVisible(available and self._mode == "start")

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def waiting_seconds(self) -> int:
        """Seconds left before the next try is allowed (0 when it is)."""
        return self._wait_until_tick

    def submit(self) -> None:
        if self._busy or self._wait_until_tick > 0:
            return
        login, passphrase = self.login.currentText().strip(), self.passphrase.text()
        if not login or not passphrase:
            self._message = ("empty", 0)
            self._show_message()
            return
        self._set_busy(True)
        attempt = self._attempt
        self._background.run(
            lambda: attempt(login, passphrase),
            on_success=self._succeeded,
            on_failure=self._refused,
            owner=self,
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        for widget in (self.login, self.passphrase, self.unlock_button):
            widget.setEnabled(not busy and self._wait_until_tick == 0)
        if busy:
            self.message.setText(self.tr("Checking…"))

    def _succeeded(self, session: DeskSession) -> None:
        self._set_busy(False)
        self._message = None
        self._show_message()
        self.passphrase.clear()
        self.unlocked.emit(session)

    def _refused(self, error: BaseException) -> None:
        self._set_busy(False)
        self.passphrase.clear()
        if isinstance(error, UnlockRefused):
            seconds = math.ceil(error.retry_after) if error.retry_after > 0 else 0
            self._message = (error.reason, seconds)
            if seconds > 0:
                self._start_countdown(seconds)
        elif isinstance(error, DamagedStore):
            self._error_kind = f"store_damaged/{error.reason}"
            self._message = ("damaged", 0)
        else:
            self._error_kind = getattr(error, "kind", type(error).__name__)
            self._message = ("error", 0)
        self._show_message()
        self.passphrase.setFocus()

    def _start_countdown(self, seconds: int) -> None:
        self._wait_until_tick = seconds
        self._set_busy(False)
        self._countdown.start()

    def _tick(self) -> None:
        self._wait_until_tick = max(0, self._wait_until_tick - 1)
        if self._message is not None:
            self._message = (self._message[0], self._wait_until_tick)
        if self._wait_until_tick == 0:
            self._countdown.stop()
            self._set_busy(False)
            if self._message is not None and self._message[0] == "locked":
                self._message = None
            self.passphrase.setFocus()
        self._show_message()

    _error_kind = ""
