"""Correcting a saved dossier's details: the applicant and the documents received, pre-filled, and a reason.

The lifecycle rules (``dossiers.corrections``) say what may still be corrected: the other fields are shown
greyed out with a line saying why. Saving checks the correction here first (reason, something changed, values
as at reception); the page then writes it off the UI thread and calls :meth:`CorrectionDialog.saved` or
:meth:`CorrectionDialog.refused`. A refusal is shown in words and the dialog stays open with everything kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.dossier_page.correction_words import correction_error_text
from desktop.new_dossier.typed_dates import TypedDateError, format_typed_date, parse_typed_date
from desktop.warning_text import error_label
from dossiers.catalogue import DocumentForm
from dossiers.citizen_id import Sex
from dossiers.corrections import CONTACT, DOCUMENTS, IDENTITY, Correctable, Correction, check_correction
from dossiers.dossier import Applicant, Dossier, ReceivedDocument
from dossiers.errors import DossierError
from dossiers.lifecycle import Actor
from dossiers.official_forms import DOCUMENT_FORM_LABELS

Save = Callable[[Correction], None]
"""Starts writing the correction (off the UI thread); the page answers with ``saved`` or ``refused``."""

NAME, FORM, COUNT, NOTE = range(4)


def _words(text: str) -> str:
    return " ".join(text.split())


class CorrectionDialog(QDialog):
    """The applicant's details and the documents received, as saved, for the clerk to correct."""

    def __init__(
        self,
        dossier: Dossier,
        allowed: frozenset[Correctable],
        today: dt.date,
        save: Save,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.dossier = dossier
        self.allowed = allowed
        self._today = today
        self._save = save
        self.saving = False
        self.correction: Correction | None = None
        self.setWindowTitle(self.tr("Correct the dossier's details"))
        self.setMinimumWidth(620)
        applicant = dossier.applicant

        self.name = QLineEdit(applicant.full_name, self)
        self.birth_date = QLineEdit(
            format_typed_date(applicant.birth_date) if applicant.birth_date else "", self
        )
        self.birth_date.setPlaceholderText(self.tr("DD/MM/YYYY"))
        self.sex = QComboBox(self)
        self.sex.addItem("", None)
        self.sex.addItem(self.tr("Male"), Sex.MALE.value)
        self.sex.addItem(self.tr("Female"), Sex.FEMALE.value)
        self.sex.setCurrentIndex(max(self.sex.findData(applicant.sex.value if applicant.sex else None), 0))
        self.id_number = QLineEdit(applicant.id_number or "", self)
        self.address = QLineEdit(applicant.address, self)
        self.phone = QLineEdit(applicant.phone, self)
        self.email = QLineEdit(applicant.email, self)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, widget in (
            (self.tr("Full &name"), self.name),
            (self.tr("&Birth date"), self.birth_date),
            (self.tr("Se&x"), self.sex),
            (self.tr("&ID number"), self.id_number),
            (self.tr("&Address"), self.address),
            (self.tr("P&hone"), self.phone),
            (self.tr("E&mail"), self.email),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            form.addRow(label, widget)

        self.documents = QTableWidget(0, 4, self)
        self.documents.setHorizontalHeaderLabels(
            [self.tr("Document"), self.tr("Form"), self.tr("Count"), self.tr("Note")]
        )
        self.documents.horizontalHeader().setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.documents.setTabKeyNavigation(False)
        for document in dossier.documents:
            self.add_document(document)
        self.add_button = QPushButton(self.tr("A&dd a document"), self)
        self.add_button.clicked.connect(lambda: self.add_document())
        self.remove_button = QPushButton(self.tr("&Remove the selected document"), self)
        self.remove_button.clicked.connect(self.remove_document)
        document_buttons = QHBoxLayout()
        document_buttons.addWidget(self.add_button)
        document_buttons.addWidget(self.remove_button)
        document_buttons.addStretch(1)
        documents_label = QLabel(self.tr("Documents received"), self)
        documents_label.setBuddy(self.documents)

        self.locked = QLabel(self)
        self.locked.setWordWrap(True)
        self._lock()

        self.reason = QPlainTextEdit(self)
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(90)
        reason_label = QLabel(self.tr("R&eason for the correction (required)"), self)
        reason_label.setBuddy(self.reason)

        self.error = error_label(self)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.save_button.setText(self.tr("Save the correction"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("Change what is wrong and give the reason; the timeline keeps the old values.")
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self.locked)
        layout.addLayout(form)
        layout.addWidget(documents_label)
        layout.addWidget(self.documents)
        layout.addLayout(document_buttons)
        layout.addWidget(reason_label)
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        first = next((w for w in self._editable_widgets() if w.isEnabled()), self.reason)
        first.setFocus()

    # -- what may be corrected --

    def _identity_widgets(self) -> tuple[QWidget, ...]:
        return (self.name, self.birth_date, self.sex, self.id_number)

    def _contact_widgets(self) -> tuple[QWidget, ...]:
        return (self.address, self.phone, self.email)

    def _editable_widgets(self) -> tuple[QWidget, ...]:
        return (*self._identity_widgets(), *self._contact_widgets())

    def _lock(self) -> None:
        for group, widgets in ((IDENTITY, self._identity_widgets()), (CONTACT, self._contact_widgets())):
            editable = group <= self.allowed
            for widget in widgets:
                widget.setEnabled(editable)
        documents = DOCUMENTS <= self.allowed
        self.documents.setEnabled(documents)
        self.add_button.setEnabled(documents)
        self.remove_button.setEnabled(documents)
        if IDENTITY <= self.allowed:
            self.locked.hide()
        else:
            self.locked.setText(
                self.tr(
                    "The dossier has left the desk: only the contact details (address, phone, email) "
                    "can still be corrected."
                )
            )

    # -- documents --

    def add_document(self, document: ReceivedDocument | None = None) -> None:
        row = self.documents.rowCount()
        self.documents.insertRow(row)
        self.documents.setItem(row, NAME, QTableWidgetItem(document.name if document else ""))
        forms = QComboBox(self.documents)
        for choice in DocumentForm:
            forms.addItem(DOCUMENT_FORM_LABELS.get(choice, choice.value), choice.value)
        chosen = document.form if document else DocumentForm.ORIGINAL
        forms.setCurrentIndex(forms.findData(chosen.value))
        self.documents.setCellWidget(row, FORM, forms)
        count = QSpinBox(self.documents)
        count.setRange(1, 99)
        count.setValue(document.count if document else 1)
        self.documents.setCellWidget(row, COUNT, count)
        self.documents.setItem(row, NOTE, QTableWidgetItem(document.note if document else ""))
        if document is None:
            self.documents.setCurrentCell(row, NAME)

    def remove_document(self) -> None:
        row = self.documents.currentRow()
        if 0 <= row < self.documents.rowCount():
            self.documents.removeRow(row)

    def _cell(self, row: int, column: int) -> str:
        item = self.documents.item(row, column)
        return _words(item.text()) if item is not None else ""

    def typed_documents(self) -> tuple[ReceivedDocument, ...]:
        documents = []
        for row in range(self.documents.rowCount()):
            forms = self.documents.cellWidget(row, FORM)
            count = self.documents.cellWidget(row, COUNT)
            assert isinstance(forms, QComboBox) and isinstance(count, QSpinBox)
            documents.append(
                ReceivedDocument(
                    self._cell(row, NAME),
                    DocumentForm(forms.currentData()),
                    count.value(),
                    self._cell(row, NOTE),
                )
            )
        return tuple(documents)

    # -- reading and saving --

    def typed_correction(self) -> Correction:
        """The correction as typed (``TypedDateError`` for a birth date that is not DD/MM/YYYY)."""
        birth_text = self.birth_date.text().strip()
        birth = parse_typed_date(birth_text) if birth_text else None
        sex = self.sex.currentData()
        applicant = Applicant(
            full_name=_words(self.name.text()),
            birth_date=birth,
            sex=Sex(sex) if sex else None,
            id_number=self.id_number.text().replace(" ", "") or None,
            address=_words(self.address.text()),
            phone=self.phone.text().replace(" ", ""),
            email=self.email.text().strip(),
        )
        documents = self.typed_documents() if DOCUMENTS <= self.allowed else self.dossier.documents
        return Correction(applicant, documents, self.reason.toPlainText().strip())

    def accept(self) -> None:
        """Check the correction; if it passes, hand it to the page to write (the dialog waits open)."""
        if self.saving:
            return
        try:
            correction = self.typed_correction()
            check_correction(self.dossier, correction, actor=Actor.DESK, today=self._today)
        except (DossierError, TypedDateError) as error:
            self.refused(error)
            return
        self.error.hide()
        self.saving = True
        self.save_button.setEnabled(False)
        self.correction = correction
        self._save(correction)

    def saved(self) -> None:
        """The correction was written: close."""
        self.saving = False
        super().accept()

    def refused(self, error: BaseException) -> None:
        """Say why in words; everything typed stays."""
        self.saving = False
        self.save_button.setEnabled(True)
        self.error.setText(correction_error_text(error))
        self.error.show()

    def reject(self) -> None:
        if not self.saving:
            super().reject()


__all__ = ["CorrectionDialog"]
