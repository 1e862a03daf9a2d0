"""A dossier's page: details, documents, attachments, the timeline, status actions, corrections and open
conflicts.

A non-modal window (``show()``). Every read and write goes through :class:`~desktop.background.Background`,
never on the UI thread; ``changed(dossier_id)`` is emitted after any change so the queue can refresh.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QColor, QFont, QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.background import Background
from desktop.dossier_page.action_dialog import ActionDialog
from desktop.dossier_page.conflict_dialog import ConflictDialog
from desktop.dossier_page.correction_dialog import CorrectionDialog
from desktop.dossier_page.field_words import device_time_text, field_label, short_date, status_label
from desktop.dossier_page.status_actions import (
    ActionInputs,
    Offer,
    error_text,
    form_for,
    offered,
    plan,
)
from desktop.dossier_page.timeline_model import TimelineModel
from desktop.printing.form_renderer import preview, render_pdf
from desktop.screen_fit import fit_to_screen
from desktop.warning_text import ERROR_RED, error_label, set_text_colour
from dossiers.appointments import is_overdue, vietnam_time
from dossiers.corrections import Correction, correctable
from dossiers.dossier import Office
from dossiers.dossier_codes import format_code
from dossiers.fees import format_vnd
from dossiers.lifecycle import Actor, is_terminal
from dossiers.official_forms import DOCUMENT_FORM_LABELS, OfficialForm, build_control_sheet, build_receipt
from sync.attachments import AttachmentStore
from sync.conflicts import Conflict
from workstation.clerks import clerk_names
from workstation.dossier_desk import DossierDesk, DossierPage
from workstation.scan_fetching import ScanFetcher, ScanState, scan_hash

DUE_GREEN = "#1b5e20"
DETAIL_FIELDS = {
    "code": "code",
    "procedure_name": "procedure",
    "applicant_name": "applicant",
    "applicant_id_number": "id_number",
    "applicant_phone": "phone",
    "applicant_address": "address",
    "received_at": "received",
    "appointment": "appointment",
    "fee": "fee",
    "received_by": "received_by",
}
"""The detail line showing each record field (marked while the field is in conflict)."""
DUE_AMBER = "#8a5a00"


def attachment_entry(item: Any, number: int) -> dict[str, Any]:
    """An entry of the dossier's ``attachments`` field as a dict (``sha256``, ``name``, ``media_type``...)."""
    if isinstance(item, str):
        return {"sha256": item, "name": f"#{number}"}
    if isinstance(item, Mapping):
        entry = dict(item)
        entry.setdefault("name", f"#{number}")
        return entry
    return {"sha256": "", "name": f"#{number}"}


def read_attachment(
    desk: DossierDesk, sha256: str, *, max_bytes: int = 32 * 1024 * 1024
) -> tuple[str, int, bytes]:
    """Decrypt one attachment into memory (off the UI thread): media type, size, content."""
    with desk.store.reader() as conn:
        store = AttachmentStore(conn, desk.store.paths.attachments, now=desk.store.now)
        info = store.info(sha256)
        content = store.read_bytes(sha256) if info.size <= max_bytes else b""
    return info.media_type, info.size, content


def size_text(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


class AttachmentPreview(QDialog):
    """An image shown from memory (never written to disk in clear)."""

    def __init__(self, title: str, image: QImage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        area = QScrollArea(self)
        self.picture = QLabel()
        self.picture.setPixmap(QPixmap.fromImage(image))
        area.setWidget(self.picture)
        layout = QVBoxLayout(self)
        layout.addWidget(area)
        self.resize(800, 600)


class DossierWindow(QWidget):
    """One dossier's page, opened beside the queue."""

    changed = Signal(str)
    loaded = Signal()
    """Emitted each time the page has been (re)drawn from the store (tests and the queue may wait on it)."""

    def __init__(
        self,
        desk: DossierDesk,
        background: Background,
        office: Office,
        dossier_id: str,
        parent: QWidget | None = None,
        *,
        scans: ScanFetcher | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.desk = desk
        self.scans = scans
        self.scan_states: dict[str, ScanState] = {}
        """Where each scan of the dossier stands on this desk (``HERE`` once it is held)."""
        self.background = background
        self.office = office
        self.dossier_id = dossier_id
        self.page: DossierPage | None = None
        self.last_form: OfficialForm | None = None
        self.busy = False
        self.attachment_items: list[dict[str, Any]] = []
        self.opened_preview: QWidget | None = None
        self.offer_reprint = False
        """Set by a saved correction: the next drawing offers the receipt's reprint (focus on its button)."""
        fit_to_screen(self, QSize(1180, 760))

        self.title = QLabel(self)
        big = QFont()
        big.setBold(True)
        big.setPointSizeF(big.pointSizeF() * 1.3 if big.pointSizeF() > 0 else 12)
        self.title.setFont(big)
        self.title.setWordWrap(True)
        self.status = QLabel(self)
        self.due = QLabel(self)
        head = QHBoxLayout()
        head.addWidget(self.status)
        head.addSpacing(16)
        head.addWidget(self.due)
        head.addStretch(1)

        self.conflict_box = QGroupBox(self)
        set_text_colour(self.conflict_box, ERROR_RED)  # type: ignore[arg-type]
        self.conflict_layout = QHBoxLayout(self.conflict_box)
        self.conflict_label = QLabel(self.conflict_box)
        self.conflict_label.setWordWrap(True)
        self.conflict_layout.addWidget(self.conflict_label, 1)
        self.conflict_buttons: list[QPushButton] = []
        self.conflict_box.hide()

        # Left: details, documents, attachments.
        self.details = QFormLayout()
        self.detail_values: dict[str, QLabel] = {}
        self.detail_names: dict[str, QLabel] = {}
        for key in (
            "code",
            "procedure",
            "applicant",
            "id_number",
            "phone",
            "address",
            "received",
            "appointment",
            "fee",
            "received_by",
        ):
            name, value = QLabel(self), QLabel(self)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.details.addRow(name, value)
            self.detail_names[key], self.detail_values[key] = name, value
        details_box = QGroupBox(self)
        details_box.setLayout(self.details)
        self.details_box = details_box
        self.documents = QListWidget(self)
        self.documents.setMaximumHeight(self.fontMetrics().height() * 6)
        self.documents_box = QGroupBox(self)
        QVBoxLayout(self.documents_box).addWidget(self.documents)
        self.attachments = QListWidget(self)
        self.attachments.setMaximumHeight(self.fontMetrics().height() * 5)
        self.attachments.itemActivated.connect(lambda _item: self.open_attachment())
        self.open_button = QPushButton(self)
        self.open_button.clicked.connect(lambda: self.open_attachment())
        self.export_button = QPushButton(self)
        self.export_button.clicked.connect(lambda: self.export_attachment())
        self.attachment_info = QLabel(self)
        self.attachment_info.setWordWrap(True)
        self.attachments_box = QGroupBox(self)
        attach_layout = QVBoxLayout(self.attachments_box)
        attach_layout.addWidget(self.attachments)
        attach_buttons = QHBoxLayout()
        attach_buttons.addWidget(self.open_button)
        attach_buttons.addWidget(self.export_button)
        attach_buttons.addStretch(1)
        attach_layout.addLayout(attach_buttons)
        attach_layout.addWidget(self.attachment_info)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(details_box)
        left_layout.addWidget(self.documents_box)
        left_layout.addWidget(self.attachments_box)
        left_scroll = QScrollArea(self)
        left_scroll.setWidgetResizable(True)
        left_scroll.setWidget(left)

        # Right: the timeline.
        self.timeline_model = TimelineModel(self)
        self.timeline = QTableView(self)
        self.timeline.setModel(self.timeline_model)
        self.timeline.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.timeline.setWordWrap(True)
        self.timeline.verticalHeader().hide()
        header = self.timeline.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TimelineModel.WHAT, QHeaderView.ResizeMode.Stretch)
        self.timeline_box = QGroupBox(self)
        QVBoxLayout(self.timeline_box).addWidget(self.timeline)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left_scroll)
        splitter.addWidget(self.timeline_box)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)

        # Bottom: the actions.
        self.actions_box = QGroupBox(self)
        self.actions_layout = QHBoxLayout(self.actions_box)
        self.action_buttons: dict[str, QPushButton] = {}
        self.control_sheet_button = QPushButton(self)
        self.control_sheet_button.clicked.connect(self.print_control_sheet)
        self.correct_button = QPushButton(self)
        self.correct_button.clicked.connect(lambda: self.open_correction())
        self.receipt_button = QPushButton(self)
        self.receipt_button.clicked.connect(self.reprint_receipt)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.close)
        self.message = error_label(self)
        self.message.hide()
        self.info = QLabel(self)
        self.info.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.correct_button)
        bottom.addWidget(self.receipt_button)
        bottom.addWidget(self.control_sheet_button)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(head)
        layout.addWidget(self.conflict_box)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.actions_box)
        layout.addWidget(self.message)
        layout.addWidget(self.info)
        layout.addLayout(bottom)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.reload)
        QShortcut(QKeySequence("Ctrl+E"), self, self._correct_by_key)
        self.retranslate()
        self.reload()

    # -- texts --

    def retranslate(self) -> None:
        names = {
            "code": self.tr("Dossier code"),
            "procedure": self.tr("Procedure"),
            "applicant": self.tr("Applicant"),
            "id_number": self.tr("ID number"),
            "phone": self.tr("Phone"),
            "address": self.tr("Address"),
            "received": self.tr("Received"),
            "appointment": self.tr("Appointment"),
            "fee": self.tr("Fee"),
            "received_by": self.tr("Received by"),
        }
        for key, label in self.detail_names.items():
            label.setText(names[key])
        self.details_box.setTitle(self.tr("Details"))
        self.documents_box.setTitle(self.tr("Documents received"))
        self.attachments_box.setTitle(self.tr("Attachments"))
        self.open_button.setText(self.tr("Open"))
        self.export_button.setText(self.tr("Export…"))
        self.timeline_box.setTitle(self.tr("Timeline (every change, oldest first)"))
        self.actions_box.setTitle(self.tr("Actions"))
        self.control_sheet_button.setText(self.tr("Print the control sheet (Mẫu 06)"))
        self.correct_button.setText(self.tr("&Correct details…"))
        self.correct_button.setToolTip(self.tr("Correct the applicant's details or the documents (Ctrl+E)"))
        self.receipt_button.setText(self.tr("Reprint the receipt (Mẫu 01)"))
        self.close_button.setText(self.tr("Close (Esc)"))
        self.conflict_box.setTitle(self.tr("Open conflicts"))
        if self.page is not None:
            self._show_page(self.page)
        else:
            self.setWindowTitle(self.tr("Dossier"))
            self.title.setText(self.tr("Loading the dossier…"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- loading --

    def reload(self) -> None:
        """Read the dossier again (off the UI thread) and redraw the page."""
        desk, dossier_id = self.desk, self.dossier_id
        self.background.run(
            lambda: clerk_names(desk.store), on_success=self.timeline_model.set_clerk_names, owner=self
        )
        self.background.run(
            lambda: desk.page(dossier_id), on_success=self._show_page, on_failure=self._failed, owner=self
        )

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.message.setText(error_text(error))
        self.message.show()

    def _refused(self, error: BaseException) -> None:
        """A write was refused: say why, and show the dossier as it now is (someone may have changed it)."""
        self._failed(error)
        self.reload()

    def _show_page(self, page: DossierPage) -> None:
        self.page = page
        dossier = page.dossier
        code = format_code(dossier.code) if dossier.code is not None else self.tr("(no code yet)")
        self.setWindowTitle(self.tr("Dossier %1").replace("%1", code))
        self.title.setText(f"{dossier.applicant.full_name} — {dossier.procedure_name}")
        self.status.setText(self.tr("Status: %1").replace("%1", status_label(dossier.status)))
        self._show_due(page)
        values = {
            "code": code,
            "procedure": f"{dossier.procedure_code} · {dossier.procedure_name}",
            "applicant": dossier.applicant.full_name,
            "id_number": dossier.applicant.id_number or "—",
            "phone": dossier.applicant.phone or "—",
            "address": dossier.applicant.address or "—",
            "received": device_time_text(dossier.received_at),
            "appointment": short_date(dossier.appointment) if dossier.appointment else "—",
            "fee": format_vnd(dossier.fee) if dossier.fee else self.tr("No fee"),
            "received_by": dossier.received_by_name or dossier.received_by or "—",
        }
        disputed = {DETAIL_FIELDS.get(conflict.field) for conflict in page.conflicts}
        for key, label in self.detail_values.items():
            mark = self.tr(" (in conflict)") if key in disputed else ""
            label.setText(values[key] + mark)
        self.documents.clear()
        for document in dossier.documents:
            self.documents.addItem(
                f"{document.name} — {DOCUMENT_FORM_LABELS.get(document.form, document.form.value)}"
                f" × {document.count}"
            )
        if not dossier.documents:
            self.documents.addItem(self.tr("(none recorded)"))
        self.attachment_items = [
            attachment_entry(item, number)
            for number, item in enumerate(page.state.get("attachments", ()), start=1)
        ]
        self.attachments.clear()
        for entry in self.attachment_items:
            self.attachments.addItem(str(entry.get("name")))
        has_attachments = bool(self.attachment_items)
        self._show_scan_states()
        if has_attachments:
            self.attachments.setCurrentRow(0)
            self._look_for_scans()
        self.open_button.setEnabled(has_attachments)
        self.export_button.setEnabled(has_attachments)
        self.timeline_model.set_page(page, self.desk.replica_id)
        self.timeline.resizeRowsToContents()
        self._show_actions(page)
        self._show_conflicts(page.conflicts)
        self.control_sheet_button.setEnabled(dossier.code is not None)
        self.correct_button.setEnabled(bool(correctable(dossier.status, Actor.DESK)))
        has_receipt = dossier.code is not None and dossier.appointment is not None
        self.receipt_button.setEnabled(has_receipt)
        self._set_busy(False)
        if self.offer_reprint:
            self.offer_reprint = False
            if has_receipt:
                self.info.setText(
                    self.tr("Correction saved. Reprint the receipt (Mẫu 01) with the corrected details?")
                )
                self.receipt_button.setFocus()
        self.loaded.emit()

    def _show_due(self, page: DossierPage) -> None:
        dossier = page.dossier
        now = self.desk.store.now()
        if dossier.appointment is None:
            self.due.setText("")
            return
        today = vietnam_time(now).date()
        if is_terminal(dossier.status) and dossier.returned_at is None:
            self.due.setText("")
            return
        if is_overdue(dossier.appointment, now, dossier.returned_at):
            text, colour = self.tr("Overdue (due %1)"), ERROR_RED.name()
        elif dossier.returned_at is not None:
            text, colour = self.tr("Returned on time (due %1)"), DUE_GREEN
        elif dossier.appointment == today:
            text, colour = self.tr("Due today (%1)"), DUE_AMBER
        else:
            text, colour = self.tr("Due %1"), DUE_GREEN
        self.due.setText(text.replace("%1", short_date(dossier.appointment)))
        set_text_colour(self.due, QColor(colour))

    def _show_actions(self, page: DossierPage) -> None:
        for button in self.action_buttons.values():
            self.actions_layout.removeWidget(button)
            button.deleteLater()
        self.action_buttons = {}
        for offer in offered(page):
            button = QPushButton(offer.label, self.actions_box)
            button.clicked.connect(lambda _checked=False, chosen=offer: self.start_action(chosen))
            self.actions_layout.addWidget(button)
            self.action_buttons[offer.key] = button
        if not self.action_buttons:
            button = QPushButton(self.tr("No action: the dossier is closed"), self.actions_box)
            button.setEnabled(False)
            self.actions_layout.addWidget(button)
            self.action_buttons[""] = button

    def _show_conflicts(self, conflicts: tuple[Conflict, ...]) -> None:
        for button in self.conflict_buttons:
            self.conflict_layout.removeWidget(button)
            button.deleteLater()
        self.conflict_buttons = []
        self.conflict_box.setVisible(bool(conflicts))
        if not conflicts:
            return
        self.conflict_label.setText(
            self.tr(
                "Changes made at the same time elsewhere disagree. "
                "Until you decide, the desk shows one of them."
            )
        )
        for conflict in conflicts:
            button = QPushButton(self.tr("Resolve: %1").replace("%1", field_label(conflict.field)), self)
            button.clicked.connect(lambda _checked=False, chosen=conflict: self.open_conflict(chosen))
            self.conflict_layout.addWidget(button)
            self.conflict_buttons.append(button)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.actions_box.setEnabled(not busy)
        self.correct_button.setEnabled(not busy and self._correctable())
        self.conflict_box.setEnabled(not busy)
        if busy:
            self.message.hide()
            self.info.setText(self.tr("Saving…"))
        elif self.info.text() == self.tr("Saving…"):
            self.info.setText("")

    # -- actions --

    def action_dialog(self, offer: Offer) -> ActionDialog:
        """The dialog asking for ``offer``'s inputs (opened, window-modal; not blocking)."""
        assert self.page is not None
        dossier = self.page.dossier
        now = self.desk.store.now()

        def check(inputs: ActionInputs) -> object:
            form = form_for(
                offer,
                dossier,
                self.office,
                inputs,
                clerk=self.desk.clerk_name or self.desk.clerk,
                today=vietnam_time(now).date(),
            )
            return form, plan(offer, dossier, inputs, clerk=self.desk.clerk_name or self.desk.clerk, now=now)

        dialog = ActionDialog(offer, dossier, check, self)
        dialog.accepted.connect(lambda: self._run_action(offer, dialog.inputs_given or ActionInputs(), check))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def start_action(self, offer: Offer) -> ActionDialog:
        return self.action_dialog(offer)

    def _run_action(self, offer: Offer, inputs: ActionInputs, check: Any) -> None:
        try:
            form, write = check(inputs)
        except Exception as error:  # checked in the dialog already; a change of clock could still refuse
            self._failed(error)
            return
        desk, dossier_id = self.desk, self.dossier_id
        self._set_busy(True)

        def done(_result: object) -> None:
            self.info.setText(self.tr("Saved: %1").replace("%1", offer.label))
            self.changed.emit(dossier_id)
            if form is not None:
                self.last_form = form
                self.show_form(form)
            self.reload()

        self.background.run(
            lambda: write.apply(desk, dossier_id), on_success=done, on_failure=self._refused, owner=self
        )

    def show_form(self, form: OfficialForm) -> QWidget:
        """Open the print preview of ``form`` (print or save as PDF from there)."""
        self.last_form = form
        self.opened_preview = preview(form, self)
        return self.opened_preview

    def save_form_pdf(self, path: str | Path, form: OfficialForm | None = None) -> Path:
        """Write ``form`` (default: the last one this page made) as a PDF where the clerk chose."""
        chosen = form or self.last_form
        if chosen is None:
            raise ValueError("no form to save")
        return render_pdf(chosen, path)

    def print_control_sheet(self) -> None:
        """Mẫu 06 from the dossier's hand-overs."""
        if self.page is None:
            return
        try:
            form = build_control_sheet(self.page.dossier, self.office)
        except Exception as error:
            self._failed(error)
            return
        self.show_form(form)

    # -- corrections --

    def _correctable(self) -> bool:
        return self.page is not None and bool(correctable(self.page.dossier.status, Actor.DESK))

    def _correct_by_key(self) -> None:
        if self.correct_button.isEnabled():
            self.open_correction()

    def open_correction(self) -> CorrectionDialog | None:
        """The correction dialog, pre-filled (opened, window-modal; not blocking)."""
        if self.page is None or not self._correctable():
            return None
        dossier = self.page.dossier
        today = vietnam_time(self.desk.store.now()).date()
        allowed = correctable(dossier.status, Actor.DESK)
        dialog: CorrectionDialog = CorrectionDialog(
            dossier, allowed, today, lambda correction: self._save_correction(dialog, correction), self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _save_correction(self, dialog: CorrectionDialog, correction: Correction) -> None:
        desk, dossier_id = self.desk, self.dossier_id

        def done(_dossier: object) -> None:
            dialog.saved()
            self.offer_reprint = True
            self.changed.emit(dossier_id)
            self.reload()

        def refused(error: BaseException) -> None:
            dialog.refused(error)
            self.reload()  # the dossier may have changed meanwhile (another desk, the province)

        self.background.run(
            lambda: desk.correct(dossier_id, correction), on_success=done, on_failure=refused, owner=dialog
        )

    def reprint_receipt(self) -> None:
        """Mẫu 01 again, with the dossier's details as they are now (e.g. after a correction)."""
        if self.page is None:
            return
        dossier = self.page.dossier
        try:
            procedure = self.desk.catalogue.get(dossier.procedure_code)
            return_by = None if dossier.appointment is None else self.desk.return_time(dossier.appointment)
            form = build_receipt(
                dossier, self.office, processing_time=procedure.processing_time, return_by=return_by
            )
        except Exception as error:
            self._failed(error)
            return
        self.show_form(form)

    # -- conflicts --

    def open_conflict(self, conflict: Conflict) -> ConflictDialog:
        """The side-by-side resolution dialog (opened, not blocking)."""
        dialog = ConflictDialog(conflict, self.desk.replica_id, self)
        dialog.accepted.connect(lambda: self._resolve(conflict, dialog.resolution() or {}))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _resolve(self, conflict: Conflict, resolution: dict[str, Any]) -> None:
        if not resolution:
            return
        desk, dossier_id = self.desk, self.dossier_id
        self._set_busy(True)

        def done(_state: object) -> None:
            self.info.setText(self.tr("Conflict resolved: %1").replace("%1", field_label(conflict.field)))
            self.changed.emit(dossier_id)
            self.reload()

        self.background.run(
            lambda: desk.resolve(conflict, **resolution),
            on_success=done,
            on_failure=self._refused,
            owner=self,
        )

    # -- attachments --

    def _look_for_scans(self) -> None:
        """Scans this desk lacks are fetched from the province in the background (said in words meanwhile)."""
        fetcher, entries = self.scans, list(self.attachment_items)
        if fetcher is None:
            return

        def lacking(missing: list[str]) -> None:
            if not missing:
                self.scan_states = {sha: ScanState.HERE for sha in self._scan_hashes()}
                self._show_scan_states()
                return
            self.scan_states = {sha: ScanState.DOWNLOADING for sha in missing}
            self._show_scan_states()
            self.background.watch(fetcher.fetch(entries), on_success=fetched, owner=self)

        def fetched(states: dict[str, ScanState]) -> None:
            self.scan_states = dict(states)
            self._show_scan_states()
            if all(state is ScanState.HERE for state in states.values()):
                self.attachment_info.setText("")

        self.background.run(lambda: fetcher.lacking(entries), on_success=lacking, owner=self)

    def look_for_scans_again(self, *_result: object) -> None:
        """After a sync: scans this page still lacks may have reached the province meanwhile."""
        if any(state is not ScanState.HERE for state in self.scan_states.values()) and self.isVisible():
            self._look_for_scans()

    def _scan_hashes(self) -> list[str]:
        return [sha for sha in (scan_hash(entry) for entry in self.attachment_items) if sha]

    def scan_words(self, state: ScanState) -> str:
        """How the page words where a scan stands ("" once it is on this desk)."""
        if state is ScanState.DOWNLOADING:
            return self.tr("downloading from the province…")
        if state is ScanState.NOT_AVAILABLE_OFFLINE:
            return self.tr("not available offline: the province cannot be reached now")
        if state is ScanState.NOT_ON_SERVER:
            return self.tr("not at the province yet: the desk that received it has not synced")
        return ""

    def _show_scan_states(self) -> None:
        for row, entry in enumerate(self.attachment_items):
            item = self.attachments.item(row)
            if item is None:
                continue
            state = self.scan_states.get(str(scan_hash(entry) or ""), ScanState.HERE)
            words = self.scan_words(state)
            name = str(entry.get("name"))
            item.setText(f"{name} ({words})" if words else name)
        waiting = [s for s in self.scan_states.values() if s is not ScanState.HERE]
        if waiting:
            self.attachment_info.setText(self.scan_words(waiting[0]))

    def _current_attachment(self) -> dict[str, Any] | None:
        row = self.attachments.currentRow()
        return self.attachment_items[row] if 0 <= row < len(self.attachment_items) else None

    def open_attachment(self) -> None:
        """Decrypt the selected attachment into memory (off the UI thread) and show it if it is an image."""
        entry = self._current_attachment()
        if entry is None:
            return
        state = self.scan_states.get(str(scan_hash(entry) or ""), ScanState.HERE)
        if state is not ScanState.HERE:  # not on this desk (yet): say where it stands, nothing to open
            self.attachment_info.setText(self.scan_words(state))
            return
        desk, sha256, name = self.desk, str(entry.get("sha256", "")), str(entry.get("name"))

        def load() -> tuple[str, int, QImage | None]:
            media_type, size, content = read_attachment(desk, sha256)
            image = QImage.fromData(content) if media_type.startswith("image/") and content else None
            return media_type, size, image

        def show(result: tuple[str, int, QImage | None]) -> None:
            media_type, size, image = result
            if image is not None and not image.isNull():
                self.opened_preview = AttachmentPreview(name, image, self)
                self.opened_preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
                self.opened_preview.show()
                self.attachment_info.setText(f"{media_type}, {size_text(size)}")
            else:
                self.attachment_info.setText(
                    self.tr("%1, %2: this desk cannot show it; use Export… to save a copy where you choose.")
                    .replace("%1", media_type)
                    .replace("%2", size_text(size))
                )

        self.background.run(load, on_success=show, on_failure=self._failed, owner=self)

    def export_attachment(self, path: str | Path | None = None) -> None:
        """Save a decrypted copy of the selected attachment where the clerk chooses (only there)."""
        entry = self._current_attachment()
        if entry is None:
            return
        if path is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self, self.tr("Export the attachment"), str(entry["name"])
            )
            if not chosen:
                return
            path = chosen
        target = Path(path)
        desk, sha256 = self.desk, str(entry.get("sha256", ""))

        def write() -> Path:
            with desk.store.reader() as conn:
                store = AttachmentStore(conn, desk.store.paths.attachments, now=desk.store.now)
                try:
                    with store.open_attachment(sha256) as reader, target.open("wb") as out:
                        for chunk in reader.iter_chunks():
                            out.write(chunk)
                except BaseException:
                    target.unlink(missing_ok=True)  # no half-written clear copy left behind
                    raise
            return target

        self.background.run(
            write,
            on_success=lambda saved: self.info.setText(self.tr("Saved to %1").replace("%1", str(saved))),
            on_failure=self._failed,
            owner=self,
        )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.opened_preview is not None:
            try:
                self.opened_preview.close()
            except RuntimeError:
                pass
        super().closeEvent(event)


__all__ = ["DossierWindow", "attachment_entry", "read_attachment"]
