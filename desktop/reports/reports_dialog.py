"""The reports dialog: the register (Mẫu 07) and on-time statistics for a date range, with a chart;
export to PDF and XLSX. Data is read and files are written off the UI thread."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.background import Background
from desktop.printing.form_renderer import render_pdf
from desktop.reports.on_time_chart import OnTimeChart
from desktop.reports.statistics_pdf import write_statistics_pdf
from desktop.warning_text import error_label
from dossiers.appointments import vietnam_time
from dossiers.dossier import Office
from workstation.dossier_desk import DossierDesk
from workstation.report_data import ReportData, load_report, write_xlsx

PathChooser = Callable[[str], Path | None]
"""Asked with ``"register-pdf"``, ``"statistics-pdf"`` or ``"xlsx"``; ``None`` when the clerk cancels."""


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class ReportsDialog(QDialog):
    """Reports for a period. ``choose_path`` defaults to Qt's save dialog; ``now`` to the system clock."""

    def __init__(
        self,
        desk: DossierDesk,
        background: Background,
        office: Office,
        parent: QWidget | None = None,
        *,
        now: Callable[[], dt.datetime] | None = None,
        choose_path: PathChooser | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reports-dialog")
        self.desk = desk
        self.background = background
        self.office = office
        self._now = now or (lambda: dt.datetime.now(dt.UTC))
        self._choose = choose_path or self._ask_path
        self.data: ReportData | None = None
        self.loads = 0
        self.exports: list[Path] = []

        today = vietnam_time(self._now()).date()
        self.start_label = QLabel(self)
        self.start = QDateEdit(_qdate(today.replace(day=1)), self)
        self.end_label = QLabel(self)
        self.end = QDateEdit(_qdate(today), self)
        for edit, label in ((self.start, self.start_label), (self.end, self.end_label)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            label.setBuddy(edit)
        self.show_button = QPushButton(self)
        self.show_button.setDefault(True)
        self.show_button.clicked.connect(self.load)

        self.register_model = QStandardItemModel(self)
        self.register_view = QTableView(self)
        self.register_view.setModel(self.register_model)
        self.stats_model = QStandardItemModel(self)
        self.stats_view = QTableView(self)
        self.stats_view.setModel(self.stats_model)
        for view in (self.register_view, self.stats_view):
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.verticalHeader().hide()
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.register_view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.stats_view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.chart = OnTimeChart(self)
        stats_page = QSplitter(Qt.Orientation.Vertical, self)
        stats_page.addWidget(self.stats_view)
        stats_page.addWidget(self.chart)
        stats_page.setStretchFactor(1, 2)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.register_view, "")
        self.tabs.addTab(stats_page, "")
        self.tabs.setCurrentIndex(1)

        self.summary = QLabel(self)
        self.summary.setObjectName("report-summary")
        self.message = QLabel(self)
        self.message.setObjectName("report-message")
        self.error = error_label(self)
        self.error.hide()
        self.register_pdf = QPushButton(self)
        self.register_pdf.clicked.connect(lambda: self.export("register-pdf"))
        self.statistics_pdf = QPushButton(self)
        self.statistics_pdf.clicked.connect(lambda: self.export("statistics-pdf"))
        self.xlsx = QPushButton(self)
        self.xlsx.clicked.connect(lambda: self.export("xlsx"))
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.reject)
        self._export_buttons = (self.register_pdf, self.statistics_pdf, self.xlsx)
        for button in self._export_buttons:
            button.setEnabled(False)
            button.setAutoDefault(False)
        self.close_button.setAutoDefault(False)
        QShortcut(QKeySequence("Ctrl+E"), self, activated=lambda: self.export("xlsx"))
        QShortcut(QKeySequence("Ctrl+P"), self, activated=lambda: self.export("register-pdf"))

        top = QHBoxLayout()
        for widget in (self.start_label, self.start, self.end_label, self.end, self.show_button):
            top.addWidget(widget)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        for button in (*self._export_buttons, self.close_button):
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addLayout(bottom)
        for first, second in (
            (self.start, self.end),
            (self.end, self.show_button),
            (self.show_button, self.tabs),
            (self.tabs, self.register_pdf),
            (self.register_pdf, self.statistics_pdf),
            (self.statistics_pdf, self.xlsx),
            (self.xlsx, self.close_button),
        ):
            self.setTabOrder(first, second)
        self.resize(980, 640)
        self.retranslate()
        self.start.setFocus()

    # -- loading -------------------------------------------------------------------------------------------

    def period(self) -> tuple[dt.date, dt.date]:
        return _pydate(self.start.date()), _pydate(self.end.date())

    def set_period(self, start: dt.date, end: dt.date) -> None:
        self.start.setDate(_qdate(start))
        self.end.setDate(_qdate(end))

    def load(self) -> bool:
        """Read the period's dossiers off the UI thread; ``False`` (with a message) for a backwards period."""
        start, end = self.period()
        if end < start:
            self._show_error(self.tr("The end date is before the start date. Change one of them."))
            return False
        self._show_error("")
        self.show_button.setEnabled(False)
        self.message.setText(self.tr("Reading the dossiers…"))
        self.background.run(
            lambda: load_report(self.desk, self.office, start, end, self._now),
            on_success=self._loaded,
            on_failure=self._load_failed,
            owner=self,
        )
        return True

    def _loaded(self, data: ReportData) -> None:
        self.data = data
        self.loads += 1
        self.show_button.setEnabled(True)
        for button in self._export_buttons:
            button.setEnabled(True)
        self.message.setText("")
        self._fill_register(data)
        self._fill_stats(data)
        self.chart.set_stats(data.stats)
        self._show_summary()

    def _load_failed(self, error: BaseException) -> None:
        self.show_button.setEnabled(True)
        self.message.setText("")
        self._show_error(self.tr("The dossiers could not be read. Try again; if it keeps failing, call IT."))

    def _fill_register(self, data: ReportData) -> None:
        model = self.register_model
        model.removeRows(0, model.rowCount())
        for row in data.register.rows:
            cells = (row.number, row.dossier_code, row.procedure, row.applicant_name, row.received)
            items = [QStandardItem(text) for text in (*cells, row.appointment, row.returned, row.note)]
            model.appendRow(items)

    def _fill_stats(self, data: ReportData) -> None:
        model = self.stats_model
        model.removeRows(0, model.rowCount())
        for line in (*data.stats, data.total):
            share = "" if line.on_time_share is None else f"{line.on_time_share * 100:.1f}%"
            name = line.procedure_name if line.procedure_code else self.tr("All procedures")
            values = (line.procedure_code, name, line.early, line.on_time, line.late, line.pending, share)
            items = []
            for value in values:
                item = QStandardItem(str(value))
                if isinstance(value, int):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                items.append(item)
            model.appendRow(items)

    def _show_summary(self) -> None:
        data = self.data
        if data is None:
            self.summary.setText(self.tr("Choose the period and press Show."))
            return
        total = data.total
        self.summary.setText(
            self.tr("%1: %2 dossiers received; early %3, on time %4, late %5, pending %6.")
            .replace("%1", data.period)
            .replace("%2", str(len(data.dossiers)))
            .replace("%3", str(total.early))
            .replace("%4", str(total.on_time))
            .replace("%5", str(total.late))
            .replace("%6", str(total.pending))
        )

    # -- exporting -----------------------------------------------------------------------------------------

    def export(self, kind: str) -> bool:
        """Ask for a file and write it off the UI thread; ``False`` if nothing to write or no file chosen."""
        if self.data is None or kind not in ("register-pdf", "statistics-pdf", "xlsx"):
            return False
        path = self._choose(kind)
        if path is None:
            return False
        data = self.data
        writers: dict[str, Callable[[], Path]] = {
            "register-pdf": lambda: render_pdf(data.register, path),
            "statistics-pdf": lambda: write_statistics_pdf(data, path),
            "xlsx": lambda: write_xlsx(data, path),
        }
        for button in self._export_buttons:
            button.setEnabled(False)
        self._show_error("")
        self.message.setText(self.tr("Writing the file…"))
        self.background.run(
            writers[kind], on_success=self._exported, on_failure=self._export_failed, owner=self
        )
        return True

    def _exported(self, path: Path) -> None:
        self.exports.append(path)
        for button in self._export_buttons:
            button.setEnabled(True)
        self.message.setText(self.tr("Saved: %1").replace("%1", path.name))

    def _export_failed(self, error: BaseException) -> None:
        for button in self._export_buttons:
            button.setEnabled(True)
        self.message.setText("")
        self._show_error(
            self.tr(
                "The file could not be written. Check the folder or USB stick (full? locked?) and try again."
            )
        )

    def _ask_path(self, kind: str) -> Path | None:
        start, end = self.period()
        stem = f"{start:%Y%m%d}-{end:%Y%m%d}"
        names = {
            "register-pdf": (f"so-theo-doi-{stem}.pdf", "PDF (*.pdf)"),
            "statistics-pdf": (f"dung-han-{stem}.pdf", "PDF (*.pdf)"),
            "xlsx": (f"bao-cao-{stem}.xlsx", "Excel (*.xlsx)"),
        }
        name, pattern = names[kind]
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save the report"), name, pattern)
        return Path(chosen) if chosen else None

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    # -- language ------------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Reports"))
        self.start_label.setText(self.tr("&From"))
        self.end_label.setText(self.tr("&To"))
        self.show_button.setText(self.tr("&Show"))
        self.tabs.setTabText(0, self.tr("Register (Mẫu 07)"))
        self.tabs.setTabText(1, self.tr("On-time statistics"))
        self.register_pdf.setText(self.tr("Register PDF…"))
        self.statistics_pdf.setText(self.tr("Statistics PDF…"))
        self.xlsx.setText(self.tr("Excel (XLSX)…"))
        self.close_button.setText(self.tr("Close"))
        self.register_model.setHorizontalHeaderLabels(
            [
                self.tr("No."),
                self.tr("Dossier code"),
                self.tr("Procedure"),
                self.tr("Applicant"),
                self.tr("Received"),
                self.tr("Appointment"),
                self.tr("Returned"),
                self.tr("Note"),
            ]
        )
        legend = (self.tr("Early"), self.tr("On time"), self.tr("Late"), self.tr("Pending"))
        self.stats_model.setHorizontalHeaderLabels(
            [self.tr("Code"), self.tr("Procedure"), *legend, self.tr("On-time share")]
        )
        self.chart.set_labels(legend, self.tr("No dossiers in this period"))
        self._show_summary()
        if self.data is not None:
            self._fill_stats(self.data)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
