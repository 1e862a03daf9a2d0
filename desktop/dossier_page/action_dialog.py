"""The small form a status action asks for: missing documents, a reason, a new date, to whom it is handed.

``check`` (given by the page) builds the action's form and plan from the inputs; a refusal is shown here in
words and the dialog stays open with everything typed kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.dossier_page.status_actions import APOLOGY, ActionInputs, Offer, error_text
from desktop.warning_text import error_label
from dossiers.dossier import Dossier
from dossiers.errors import DossierError
from dossiers.lifecycle import Action
from dossiers.official_forms import MissingDocument

Check = Callable[[ActionInputs], object]


class ActionDialog(QDialog):
    """Asks for what ``offer`` needs; accepted only once ``check(inputs)`` passes."""

    def __init__(self, offer: Offer, dossier: Dossier, check: Check, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.offer = offer
        self._check = check
        self.setWindowTitle(offer.label)
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        intro = QLabel(self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        layout.addLayout(form)
        self.missing: QTableWidget | None = None
        self.new_date: QDateEdit | None = None
        self.handed_to: QLineEdit | None = None

        if offer.key == Action.REQUEST_SUPPLEMENT.value:
            intro.setText(self.tr("List everything missing or incomplete, in one go (Mẫu 02)."))
            self.missing = QTableWidget(3, 2, self)
            self.missing.setHorizontalHeaderLabels([self.tr("Document"), self.tr("What to add or complete")])
            self.missing.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            self.missing.setTabKeyNavigation(False)
            add = QPushButton(self.tr("Add a line"), self)
            add.clicked.connect(lambda: self.missing.insertRow(self.missing.rowCount()))  # type: ignore[union-attr]
            layout.insertWidget(1, self.missing)
            layout.insertWidget(2, add, 0, Qt.AlignmentFlag.AlignLeft)
        elif offer.key == Action.HAND_OVER.value:
            intro.setText(
                self.tr("Hand the dossier over for processing; a row is added to the control sheet.")
            )
            self.handed_to = QLineEdit(self)
            form.addRow(self.tr("Handed to"), self.handed_to)
        elif offer.key == APOLOGY:
            intro.setText(self.tr("Apologise for the delay and give a new appointment date (Mẫu 04)."))
            self.new_date = QDateEdit(self)
            self.new_date.setCalendarPopup(True)
            self.new_date.setDisplayFormat("dd/MM/yyyy")
            if dossier.appointment is not None:
                after = dossier.appointment + dt.timedelta(days=1)
                self.new_date.setDate(QDate(after.year, after.month, after.day))
            form.addRow(self.tr("New appointment date"), self.new_date)
        elif offer.form:
            intro.setText(self.tr("This prints %1.").replace("%1", offer.form))

        self.reason = QPlainTextEdit(self)
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(120)
        form.addRow(self._reason_label(), self.reason)

        self.error = error_label(self)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Confirm"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.inputs_given: ActionInputs | None = None

    def _reason_label(self) -> str:
        key = self.offer.key
        if key in (Action.REFUSE.value, Action.STOP.value):
            return self.tr("Reason")
        if key == APOLOGY:
            return self.tr("Reason for the delay")
        return self.tr("Note (optional)")

    def inputs(self) -> ActionInputs:
        missing: list[MissingDocument] = []
        if self.missing is not None:
            for row in range(self.missing.rowCount()):
                name, reason = (self._cell(row, 0), self._cell(row, 1))
                if name or reason:
                    missing.append(MissingDocument(name, reason))
        new_date = None
        if self.new_date is not None:
            q = self.new_date.date()
            new_date = dt.date(q.year(), q.month(), q.day())
        return ActionInputs(
            reason=self.reason.toPlainText(),
            missing=tuple(missing),
            new_date=new_date,
            handed_to=self.handed_to.text() if self.handed_to is not None else "",
        )

    def _cell(self, row: int, column: int) -> str:
        item = self.missing.item(row, column) if self.missing is not None else None
        return item.text().strip() if item is not None else ""

    def set_missing(self, lines: list[tuple[str, str]]) -> None:
        """Fill the missing-documents table (the page's tests and a checklist can prefill it)."""
        assert self.missing is not None
        self.missing.setRowCount(max(len(lines), 1))
        for row, (name, reason) in enumerate(lines):
            self.missing.setItem(row, 0, QTableWidgetItem(name))
            self.missing.setItem(row, 1, QTableWidgetItem(reason))

    def accept(self) -> None:
        inputs = self.inputs()
        try:
            self._check(inputs)
        except (DossierError, ValueError) as error:
            self.error.setText(error_text(error))
            self.error.show()
            return
        self.inputs_given = inputs
        super().accept()
