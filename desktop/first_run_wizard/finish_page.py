"""The first-run wizard's last page: a summary before the store is created."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout

from desktop.first_run_wizard.clerk_page import ClerkPage
from desktop.first_run_wizard.commune_page import CommunePage
from desktop.first_run_wizard.office_page import OfficePage
from desktop.first_run_wizard.recovery_page import RecoveryPage
from desktop.first_run_wizard.wizard_page import WizardPage, note_label
from desktop.warning_text import error_label
from sync.enrolment_client import Enrolment


@runtime_checkable
class SetUpChoices(Protocol):
    """What the summary shows (the wizard, which imports this page, has it): its pages, the agency identifier
    and the enrolment it keeps."""

    commune_page: CommunePage
    office_page: OfficePage
    clerk_page: ClerkPage
    recovery_page: RecoveryPage

    def agency_id(self) -> str: ...

    def kept_enrolment(self) -> Enrolment | None: ...


class FinishPage(WizardPage):
    """A summary; pressing Finish creates the store with a busy indicator."""

    def __init__(self) -> None:
        super().__init__()
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.status = note_label(self)
        self.error = error_label(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addStretch(1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Ready"))
        self.setSubTitle(self.tr("Check the details, then press Finish to create the desk's encrypted data."))
        if self.wizard() is not None:
            self.initializePage()

    def initializePage(self) -> None:  # noqa: N802 (Qt's name)
        wizard = self.wizard()
        if not isinstance(wizard, SetUpChoices):
            return
        province = wizard.commune_page.picker.province()
        commune = wizard.commune_page.picker.commune()
        office = wizard.office_page
        lines = [
            self.tr("Commune: %1").replace("%1", f"{commune.name if commune else '?'}"),
            self.tr("Province: %1").replace("%1", f"{province.name if province else '?'}"),
            self.tr("Agency identifier: %1").replace("%1", wizard.agency_id()),
            self.tr("Open on Saturday morning: %1").replace(
                "%1", self.tr("yes") if office.saturday.isChecked() else self.tr("no")
            ),
            self.tr("First clerk: %1").replace("%1", wizard.clerk_page.login.text().strip()),
            self.tr("Recovery key: %1").replace(
                "%1", self.tr("loaded") if wizard.recovery_page.pem else self.tr("none (skipped)")
            ),
        ]
        enrolment = wizard.kept_enrolment()
        lines.append(
            self.tr("Provincial server: enrolled, dossier numbers %1").replace("%1", enrolment.block.label)
            if enrolment is not None
            else self.tr("Provincial server: not enrolled (the desk works on its own)")
        )
        self.summary.setText("\n".join(lines))
