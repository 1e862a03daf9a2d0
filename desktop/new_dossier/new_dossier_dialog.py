"""The "New dossier" dialog (F2): procedure, applicant, documents, scans, fee and appointment, then save with
the code assigned offline and print the receipt (Mẫu 01), or, when a required document is missing, record the
dossier as waiting for a supplement and print the request (Mẫu 02). Every desk call runs off the UI thread."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QIntValidator, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.background import Background
from desktop.new_dossier.applicant_form import ApplicantForm
from desktop.new_dossier.attachments_picker import AttachmentsPicker
from desktop.new_dossier.documents_checklist import DocumentsChecklist
from desktop.new_dossier.pdf_file_name import documents_folder, pdf_file_name
from desktop.new_dossier.procedure_picker import ProcedurePicker
from desktop.new_dossier.wording import appointment_words
from desktop.printing.form_renderer import preview, render_pdf
from desktop.screen_fit import fit_to_screen, fitted_size
from desktop.warning_text import error_label
from dossiers.appointments import Appointment
from dossiers.catalogue import Procedure
from dossiers.catalogue_search import CatalogueIndex
from dossiers.dossier import Applicant, Dossier, Office
from dossiers.dossier_codes import format_code
from dossiers.errors import DossierError, FeeError
from dossiers.fees import FeeBasis, FixedFee, PerPageFee, ProvinceSetFee, format_vnd
from dossiers.official_forms import (
    MissingDocument,
    ReceiptForm,
    SupplementRequestForm,
    build_receipt,
    build_supplement_request,
)
from dossiers.vietnam_time import VIETNAM_TIME
from workstation.dossier_desk import DossierDesk, DossierDraft, Quote
from workstation.supplement_requests import record_supplement_request

QUOTE_DELAY_MS = 150
PREFERRED_SIZE = QSize(1366, 768)
"""The dialog opens this big, or as big as the screen allows (the applicant's fields scroll below that)."""
FILE_DIALOG_SIZE = QSize(900, 560)
MISSING_REASON = "Chưa nộp (giấy tờ bắt buộc theo thủ tục)"
"""The reason printed on Mẫu 02 for a required document that was not handed in."""


def _call(slot: Callable[[], object]) -> None:
    """Run a shortcut's action and drop its result (a slot returning a bool upsets this PySide6)."""
    slot()


class NewDossierDialog(QDialog):
    """Receive one dossier; open it with ``open()`` (the window stays usable for the queue behind)."""

    dossier_saved = Signal(object)
    """The saved ``Dossier`` (accepted with its code, or waiting for a supplement)."""

    def __init__(
        self,
        desk: DossierDesk,
        background: Background,
        office: Office,
        parent: QWidget | None = None,
        *,
        index: CatalogueIndex | None = None,
        now: Callable[[], dt.datetime] | None = None,
        new_id: Callable[[], str] | None = None,
        auto_preview: bool = True,
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.background = background
        self.office = office
        self._now = now or (lambda: dt.datetime.now(VIETNAM_TIME))
        self._new_id = new_id or (lambda: str(uuid.uuid4()))
        self.auto_preview = auto_preview
        self.procedure: Procedure | None = None
        self.quote: Quote | None = None
        self.dossier: Dossier | None = None
        self.form: ReceiptForm | SupplementRequestForm | None = None
        self.saving = False
        self.fee_needed = False
        self._closing = False
        self._quote_generation = 0
        self.discard_box: QMessageBox | None = None
        self.preview_dialog: QDialog | None = None
        self.pdf_dialog: QFileDialog | None = None

        self.picker = ProcedurePicker(index or CatalogueIndex(desk.catalogue), self)
        self.applicant = ApplicantForm(lambda: self._now().astimezone(VIETNAM_TIME).date(), self)
        self.checklist = DocumentsChecklist(self)
        self.attachments = AttachmentsPicker(desk.store, background, self._now, self)

        self.quote_box = QGroupBox(self)
        self.appointment = QLabel(self.quote_box)
        self.appointment.setWordWrap(True)
        self.appointment.setTextFormat(Qt.TextFormat.PlainText)
        self.appointment.setObjectName("appointment")
        self.fee = QLabel(self.quote_box)
        self.fee.setWordWrap(True)
        self.fee.setTextFormat(Qt.TextFormat.PlainText)
        self.fee_input_label = QLabel(self.quote_box)
        self.fee_input = QLineEdit(self.quote_box)
        self.fee_input.setValidator(QIntValidator(0, 1_000_000_000, self.fee_input))
        self.fee_input_label.setBuddy(self.fee_input)
        self.pages_label = QLabel(self.quote_box)
        self.pages = QSpinBox(self.quote_box)
        self.pages.setRange(1, 9999)
        self.pages_label.setBuddy(self.pages)
        self.copies_label = QLabel(self.quote_box)
        self.copies = QSpinBox(self.quote_box)
        self.copies.setRange(1, 999)
        self.copies_label.setBuddy(self.copies)
        quote_layout = QGridLayout(self.quote_box)
        quote_layout.addWidget(self.appointment, 0, 0, 1, 6)
        quote_layout.addWidget(self.fee, 1, 0, 1, 6)
        quote_layout.addWidget(self.pages_label, 2, 0)
        quote_layout.addWidget(self.pages, 2, 1)
        quote_layout.addWidget(self.copies_label, 2, 2)
        quote_layout.addWidget(self.copies, 2, 3)
        quote_layout.addWidget(self.fee_input_label, 3, 0, 1, 2)
        quote_layout.addWidget(self.fee_input, 3, 2, 1, 2)
        quote_layout.setColumnStretch(5, 1)

        self.message = error_label(self)
        self.done_label = QLabel(self)
        self.done_label.setWordWrap(True)
        self.done_label.setTextFormat(Qt.TextFormat.PlainText)
        self.done_label.setObjectName("done")
        self.primary = QPushButton(self)
        self.primary.setMinimumHeight(40)
        self.print_button = QPushButton(self)
        self.pdf_button = QPushButton(self)
        self.cancel = QPushButton(self)
        for button in (self.primary, self.print_button, self.pdf_button, self.cancel):
            button.setAutoDefault(False)  # Enter proceeds inside the form; F10 saves
        buttons = QHBoxLayout()
        buttons.addWidget(self.done_label, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.primary)

        # The applicant's fields scroll when a procedure needs many of them or messages appear: they are never
        # squeezed (a field keeps its height after a validation error).
        self.applicant_area = QScrollArea(self)
        self.applicant_area.setObjectName("applicant-area")
        self.applicant_area.setWidget(self.applicant)
        self.applicant_area.setWidgetResizable(True)
        self.applicant_area.setFrameShape(QFrame.Shape.NoFrame)
        self.applicant_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.inputs = QWidget(self)
        grid = QGridLayout(self.inputs)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.picker, 0, 0)
        grid.addWidget(self.checklist, 1, 0)
        grid.addWidget(self.applicant_area, 0, 1)
        grid.addWidget(self.attachments, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.inputs, 1)
        layout.addWidget(self.quote_box)  # the appointment and the fee stay in sight below the inputs
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        fit_to_screen(self, PREFERRED_SIZE)

        self.setTabOrder(self.picker.search, self.picker.results)
        self.setTabOrder(self.picker.results, self.applicant.scan)

        self.picker.picked.connect(self._picked)
        self.checklist.changed.connect(self._inputs_changed)
        self.applicant.changed.connect(self.message.clear)
        self.attachments.changed.connect(self._inputs_changed)
        self.pages.valueChanged.connect(self._inputs_changed)
        self.copies.valueChanged.connect(self._inputs_changed)
        self.fee_input.textEdited.connect(self._inputs_changed)
        self.primary.clicked.connect(self.save)
        self.cancel.clicked.connect(self.request_close)
        self.print_button.clicked.connect(self.preview_form)
        self.pdf_button.clicked.connect(self.choose_pdf)
        self._quote_timer = QTimer(self)
        self._quote_timer.setSingleShot(True)
        self._quote_timer.setInterval(QUOTE_DELAY_MS)
        self._quote_timer.timeout.connect(self.request_quote)
        for key, slot in (
            (Qt.Key.Key_F3, self.picker.search.setFocus),
            (Qt.Key.Key_F4, self.applicant.scan.setFocus),
            (Qt.Key.Key_F5, self.checklist.list.setFocus),
            (Qt.Key.Key_F6, self.attachments.choose_files),
            (Qt.Key.Key_F9, self.preview_form),
            (Qt.Key.Key_F10, self.save),
        ):
            QShortcut(QKeySequence(key), self).activated.connect(lambda slot=slot: _call(slot))
        QShortcut(QKeySequence("Ctrl+S"), self).activated.connect(lambda: _call(self.save))
        self._show_fee_fields(None)
        self.print_button.hide()
        self.pdf_button.hide()
        self.retranslate()
        self.picker.search.setFocus()

    # -- words ----------------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("New dossier"))
        self.quote_box.setTitle(self.tr("Fee and appointment"))
        self._word_fee_input()
        self.pages_label.setText(self.tr("Pa&ges:"))
        self.copies_label.setText(self.tr("C&opies:"))
        self.cancel.setText(self.tr("Cancel (Esc)"))
        self.print_button.setText(self.tr("&Print again (F9)"))
        self.pdf_button.setText(self.tr("Save as P&DF…"))
        self._update_primary()
        if self.quote is None and self.procedure is None:
            self.appointment.setText(self.tr("Choose the procedure to see the appointment date."))
            self.fee.clear()

    def _word_fee_input(self) -> None:
        rule = None if self.procedure is None else self.procedure.fee
        if isinstance(rule, ProvinceSetFee) and rule.exempt:
            self.fee_input_label.setText(self.tr("Fee, only when not exempt (đồng):"))
        else:
            self.fee_input_label.setText(self.tr("Fee set by the province (đồng):"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.picker.retranslate()
            self.applicant.retranslate()
            self.checklist.retranslate()
            self.attachments.retranslate()
        super().changeEvent(event)

    @property
    def needs_supplement(self) -> bool:
        return self.procedure is not None and bool(self.checklist.missing_required())

    def _update_primary(self) -> None:
        if self.needs_supplement:
            self.primary.setText(self.tr("Supplement request — Mẫu 02 (F10)"))
        else:
            self.primary.setText(self.tr("Save and print the receipt (F10)"))

    # -- reacting to input -----------------------------------------------------------------------------------

    def _picked(self, procedure: Procedure) -> None:
        self.procedure = procedure
        self.quote = None
        self.fee_input.clear()
        self.applicant.set_fields(procedure.applicant_fields)
        self.checklist.set_documents(procedure.documents)
        self._show_fee_fields(procedure)
        self.appointment.setText(self.tr("Computing the appointment…"))
        self.fee.clear()
        self.applicant.scan.setFocus()
        self._inputs_changed()

    def _show_fee_fields(self, procedure: Procedure | None) -> None:
        rule = None if procedure is None else procedure.fee
        per_page = isinstance(rule, PerPageFee)
        per_copy = per_page or (isinstance(rule, FixedFee | ProvinceSetFee) and rule.per is FeeBasis.PER_COPY)
        self.pages_label.setVisible(per_page)
        self.pages.setVisible(per_page)
        self.copies_label.setVisible(per_copy)
        self.copies.setVisible(per_copy)
        self.fee_needed = False
        self._word_fee_input()
        optional = isinstance(rule, ProvinceSetFee) and rule.exempt  # typed only when the case is not exempt
        self.fee_input_label.setVisible(optional)
        self.fee_input.setVisible(optional)

    def _inputs_changed(self) -> None:
        self.message.clear()
        self._update_primary()
        if self.procedure is not None and self.dossier is None:
            self._quote_timer.start()

    def _typed_fee(self) -> int | None:
        if not (self.fee_needed or self.fee_input.isVisibleTo(self)):
            return None
        text = self.fee_input.text().strip()
        return int(text) if text.isdigit() else None

    def _draft(self, applicant: Applicant | None = None, notes: tuple[str, ...] = ()) -> DossierDraft:
        assert self.procedure is not None
        return DossierDraft(
            procedure_code=self.procedure.code,
            applicant=applicant or Applicant(""),
            documents=self.checklist.received(),
            pages=self.pages.value(),
            copies=self.copies.value(),
            notes=notes,
            attachments=tuple(self.attachments.attached),
            typed_fee=self._typed_fee(),
        )

    def request_quote(self) -> None:
        """Compute the fee and the appointment off the UI thread; stale answers are dropped."""
        if self.procedure is None:
            return
        self._quote_generation += 1
        generation = self._quote_generation
        desk = self.desk
        draft = self._draft()
        self.background.run(
            lambda: desk.quote(draft),
            on_success=lambda quote: self._quoted(generation, quote),
            on_failure=lambda error: self._quote_failed(generation, error),
            owner=self,
        )

    def _quoted(self, generation: int, quote: Quote) -> None:
        if generation != self._quote_generation:
            return
        self.quote = quote
        self.appointment.setText(appointment_words(quote.appointment))
        if isinstance(quote.procedure.fee, ProvinceSetFee) and self._typed_fee() is not None:
            self.fee.setText(
                self.tr("Fee: {amount} (typed by the clerk)").format(amount=format_vnd(quote.fee))
            )
        elif quote.fee:
            self.fee.setText(self.tr("Fee: {amount}").format(amount=format_vnd(quote.fee)))
        elif isinstance(quote.procedure.fee, ProvinceSetFee) and quote.procedure.fee.note:
            self.fee.setText(f"{self.tr('Fee: none')} ({quote.procedure.fee.note})")
        else:
            self.fee.setText(self.tr("Fee: none"))

    def _quote_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._quote_generation:
            return
        self.quote = None
        if isinstance(error, FeeError):
            self.fee_needed = True
            self.fee_input_label.setVisible(True)
            self.fee_input.setVisible(True)
            self.fee.setText(
                self.tr(
                    "The province's fee table has no amount for this procedure: "
                    "type the fee the citizen pays."
                )
            )
            self._request_appointment(generation)
        else:
            self.appointment.setText(
                self.tr("The appointment cannot be computed: {detail}").format(
                    detail=error.message if isinstance(error, DossierError) else type(error).__name__
                )
            )

    def _request_appointment(self, generation: int) -> None:
        """The appointment does not wait for the fee: computed on its own while the clerk types the fee."""
        assert self.procedure is not None
        desk, code = self.desk, self.procedure.code
        self.background.run(
            lambda: desk.appointment(code),
            on_success=lambda appointment: self._appointment_known(generation, appointment),
            on_failure=lambda error: self._quote_failed(generation, error),
            owner=self,
        )

    def _appointment_known(self, generation: int, appointment: Appointment) -> None:
        if generation == self._quote_generation:
            self.appointment.setText(appointment_words(appointment))

    # -- saving ----------------------------------------------------------------------------------------------

    def save(self) -> None:
        """F10: check everything, then receive (or record the supplement request) off the UI thread."""
        if self.saving or self.dossier is not None:
            return
        if self.procedure is None:
            self.message.setText(self.tr("Choose the procedure first (F3)."))
            self.picker.search.setFocus()
            return
        entry = self.applicant.entry()
        if entry is None:
            self.message.setText(self.applicant.error.text())
            self.applicant_area.ensureWidgetVisible(self.applicant.error)
            return
        if self.attachments.pending:
            self.message.setText(self.tr("Scans are still being attached: save again in a moment."))
            return
        if self.fee_needed and self._typed_fee() is None:
            self.message.setText(self.tr("Type the fee set by the province before saving."))
            self.fee_input.setFocus()
            return
        desk = self.desk
        draft = self._draft(entry.applicant, entry.notes)
        self.saving = True
        self.primary.setEnabled(False)
        self.message.clear()
        missing = self.checklist.missing_required()
        if missing:
            items = [MissingDocument(document.name, MISSING_REASON) for document in missing]
            self.background.run(
                lambda: record_supplement_request(desk, draft, items, self._new_id),
                on_success=lambda dossier: self._requested(dossier, items),
                on_failure=self._save_failed,
                owner=self,
            )
        else:
            self.background.run(
                lambda: desk.receive(draft),
                on_success=self._received,
                on_failure=self._save_failed,
                owner=self,
            )

    def _received(self, dossier: Dossier) -> None:
        assert self.procedure is not None
        return_by = None if dossier.appointment is None else self.desk.return_time(dossier.appointment)
        self.form = build_receipt(
            dossier, self.office, processing_time=self.procedure.processing_time, return_by=return_by
        )
        code = "" if dossier.code is None else format_code(dossier.code)
        self._finished(dossier, self.tr("Saved. Dossier code: {code}").format(code=code))

    def _requested(self, dossier: Dossier, items: list[MissingDocument]) -> None:
        self.form = build_supplement_request(
            dossier,
            self.office,
            items,
            issued_on=dossier.received_at.astimezone(VIETNAM_TIME).date(),
            guiding_officer=self.desk.clerk_name,
        )
        self._finished(
            dossier,
            self.tr(
                "Not accepted: %n required document(s) missing. Recorded as waiting for a supplement.",
                "",
                len(items),
            ),
        )

    def _finished(self, dossier: Dossier, text: str) -> None:
        self.saving = False
        self.dossier = dossier
        self.inputs.setEnabled(False)
        self.primary.hide()
        self.done_label.setText(text)
        self.print_button.show()
        self.pdf_button.show()
        self.cancel.setText(self.tr("Close (Esc)"))
        self.cancel.setFocus()
        self.dossier_saved.emit(dossier)
        if self.auto_preview:
            self.preview_form()

    def _save_failed(self, error: BaseException) -> None:
        self.saving = False
        self.primary.setEnabled(True)
        if isinstance(error, DossierError):
            detail = error.message
        else:
            detail = type(error).__name__
        self.message.setText(
            self.tr("The dossier was not saved: {detail}. Nothing typed is lost.").format(detail=detail)
        )

    # -- printing --------------------------------------------------------------------------------------------

    def preview_form(self) -> None:
        """Open the print preview of the receipt (Mẫu 01, two copies) or the supplement request (Mẫu 02)."""
        if self.form is not None:
            self.preview_dialog = preview(self.form, self)

    def save_pdf(self, path: str | Path) -> Path:
        """Write the printed form to a PDF file."""
        if self.form is None:
            raise RuntimeError("nothing has been saved yet")
        return render_pdf(self.form, path)

    def choose_pdf(self) -> None:
        """Ask where to save the form's PDF, offering a name of the form number and the dossier's code."""
        if self.form is None or self.dossier is None:
            return
        dialog = QFileDialog(self, self.tr("Save the form as PDF"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("pdf")
        dialog.setNameFilter(self.tr("PDF files (*.pdf)"))
        dialog.setDirectory(documents_folder())
        dialog.selectFile(pdf_file_name(self.form.form_number, self.dossier))
        dialog.resize(fitted_size(dialog, FILE_DIALOG_SIZE))
        dialog.fileSelected.connect(self._save_pdf_in_background)
        self.pdf_dialog = dialog
        dialog.open()

    def _save_pdf_in_background(self, path: str) -> None:
        """The clerk's chosen file (maybe a slow USB stick) is written off the UI thread."""
        self.background.run(
            lambda: self.save_pdf(path),
            on_failure=lambda _error: self.message.setText(
                self.tr(
                    "The PDF could not be written there. Check the folder or USB stick (full? locked?) and "
                    "try again."
                )
            ),
            owner=self,
        )

    # -- leaving ---------------------------------------------------------------------------------------------

    def has_typed_data(self) -> bool:
        return bool(
            self.procedure is not None
            or self.picker.search.text().strip()
            or self.applicant.has_typed_data()
            or self.attachments.attached
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Escape:
            self.request_close()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return  # Enter proceeds inside the form (pick, scan, next field); it never presses a button
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self._closing or self.dossier is not None or not self.has_typed_data():
            super().closeEvent(event)
            return
        event.ignore()
        self.request_close()

    def request_close(self) -> None:
        """Esc: close at once when nothing would be lost, else ask first."""
        if self.saving or self._closing:
            return
        if self.dossier is not None or not self.has_typed_data():
            self.discard()
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Discard this dossier?"),
            self.tr("What you typed for this dossier will be lost. Discard it?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Discard).setText(self.tr("Discard"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Keep typing"))
        discard = box.button(QMessageBox.StandardButton.Discard)
        box.buttonClicked.connect(lambda button: self._answered(button is discard))
        self.discard_box = box
        box.open()

    def _answered(self, discard: bool) -> None:
        if discard:
            QTimer.singleShot(0, self.discard)

    def discard(self) -> None:
        """Close without saving (after the clerk agreed to lose what was typed)."""
        self._closing = True
        try:
            self.hide()
            self.done(QDialog.DialogCode.Rejected)
        finally:
            self._closing = False
