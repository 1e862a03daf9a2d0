"""The applicant's details: only the fields the procedure needs, typed or filled at once from the ID card QR
(a desk scanner types the QR text and Enter). A wrong or partial scan changes nothing and says why."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.new_dossier.typed_dates import TypedDateError, format_typed_date, parse_typed_date
from desktop.new_dossier.wording import citizen_id_words, qr_error_words
from desktop.warning_text import error_label
from dossiers.catalogue import ApplicantField
from dossiers.citizen_id import Sex, check_consistency, parse_citizen_id
from dossiers.dossier import Applicant
from dossiers.errors import CitizenIdError, QrParseError
from dossiers.id_card_qr import IdCardData, parse_id_card_qr

TEXT_FIELDS = (
    ApplicantField.FULL_NAME,
    ApplicantField.ID_NUMBER,
    ApplicantField.ADDRESS,
    ApplicantField.PHONE,
    ApplicantField.EMAIL,
    ApplicantField.NATIONALITY,
    ApplicantField.ETHNICITY,
    ApplicantField.MARITAL_STATUS,
    ApplicantField.RELATIONSHIP,
)
NOTE_FIELDS = (
    ApplicantField.NATIONALITY,
    ApplicantField.ETHNICITY,
    ApplicantField.MARITAL_STATUS,
    ApplicantField.RELATIONSHIP,
)
"""Fields the dossier record has no place for: kept as notes of the dossier ("Quốc tịch: Việt Nam")."""
CARD_FIELDS = (
    ApplicantField.FULL_NAME,
    ApplicantField.BIRTH_DATE,
    ApplicantField.SEX,
    ApplicantField.ID_NUMBER,
    ApplicantField.ADDRESS,
)
"""The fields an ID card scan fills, in the order the notice names them."""
NOTE_LABELS_VI = {
    ApplicantField.NATIONALITY: "Quốc tịch",
    ApplicantField.ETHNICITY: "Dân tộc",
    ApplicantField.MARITAL_STATUS: "Tình trạng hôn nhân",
    ApplicantField.RELATIONSHIP: "Quan hệ với người được đăng ký",
}


@dataclass(frozen=True, slots=True)
class ApplicantEntry:
    """What the form holds once checked: the applicant and the notes from fields without a record field."""

    applicant: Applicant
    notes: tuple[str, ...]


class ApplicantForm(QWidget):
    """The scan field on top, then the procedure's fields."""

    changed = Signal()

    def __init__(self, today: Callable[[], dt.date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._needed: tuple[ApplicantField, ...] = ()
        self.scan = QLineEdit(self)
        self.scan.setObjectName("id_card_scan")
        self.scan_label = QLabel(self)
        self.scan_label.setBuddy(self.scan)
        self.scan_message = QLabel(self)
        self.scan_message.setWordWrap(True)
        self.scan_message.setTextFormat(Qt.TextFormat.PlainText)
        self.scan_error = error_label(self)
        self.edits: dict[ApplicantField, QLineEdit] = {f: QLineEdit(self) for f in TEXT_FIELDS}
        self.birth_date = QLineEdit(self)
        self.birth_date.setInputMask("")
        self.sex = QComboBox(self)
        self.labels: dict[ApplicantField, QLabel] = {f: QLabel(self) for f in ApplicantField}
        self.error = error_label(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # a narrow form puts labels above
        for field in ApplicantField:
            widget = self.widget_for(field)
            self.labels[field].setBuddy(widget)
            self.form.addRow(self.labels[field], widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scan_label)
        layout.addWidget(self.scan)
        layout.addWidget(self.scan_message)
        layout.addWidget(self.scan_error)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.scan.returnPressed.connect(self._scanned)
        for edit in (*self.edits.values(), self.birth_date):
            edit.textEdited.connect(self._edited)
            edit.returnPressed.connect(self._next_field)
        self.sex.currentIndexChanged.connect(self._edited)
        self.retranslate()
        self.set_fields(())

    def widget_for(self, field: ApplicantField) -> QWidget:
        if field is ApplicantField.BIRTH_DATE:
            return self.birth_date
        if field is ApplicantField.SEX:
            return self.sex
        return self.edits[field]

    def retranslate(self) -> None:
        labels = {
            ApplicantField.FULL_NAME: self.tr("Full &name"),
            ApplicantField.BIRTH_DATE: self.tr("&Birth date"),
            ApplicantField.SEX: self.tr("Se&x"),
            ApplicantField.ID_NUMBER: self.tr("&ID number"),
            ApplicantField.ADDRESS: self.tr("&Address"),
            ApplicantField.PHONE: self.tr("P&hone"),
            ApplicantField.EMAIL: self.tr("E&mail"),
            ApplicantField.NATIONALITY: self.tr("Nationality"),
            ApplicantField.ETHNICITY: self.tr("Ethnicity"),
            ApplicantField.MARITAL_STATUS: self.tr("Marital status"),
            ApplicantField.RELATIONSHIP: self.tr("Relationship to the person concerned"),
        }
        for field, text in labels.items():
            self.labels[field].setText(text)
        self.scan_label.setText(self.tr("ID card &QR: scan the chip ID card (F4)"))
        self.scan.setPlaceholderText(self.tr("Point the scanner at the card's QR code"))
        self.birth_date.setPlaceholderText(self.tr("DD/MM/YYYY"))
        current = self.sex.currentData()
        self.sex.blockSignals(True)
        self.sex.clear()
        self.sex.addItem("", None)
        self.sex.addItem(self.tr("Male"), Sex.MALE)
        self.sex.addItem(self.tr("Female"), Sex.FEMALE)
        self.sex.setCurrentIndex(max(self.sex.findData(current), 0))
        self.sex.blockSignals(False)
        if self.scan_message.text():
            self.scan_message.setText(self.scan_notice())

    # -- which fields -------------------------------------------------------------------------------------

    def set_fields(self, needed: tuple[ApplicantField, ...]) -> None:
        """Show only the fields the procedure needs (values in hidden fields are kept but not used)."""
        self._needed = tuple(needed)
        for field in ApplicantField:
            self.form.setRowVisible(self.widget_for(field), field in self._needed)
        self.error.clear()
        if self.scan_message.text():
            self.scan_message.setText(self.scan_notice())
        self._fit_messages()

    @property
    def needed(self) -> tuple[ApplicantField, ...]:
        return self._needed

    def has_typed_data(self) -> bool:
        return bool(
            self.scan.text().strip() or self.birth_date.text().strip() or self.sex.currentData()
        ) or any(edit.text().strip() for edit in self.edits.values())

    # -- the ID card scan ---------------------------------------------------------------------------------

    def _scanned(self) -> None:
        self.apply_scan(self.scan.text())

    def apply_scan(self, text: str) -> IdCardData | None:
        """Fill name, birth date, sex, ID number and address at once; on a wrong scan change nothing."""
        self.scan.clear()  # the card's text is personal data: it does not stay in the field
        try:
            card = parse_id_card_qr(text, today=self._today())
        except QrParseError as error:
            self.scan_message.clear()
            self.scan_error.setText(qr_error_words(error))
            self._fit_messages()
            return None
        self.scan_error.clear()
        self.edits[ApplicantField.FULL_NAME].setText(card.full_name)
        self.edits[ApplicantField.ID_NUMBER].setText(card.id_number)
        self.edits[ApplicantField.ADDRESS].setText(card.address)
        self.birth_date.setText(format_typed_date(card.birth_date))
        self.sex.setCurrentIndex(self.sex.findData(card.sex))
        self.scan_message.setText(self.scan_notice())
        self.error.clear()
        self._fit_messages()
        self.changed.emit()
        return card

    def _fit_messages(self) -> None:
        """An empty message takes no room (a hidden label adds no spacing either)."""
        for label in (self.scan_message, self.scan_error, self.error):
            label.setVisible(bool(label.text()))

    def scan_notice(self) -> str:
        """What a good scan filled, naming only the fields this procedure shows (the others are kept)."""
        words = {
            ApplicantField.FULL_NAME: self.tr("name"),
            ApplicantField.BIRTH_DATE: self.tr("birth date"),
            ApplicantField.SEX: self.tr("sex"),
            ApplicantField.ID_NUMBER: self.tr("ID number"),
            ApplicantField.ADDRESS: self.tr("address"),
        }
        shown = [words[field] for field in CARD_FIELDS if field in self._needed]
        if not shown:
            return self.tr("ID card read: its details show once the procedure is chosen.")
        listed = shown[0]
        if len(shown) > 1:
            listed = self.tr("%1 and %2").replace("%1", ", ".join(shown[:-1])).replace("%2", shown[-1])
        return self.tr("ID card read: %1 filled in.").replace("%1", listed)

    def _next_field(self) -> None:
        self.focusNextChild()

    def _edited(self) -> None:
        self.changed.emit()

    # -- reading and checking -----------------------------------------------------------------------------

    def entry(self) -> ApplicantEntry | None:
        """The checked applicant, or ``None`` with the problem shown in words (nothing typed is lost)."""
        problem, entry = self._check()
        self.error.setText(problem)
        self._fit_messages()
        return entry

    def _text(self, field: ApplicantField) -> str:
        return " ".join(self.edits[field].text().split()) if field in self._needed else ""

    def _check(self) -> tuple[str, ApplicantEntry | None]:
        needed = self._needed
        name = self._text(ApplicantField.FULL_NAME)
        if ApplicantField.FULL_NAME in needed and not name:
            return self.tr("Type the applicant's full name (or scan the ID card)."), None
        birth: dt.date | None = None
        sex: Sex | None = None
        if ApplicantField.BIRTH_DATE in needed and self.birth_date.text().strip():
            try:
                birth = parse_typed_date(self.birth_date.text())
            except TypedDateError as error:
                if error.problem == "format":
                    return self.tr("Type the birth date as DD/MM/YYYY, e.g. 05/09/1990."), None
                return self.tr("The birth date {date} does not exist: check the day and the month.").format(
                    date=self.birth_date.text().strip()
                ), None
            if birth > self._today():
                return self.tr("The birth date is after today."), None
        if ApplicantField.SEX in needed and self.sex.currentData():
            sex = Sex(self.sex.currentData())
        number = self._text(ApplicantField.ID_NUMBER).replace(" ", "") or None
        if number is not None:
            try:
                check_consistency(parse_citizen_id(number), birth, sex)
            except CitizenIdError as error:
                return citizen_id_words(error), None
        notes = tuple(
            f"{NOTE_LABELS_VI[field]}: {self._text(field)}" for field in NOTE_FIELDS if self._text(field)
        )
        applicant = Applicant(
            full_name=name,
            birth_date=birth,
            sex=sex,
            id_number=number,
            address=self._text(ApplicantField.ADDRESS),
            phone=self._text(ApplicantField.PHONE).replace(" ", ""),
            email=self._text(ApplicantField.EMAIL),
        )
        return "", ApplicantEntry(applicant, notes)
