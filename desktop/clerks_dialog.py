"""The Clerks dialog (Tools → Clerks): the desk's clerk accounts; the head clerk adds and removes them.

The list, the additions and the removals run in the background (Argon2id, the key file, the store); the
workstation refuses a clerk who is not a head clerk too, whatever this dialog shows.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.background import Background
from desktop.first_run_wizard.wizard_page import note_label
from desktop.new_clerk_checks import new_clerk_problem, show_strength
from desktop.warning_text import error_label
from sync.keyfile import login_key
from sync.keys import MIN_PASSPHRASE_CHARS
from sync.store import Store
from workstation.clerks import (
    CLERK,
    HEAD,
    MAX_FULL_NAME_CHARS,
    ClerkAccountError,
    DeskClerk,
    RemovingOneself,
    add_desk_clerk,
    read_desk_clerks,
    remove_desk_clerk,
)


class ClerksDialog(QDialog):
    """Lists the clerks (full name, login, role); a head clerk adds one or removes one.

    Emits :attr:`clerks_changed` with the new list of logins after an addition or a removal.
    """

    clerks_changed = Signal(tuple)

    def __init__(
        self,
        background: Background,
        store: Store,
        key_file: Path,
        me: str,
        *,
        now: Callable[[], datetime],
        new_id: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._background = background
        self._store = store
        self._key_file = key_file
        self._me = me
        self._now = now
        self._new_id = new_id
        self.clerks: tuple[DeskClerk, ...] = ()
        self.busy = False
        self._i_am_head = False
        self.confirm_box: QMessageBox | None = None

        self.intro = note_label(self)
        self.table = QTableWidget(0, 3, self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):  # login and role shown whole, header included (the name takes what is left)
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(140)
        self.remove_button = QPushButton(self)
        self.remove_button.clicked.connect(self.ask_to_remove)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.leaving_note = note_label(self)

        self.add_box = QGroupBox(self)
        self.login = QLineEdit(self.add_box)
        self.login.setMaxLength(64)
        self.full_name = QLineEdit(self.add_box)
        self.full_name.setMaxLength(MAX_FULL_NAME_CHARS)
        self.passphrase = QLineEdit(self.add_box)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(self.add_box)
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.strength = QLabel(self.add_box)
        self.role = QComboBox(self.add_box)
        self.add_note = note_label(self.add_box)
        self.add_button = QPushButton(self.add_box)
        self.add_button.clicked.connect(self.add)
        self.labels = [QLabel(self.add_box) for _ in range(5)]
        fields = (self.login, self.full_name, self.passphrase, self.repeat, self.role)
        for label, field in zip(self.labels, fields, strict=True):
            label.setBuddy(field)
        form = QFormLayout(self.add_box)
        form.addRow(self.add_note)
        form.addRow(self.labels[0], self.login)
        form.addRow(self.labels[1], self.full_name)
        form.addRow(self.labels[2], self.passphrase)
        form.addRow("", self.strength)
        form.addRow(self.labels[3], self.repeat)
        form.addRow(self.labels[4], self.role)
        form.addRow("", self.add_button)
        self.passphrase.textChanged.connect(lambda text: show_strength(self.strength, text))

        self.message = error_label(self)
        self.done_message = QLabel(self)
        self.done_message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        self.buttons.rejected.connect(self.reject)

        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(self.leaving_note)
        layout.addWidget(self.add_box)
        layout.addWidget(self.message)
        layout.addWidget(self.done_message)
        layout.addWidget(self.buttons)
        self.retranslate()
        self._set_allowed(False)
        self.reload()

    # --- words ---------------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Clerks of this desk"))
        self.intro.setText(
            self.tr(
                "Each clerk has her own login and passphrase. The head clerk adds and removes clerks; "
                "every change in a dossier's timeline names the clerk who made it."
            )
        )
        self.table.setHorizontalHeaderLabels([self.tr("Full name"), self.tr("Login"), self.tr("Role")])
        self.remove_button.setText(self.tr("&Remove the selected clerk…"))
        self.leaving_note.setText(
            self.tr(
                "Removing a clerk takes her passphrase off this desk. For a clerk who has left the office, "
                "IT can run “motcua rotate-key --remove LOGIN” instead: it removes her account and "
                "re-encrypts the data under a new key, so an old copy of the key file no longer opens it."
            )
        )
        self.add_box.setTitle(self.tr("Add a clerk"))
        self.add_note.setText(
            self.tr(
                "The new clerk types her own passphrase, twice: at least %n characters, a few words she "
                "remembers. Nobody can read it back.",
                "",
                MIN_PASSPHRASE_CHARS,
            )
        )
        self.labels[0].setText(self.tr("&Login name:"))
        self.labels[1].setText(self.tr("&Full name:"))
        self.labels[2].setText(self.tr("&Passphrase:"))
        self.labels[3].setText(self.tr("Re&type the passphrase:"))
        self.labels[4].setText(self.tr("R&ole:"))
        current = self.role.currentData()
        self.role.clear()
        self.role.addItem(self.role_text(CLERK), CLERK)
        self.role.addItem(self.role_text(HEAD), HEAD)
        self.role.setCurrentIndex(max(0, self.role.findData(current)))
        self.add_button.setText(self.tr("&Add the clerk"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        show_strength(self.strength, self.passphrase.text())
        self._show_clerks(self.clerks)

    def role_text(self, role: str) -> str:
        return self.tr("Head clerk") if role == HEAD else self.tr("Clerk")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def error_text(self, error: BaseException) -> str:
        """A refusal or failure in the clerk's words (never naming the error's personal data)."""
        code = error.code if isinstance(error, ClerkAccountError) else ""
        words = {
            "not_head": self.tr("Only the desk's head clerk can add or remove clerks."),
            "login_taken": self.tr("A clerk with this login already exists. Choose another login."),
            "bad_login": self.tr("A login name has 1 to 64 visible characters."),
            "no_full_name": self.tr("Enter the clerk's full name (at most 100 characters)."),
            "weak_passphrase": self.tr(
                "The passphrase is too short: use at least %n characters.", "", MIN_PASSPHRASE_CHARS
            ),
            "unknown_clerk": self.tr("This clerk is no longer on the list."),
            "self": self.tr("You cannot remove your own account: another head clerk can."),
            "last_head": self.tr("The desk's last head clerk cannot be removed."),
            "key_file": self.tr("The key file cannot be changed now. Ask IT."),
        }
        return words.get(
            code,
            self.tr("The clerk accounts could not be changed (%1). Try again or ask IT.").replace(
                "%1", type(error).__name__
            ),
        )

    # --- the list ------------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the clerks again (off the UI thread)."""
        key_file, store = self._key_file, self._store
        self._background.run(
            lambda: read_desk_clerks(key_file, store),
            on_success=self._show_clerks,
            on_failure=self._failed,
            owner=self,
        )

    def _show_clerks(self, clerks: tuple[DeskClerk, ...]) -> None:
        self.clerks = clerks
        selected = self.selected()
        self.table.setRowCount(len(clerks))
        for row, clerk in enumerate(clerks):
            cells = (clerk.full_name or "—", clerk.login, self.role_text(clerk.role))
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if selected is not None:
            for row, clerk in enumerate(clerks):
                if clerk.clerk_id == selected.clerk_id:
                    self.table.selectRow(row)
        me = self._mine(clerks)
        self._i_am_head = me is not None and me.is_head
        self._set_allowed(self._i_am_head)
        if clerks and not self._i_am_head:
            self.message.setText(self.tr("Only the desk's head clerk can add or remove clerks."))

    def _mine(self, clerks: tuple[DeskClerk, ...]) -> DeskClerk | None:
        return next((c for c in clerks if login_key(c.login) == login_key(self._me)), None)

    def selected(self) -> DeskClerk | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or not 0 <= rows[0].row() < len(self.clerks):
            return None
        return self.clerks[rows[0].row()]

    def _set_allowed(self, allowed: bool) -> None:
        self.add_box.setEnabled(allowed and not self.busy)
        self.remove_button.setEnabled(allowed and not self.busy and self.selected() is not None)

    def _selection_changed(self) -> None:
        self._set_allowed(self._i_am_head)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self._set_allowed(self._i_am_head)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.done_message.setText("")
        self.message.setText(self.error_text(error))

    def _changed(self, text: str) -> None:
        self._set_busy(False)
        self.message.setText("")
        self.done_message.setText(text)
        key_file, store = self._key_file, self._store
        self._background.run(
            lambda: read_desk_clerks(key_file, store),
            on_success=self._listed_after_change,
            on_failure=self._failed,
            owner=self,
        )

    def _listed_after_change(self, clerks: tuple[DeskClerk, ...]) -> None:
        self._show_clerks(clerks)
        self.clerks_changed.emit(tuple(c.login for c in clerks))

    # --- adding --------------------------------------------------------------------------------------------

    def add(self) -> None:
        """Check the fields, then add the clerk in the background."""
        if self.busy:
            return
        problem = new_clerk_problem(
            self.login.text(), self.full_name.text(), self.passphrase.text(), self.repeat.text()
        )
        if problem is not None:
            self.done_message.setText("")
            self.message.setText(problem)
            self.repeat.clear()
            return
        key_file, store, me, now, new_id = self._key_file, self._store, self._me, self._now, self._new_id
        login, full_name, passphrase = self.login.text(), self.full_name.text(), self.passphrase.text()
        role = self.role.currentData()
        self.passphrase.clear()
        self.repeat.clear()
        self._set_busy(True)
        self.message.setText("")
        self.done_message.setText(self.tr("Adding the clerk…"))
        self._background.run(
            lambda: add_desk_clerk(
                key_file,
                store,
                actor=me,
                login=login,
                full_name=full_name,
                passphrase=passphrase,
                role=role,
                now=now,
                new_id=new_id,
            ),
            on_success=self._added,
            on_failure=self._failed,
            owner=self,
        )

    def _added(self, clerk: DeskClerk) -> None:
        self.login.clear()
        self.full_name.clear()
        self._changed(
            self.tr("%1 (%2) is added: she unlocks the desk with her own passphrase.")
            .replace("%1", clerk.full_name or clerk.login)
            .replace("%2", clerk.login)
        )

    # --- removing ------------------------------------------------------------------------------------------

    def ask_to_remove(self) -> None:
        """Ask before removing the selected clerk (refused in words for oneself)."""
        clerk = self.selected()
        if clerk is None or self.busy:
            return
        if login_key(clerk.login) == login_key(self._me):
            self.done_message.setText("")
            self.message.setText(self.error_text(RemovingOneself()))
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.windowTitle(), "", parent=self)
        box.setText(
            self.tr("Remove the account of %1 (%2)? She will no longer be able to unlock this desk.")
            .replace("%1", clerk.full_name or clerk.login)
            .replace("%2", clerk.login)
        )
        box.addButton(self.tr("Remove"), QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(self.tr("Keep"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.accepted.connect(lambda: self.remove(clerk))
        box.finished.connect(box.deleteLater)
        self.confirm_box = box
        box.open()

    def remove(self, clerk: DeskClerk) -> None:
        """Remove ``clerk``'s account in the background."""
        self.confirm_box = None
        key_file, store, me = self._key_file, self._store, self._me
        self._set_busy(True)
        self.message.setText("")
        self._background.run(
            lambda: remove_desk_clerk(key_file, store, actor=me, login=clerk.login),
            on_success=self._removed,
            on_failure=self._failed,
            owner=self,
        )

    def _removed(self, clerk: DeskClerk) -> None:
        self._changed(
            self.tr(
                "%1 (%2) can no longer unlock this desk. If she has left the office, ask IT to run "
                "“motcua rotate-key”: it re-encrypts the data under a new key."
            )
            .replace("%1", clerk.full_name or clerk.login)
            .replace("%2", clerk.login)
        )
