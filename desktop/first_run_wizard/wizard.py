"""The first-run wizard: its pages in order, then the encrypted store created in the background (Argon2id
and SQLCipher take a moment) with a busy indicator."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QWidget, QWizard

from desktop.background import Background
from desktop.first_run_wizard.clerk_page import ClerkPage
from desktop.first_run_wizard.commune_page import CommunePage
from desktop.first_run_wizard.enrol_page import EnrolPage
from desktop.first_run_wizard.finish_page import FinishPage
from desktop.first_run_wizard.office_page import OfficePage
from desktop.first_run_wizard.recovery_page import RecoveryPage
from dossiers.vietnam_time import vietnam_today
from sync.enrolment_client import Enrolment
from workstation.enrolment import DeskEnrolmentError, save_enrolment
from workstation.opening import DeskSession, create_workstation
from workstation.settings import SiteSettings

log = logging.getLogger("motcua.desk")


def _first_id(first: str, then: Callable[[], str]) -> Callable[[], str]:
    """An id factory whose first id is ``first`` (a new store's replica id is the first id it asks for)."""
    given = [first]

    def make() -> str:
        return given.pop() if given else then()

    return make


class FirstRunWizard(QWizard):
    """Sets up a new workstation; emits :attr:`created` with the unlocked session when the store exists."""

    created = Signal(object)

    def __init__(
        self,
        background: Background,
        store_folder: Path,
        *,
        now: Callable[[], datetime],
        new_id: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._background = background
        self._folder = store_folder
        self._now = now
        self._new_id = new_id
        self._busy = False
        self.session: DeskSession | None = None
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.commune_page = CommunePage()
        self.office_page = OfficePage(self.commune_page.picker)
        self.clerk_page = ClerkPage()
        self.recovery_page = RecoveryPage(background)
        self.enrol_page = EnrolPage(background, new_id, self.commune_page.picker)
        self.finish_page = FinishPage()
        for page in (
            self.commune_page,
            self.office_page,
            self.clerk_page,
            self.recovery_page,
            self.enrol_page,
            self.finish_page,
        ):
            self.addPage(page)
        self.resize(820, 600)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("motcua: setting up the one-stop desk"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< &Back"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Next >"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def busy(self) -> bool:
        return self._busy

    def kept_enrolment(self) -> Enrolment | None:
        """The enrolment made on step 5, if it is for the commune chosen on step 1."""
        commune = self.commune_page.picker.commune()
        return None if commune is None else self.enrol_page.kept_for(commune.code)

    def agency_id(self) -> str:
        """The agency identifier the desk will print: the province's once enrolled, else the one typed."""
        enrolment = self.kept_enrolment()
        return enrolment.block.agency if enrolment is not None else self.office_page.agency.text().strip()

    def site_settings(self) -> SiteSettings:
        province = self.commune_page.picker.province()
        commune = self.commune_page.picker.commune()
        if province is None or commune is None:
            raise ValueError("no commune chosen")
        return SiteSettings(
            province_code=province.code,
            province_name=province.name,
            commune_code=commune.code,
            commune_name=commune.name,
            agency_id=self.agency_id(),
            week=self.office_page.week(),
            receive_only=self.office_page.receive_only(),
        )

    def accept(self) -> None:
        """Finish: create the store in the background; the wizard closes once it exists."""
        if self.session is not None:
            super().accept()
            return
        if self._busy:
            return
        site = self.site_settings()
        login = self.clerk_page.login.text().strip()
        full_name = self.clerk_page.full_name.text().strip()
        passphrase = self.clerk_page.passphrase.text()
        pem = None if self.recovery_page.skip.isChecked() else self.recovery_page.pem
        folder, now, new_id = self._folder, self._now, self._new_id
        enrolment, identity = self.kept_enrolment(), self.enrol_page.identity
        server_url, ca_file = self.enrol_page.server_url, self.enrol_page.ca_file
        if enrolment is not None and identity is not None:
            new_id = _first_id(identity.replica_id, new_id)  # the store takes the enrolled replica id
        self._set_busy(True)

        def create() -> DeskSession:
            session = create_workstation(
                folder,
                site=site,
                login=login,
                full_name=full_name,
                passphrase=passphrase,
                recovery_pem=pem,
                now=now,
                new_id=new_id,
            )
            if enrolment is None or identity is None:
                return session
            try:
                saved = save_enrolment(
                    session.store,
                    enrolment,
                    server_url=server_url,
                    ca_file=ca_file,
                    today=vietnam_today(now()),
                    identity=identity,
                )
            except DeskEnrolmentError as exc:  # the desk works on its own; IT can enrol it again
                log.warning("the enrolment could not be kept", extra={"reason": exc.reason})
                return session
            return replace(session, site=saved.site)

        self._background.run(create, on_success=self._created, on_failure=self._failed, owner=self)

    def reject(self) -> None:
        if not self._busy:
            super().reject()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        page = self.finish_page
        page.progress.setVisible(busy)
        page.status.setText(self.tr("Creating the encrypted data. This takes a few seconds…") if busy else "")
        page.error.setText("")
        for button in (
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.FinishButton,
            QWizard.WizardButton.CancelButton,
        ):
            self.button(button).setEnabled(not busy)

    def _created(self, session: DeskSession) -> None:
        self._set_busy(False)
        self.session = session
        self.clerk_page.passphrase.clear()
        self.clerk_page.repeat.clear()
        self.created.emit(session)
        super().accept()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.finish_page.error.setText(
            self.tr("The desk could not be set up: %1. Nothing was saved; ask IT for help.").replace(
                "%1", type(error).__name__
            )
        )
