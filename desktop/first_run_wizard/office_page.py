"""Step 2 of the first-run wizard: the agency identifier and the opening hours."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTimeEdit,
    QVBoxLayout,
)

from desktop.commune_picker import CommunePicker
from desktop.first_run_wizard.wizard_page import WizardPage, note_label
from desktop.warning_text import error_label
from dossiers.dossier_codes import is_agency_identifier
from dossiers.working_calendar import AFTERNOON, MORNING

WEEKDAYS = 5  # Monday to Friday get a check box each; Saturday has its own option


def suggested_agency_id(province_code: int, commune_code: int) -> str:
    """A unique, valid placeholder until the province issues the real identifier: the official codes."""
    return f"{province_code:02d}.{commune_code:05d}"


def _qtime(value: dt.time) -> QTime:
    return QTime(value.hour, value.minute)


def _pytime(value: QTime) -> dt.time:
    return dt.time(value.hour(), value.minute())


class OfficePage(WizardPage):
    """The agency identifier and the opening hours."""

    def __init__(self, communes: CommunePicker) -> None:
        super().__init__()
        self._communes = communes  # step 1's choice
        self.agency = QLineEdit(self)
        self.agency.setMaxLength(40)
        self.agency_label = QLabel(self)
        self.agency_label.setBuddy(self.agency)
        self.agency_hint = note_label(self)
        self.hours_box = QGroupBox(self)
        self.morning_label, self.afternoon_label = QLabel(self), QLabel(self)
        self.morning_from, self.morning_to = QTimeEdit(_qtime(MORNING.start)), QTimeEdit(_qtime(MORNING.end))
        self.afternoon_from = QTimeEdit(_qtime(AFTERNOON.start))
        self.afternoon_to = QTimeEdit(_qtime(AFTERNOON.end))
        for edit in (self.morning_from, self.morning_to, self.afternoon_from, self.afternoon_to):
            edit.setDisplayFormat("HH:mm")
        self.days = [QCheckBox(self) for _ in range(WEEKDAYS)]
        for box in self.days:
            box.setChecked(True)
        self.saturday = QCheckBox(self)
        self.saturday_counts = QCheckBox(self)
        self.saturday_counts.setEnabled(False)
        self.saturday.toggled.connect(self.saturday_counts.setEnabled)
        self.error = error_label(self)

        form = QFormLayout()
        form.addRow(self.agency_label, self.agency)
        form.addRow("", self.agency_hint)
        grid = QGridLayout(self.hours_box)
        grid.addWidget(self.morning_label, 0, 0)
        grid.addWidget(self.morning_from, 0, 1)
        grid.addWidget(QLabel("–"), 0, 2)
        grid.addWidget(self.morning_to, 0, 3)
        grid.addWidget(self.afternoon_label, 1, 0)
        grid.addWidget(self.afternoon_from, 1, 1)
        grid.addWidget(QLabel("–"), 1, 2)
        grid.addWidget(self.afternoon_to, 1, 3)
        day_row = QHBoxLayout()
        for box in self.days:
            day_row.addWidget(box)
        day_row.addStretch(1)
        grid.addLayout(day_row, 2, 0, 1, 5)
        grid.addWidget(self.saturday, 3, 0, 1, 5)
        grid.addWidget(self.saturday_counts, 4, 0, 1, 5)
        grid.setColumnStretch(4, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hours_box)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self._suggested = ""
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Agency and opening hours"))
        self.setSubTitle(self.tr("Step 2 of 5. These appear on receipts and set the appointment dates."))
        self.agency_label.setText(self.tr("&Agency identifier:"))
        self.agency_hint.setText(
            self.tr(
                "The electronic identifier issued by the province (for example 000.00.01.H22). Until you "
                "have it, the commune's official code filled in here works; it starts every dossier code."
            )
        )
        self.hours_box.setTitle(self.tr("Opening hours"))
        self.morning_label.setText(self.tr("Morning:"))
        self.afternoon_label.setText(self.tr("Afternoon:"))
        names = (
            self.tr("Monday"),
            self.tr("Tuesday"),
            self.tr("Wednesday"),
            self.tr("Thursday"),
            self.tr("Friday"),
        )
        for box, name in zip(self.days, names, strict=True):
            box.setText(name)
        self.saturday.setText(self.tr("Also open on &Saturday morning"))
        self.saturday_counts.setText(
            self.tr("Saturday morning counts as a working day for appointment dates")
        )

    def initializePage(self) -> None:  # noqa: N802 (Qt's name)
        commune = self._communes.commune()
        if commune is None:
            return
        suggestion = suggested_agency_id(commune.province_code, commune.code)
        if not self.agency.text() or self.agency.text() == self._suggested:
            self.agency.setText(suggestion)
        self._suggested = suggestion

    def week(self) -> tuple[tuple[tuple[dt.time, dt.time], ...], ...]:
        morning = (_pytime(self.morning_from.time()), _pytime(self.morning_to.time()))
        afternoon = (_pytime(self.afternoon_from.time()), _pytime(self.afternoon_to.time()))
        week: list[tuple[tuple[dt.time, dt.time], ...]] = [
            (morning, afternoon) if box.isChecked() else () for box in self.days
        ]
        week.append((morning,) if self.saturday.isChecked() else ())
        week.append(())
        return tuple(week)

    def receive_only(self) -> frozenset[int]:
        return (
            frozenset({5})
            if self.saturday.isChecked() and not self.saturday_counts.isChecked()
            else frozenset()
        )

    def problem(self) -> str | None:
        """What is wrong with the page, in words, or ``None``."""
        if not is_agency_identifier(self.agency.text().strip()):
            return self.tr(
                "The agency identifier may only hold capital letters, digits and dots, like 000.00.01.H22."
            )
        morning = (self.morning_from.time(), self.morning_to.time())
        afternoon = (self.afternoon_from.time(), self.afternoon_to.time())
        if not morning[0] < morning[1] or not afternoon[0] < afternoon[1]:
            return self.tr("Each opening period must start before it ends.")
        if not morning[1] <= afternoon[0]:
            return self.tr("The afternoon must start after the morning ends.")
        if not any(box.isChecked() for box in self.days):
            return self.tr("Choose at least one working day.")
        return None

    def validatePage(self) -> bool:  # noqa: N802 (Qt's name)
        problem = self.problem()
        self.error.setText(problem or "")
        return problem is None
