"""The first-run wizard: commune, agency and opening hours, first clerk, recovery key, enrolment; then creates
the encrypted store in the background (Argon2id and SQLCipher take a moment) with a busy indicator."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTime, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.background import Background
from desktop.commune_picker import CommunePicker
from desktop.passphrase_strength import FAIR, GOOD, STRONG, TOO_SHORT, passphrase_strength
from desktop.warning_text import error_label, set_text_colour
from dossiers.dossier_codes import is_agency_identifier
from dossiers.vietnam_time import vietnam_today
from dossiers.working_calendar import AFTERNOON, MORNING
from sync.device_keys import DeviceIdentity
from sync.enrolment_client import Enrolment, check_server_url, enrol_device
from sync.errors import ClientTooOld, EnrolmentRefusedByServer, ServerOffline, TransportError
from sync.keys import MIN_PASSPHRASE_CHARS
from workstation.enrolment import DeskEnrolmentError, save_enrolment
from workstation.opening import DeskSession, create_workstation, read_recovery_key
from workstation.settings import SiteSettings

log = logging.getLogger("motcua.desk")
WEEKDAYS = 5  # Monday to Friday get a check box each; Saturday has its own option


def suggested_agency_id(province_code: int, commune_code: int) -> str:
    """A unique, valid placeholder until the province issues the real identifier: the official codes."""
    return f"{province_code:02d}.{commune_code:05d}"


def _first_id(first: str, then: Callable[[], str]) -> Callable[[], str]:
    """An id factory whose first id is ``first`` (a new store's replica id is the first id it asks for)."""
    given = [first]

    def make() -> str:
        return given.pop() if given else then()

    return make


def _qtime(value: dt.time) -> QTime:
    return QTime(value.hour, value.minute)


def _pytime(value: QTime) -> dt.time:
    return dt.time(value.hour(), value.minute())


def _note(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _error_label(parent: QWidget) -> QLabel:
    return error_label(parent)


class _Page(QWizardPage):
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:  # pragma: no cover - every page overrides it
        pass


class CommunePage(_Page):
    """Which commune this desk serves."""

    def __init__(self) -> None:
        super().__init__()
        self.picker = CommunePicker(self)
        self.intro = _note(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.picker)
        self.picker.changed.connect(self.completeChanged)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Your commune"))
        self.setSubTitle(
            self.tr("Step 1 of 5. Choose the province, then the commune or ward this desk serves.")
        )
        self.intro.setText(
            self.tr("The list is the official one (34 provinces and cities, 3,321 communes and wards, 2025).")
        )

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        return self.picker.commune() is not None


class OfficePage(_Page):
    """The agency identifier and the opening hours."""

    def __init__(self) -> None:
        super().__init__()
        self.agency = QLineEdit(self)
        self.agency.setMaxLength(40)
        self.agency_label = QLabel(self)
        self.agency_label.setBuddy(self.agency)
        self.agency_hint = _note(self)
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
        self.error = _error_label(self)

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
        wizard = self.wizard()
        assert isinstance(wizard, FirstRunWizard)
        commune = wizard.commune_page.picker.commune()
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


class ClerkPage(_Page):
    """The first clerk account."""

    def __init__(self) -> None:
        super().__init__()
        self.login = QLineEdit(self)
        self.login.setMaxLength(64)
        self.full_name = QLineEdit(self)
        self.full_name.setMaxLength(100)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(self)
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.strength = QLabel(self)
        self.labels = [QLabel(self) for _ in range(4)]
        for label, field in zip(
            self.labels, (self.login, self.full_name, self.passphrase, self.repeat), strict=True
        ):
            label.setBuddy(field)
        self.intro = _note(self)
        self.error = _error_label(self)
        form = QFormLayout()
        form.addRow(self.labels[0], self.login)
        form.addRow(self.labels[1], self.full_name)
        form.addRow(self.labels[2], self.passphrase)
        form.addRow("", self.strength)
        form.addRow(self.labels[3], self.repeat)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.passphrase.textChanged.connect(self._show_strength)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("First clerk account"))
        self.setSubTitle(
            self.tr("Step 3 of 5. The person who sets up the desk; more clerks can be added later.")
        )
        self.intro.setText(
            self.tr(
                "The passphrase opens the desk and protects citizens' data on this computer. Use at least "
                "%n characters; a few words you remember are better than a short code. Nobody can read it "
                "back, not even IT.",
                "",
                MIN_PASSPHRASE_CHARS,
            )
        )
        self.labels[0].setText(self.tr("&Login name:"))
        self.labels[1].setText(self.tr("&Full name:"))
        self.labels[2].setText(self.tr("&Passphrase:"))
        self.labels[3].setText(self.tr("&Repeat passphrase:"))
        self._show_strength()

    def _show_strength(self) -> None:
        text = self.passphrase.text()
        if not text:
            self.strength.setText("")
            return
        level = passphrase_strength(text)
        words = {
            TOO_SHORT: (self.tr("Too short"), "#b00020"),
            FAIR: (self.tr("Fair: a longer passphrase is safer"), "#8a5a00"),
            GOOD: (self.tr("Good"), "#1b5e20"),
            STRONG: (self.tr("Strong"), "#1b5e20"),
        }
        word, colour = words[level]
        self.strength.setText(word)
        set_text_colour(self.strength, QColor(colour))

    def problem(self) -> str | None:
        if not self.login.text().strip():
            return self.tr("Enter a login name.")
        if any(not ch.isprintable() for ch in self.login.text()):
            return self.tr("The login name cannot hold special invisible characters.")
        if not self.full_name.text().strip():
            return self.tr("Enter the clerk's full name.")
        if passphrase_strength(self.passphrase.text()) == TOO_SHORT:
            return self.tr(
                "The passphrase is too short: use at least %n characters.", "", MIN_PASSPHRASE_CHARS
            )
        if self.passphrase.text() != self.repeat.text():
            return self.tr("The two passphrases are not the same. Type them again.")
        return None

    def validatePage(self) -> bool:  # noqa: N802 (Qt's name)
        problem = self.problem()
        self.error.setText(problem or "")
        text = self.passphrase.text()
        if problem is not None and (passphrase_strength(text) == TOO_SHORT or text != self.repeat.text()):
            self.repeat.clear()
            (self.passphrase if passphrase_strength(text) == TOO_SHORT else self.repeat).setFocus()
        return problem is None


class RecoveryPage(_Page):
    """The province's recovery public key (a .pem file from IT), or a deliberate skip."""

    def __init__(self, background: Background) -> None:
        super().__init__()
        self._background = background
        self.pem: bytes | None = None
        self.fingerprint: str | None = None
        self.explain = _note(self)
        self.choose = QPushButton(self)
        self.status = _note(self)
        self.skip = QCheckBox(self)
        self.warning = _error_label(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        row = QHBoxLayout()
        row.addWidget(self.choose)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addSpacing(12)
        layout.addWidget(self.skip)
        layout.addWidget(self.warning)
        layout.addStretch(1)
        self.choose.clicked.connect(self._ask_for_file)
        self.skip.toggled.connect(self._skip_toggled)
        self._failed = False
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Province recovery key"))
        self.setSubTitle(self.tr("Step 4 of 5. A safety net for forgotten passphrases."))
        self.explain.setText(
            self.tr(
                "Provincial IT gives each commune a small file ending in .pem: the province's recovery "
                "key. With it, if every clerk of this desk forgets their passphrase, provincial IT (and "
                "only they, with the secret half kept at the province) can open this computer's data again "
                "and set a new passphrase. The file holds no secret and does not let anyone read the data."
            )
        )
        self.choose.setText(self.tr("&Choose the key file…"))
        self.skip.setText(self.tr("&Skip: I have no key file from IT"))
        self._show_status()
        self._skip_toggled(self.skip.isChecked())

    def _show_status(self) -> None:
        if self.fingerprint:
            self.status.setText(
                self.tr("Key loaded. Fingerprint (compare with IT): %1").replace("%1", self.fingerprint[:16])
            )
        elif self._failed:
            self.status.setText(
                self.tr("This file is not a province recovery key. Ask IT for the right .pem file.")
            )
        else:
            self.status.setText(self.tr("No key file chosen yet."))

    def _skip_toggled(self, skipped: bool) -> None:
        self.warning.setText(
            self.tr(
                "Warning: without the recovery key, a passphrase that every clerk forgets can never be "
                "recovered, and the data on this computer is then lost. IT can add the key later."
            )
            if skipped
            else ""
        )
        self.choose.setEnabled(not skipped)
        self.completeChanged.emit()

    def _ask_for_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Province recovery key"), "", self.tr("Recovery key (*.pem);;All files (*)")
        )
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path) -> None:
        """Read and check the key file in the background; the page updates when done."""
        self.choose.setEnabled(False)

        def loaded(result: tuple[bytes, str]) -> None:
            self.pem, self.fingerprint = result
            self._failed = False
            self._finish_loading()

        def failed(_error: BaseException) -> None:
            self.pem = self.fingerprint = None
            self._failed = True
            self._finish_loading()

        self._background.run(
            lambda: read_recovery_key(path), on_success=loaded, on_failure=failed, owner=self
        )

    def _finish_loading(self) -> None:
        self.choose.setEnabled(not self.skip.isChecked())
        self._show_status()
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        return self.pem is not None or self.skip.isChecked()


class EnrolPage(_Page):
    """Enrolling with the provincial server (optional): address and one-time code from provincial IT.

    The store does not exist yet, so the page makes the device keys under the replica id the store will take
    (:attr:`identity`); the wizard keeps the answer (:attr:`enrolment`) in the store once it is created.
    """

    def __init__(self, background: Background, new_id: Callable[[], str]) -> None:
        super().__init__()
        self._background = background
        self._new_id = new_id
        self._busy = False
        self.enrolment: Enrolment | None = None
        self.identity: DeviceIdentity | None = None
        self.server_url = ""
        self.ca_file: str | None = None
        self.explain = _note(self)
        self.address = QLineEdit(self)
        self.address.setMaxLength(300)
        self.address.setPlaceholderText("https://")
        self.code = QLineEdit(self)
        self.code.setMaxLength(64)
        self.code.setPlaceholderText("XXXX-XXXX-XXXX-XXXX")
        self.ca = QLineEdit(self)
        self.ca.setMaxLength(1000)
        self.choose_ca = QPushButton(self)
        self.address_label, self.code_label, self.ca_label = QLabel(self), QLabel(self), QLabel(self)
        for label, field in (
            (self.address_label, self.address),
            (self.code_label, self.code),
            (self.ca_label, self.ca),
        ):
            label.setBuddy(field)
        self.enrol = QPushButton(self)
        self.status = _note(self)
        self.error = _error_label(self)
        form = QFormLayout()
        form.addRow(self.address_label, self.address)
        form.addRow(self.code_label, self.code)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca, 1)
        ca_row.addWidget(self.choose_ca)
        form.addRow(self.ca_label, ca_row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(self.enrol)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.enrol.clicked.connect(self.start_enrolment)
        self.code.returnPressed.connect(self.start_enrolment)
        self.choose_ca.clicked.connect(self._ask_for_ca)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Provincial server (optional)"))
        self.setSubTitle(self.tr("Step 5 of 5. The desk works fully without it; sync can be set up later."))
        self.explain.setText(
            self.tr(
                "Enrolling connects this desk to the provincial server with the address and one-time code "
                "from provincial IT, so dossiers are sent to the province and this desk gets its own block "
                "of dossier numbers. Without them, press Next: IT can enrol the desk later."
            )
        )
        self.address_label.setText(self.tr("Server &address:"))
        self.code_label.setText(self.tr("One-time &code:"))
        self.ca_label.setText(self.tr("CA certificate (if IT gave one):"))
        self.choose_ca.setText(self.tr("C&hoose…"))
        self.enrol.setText(self.tr("&Enrol"))
        self._show_result()

    @property
    def busy(self) -> bool:
        return self._busy

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        return not self._busy

    def initializePage(self) -> None:  # noqa: N802 (Qt's name)
        commune = self._commune_code()
        if self.enrolment is not None and self.enrolment.commune.code != commune:
            self.enrolment = self.identity = (
                None  # the commune was changed: that enrolment is not this desk's
            )
            self._set_busy(False)

    def _ask_for_ca(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("CA certificate"), "", self.tr("Certificate (*.pem *.crt);;All files (*)")
        )
        if path:
            self.ca.setText(path)

    def _commune_code(self) -> str | None:
        wizard = self.wizard()
        commune = wizard.commune_page.picker.commune() if isinstance(wizard, FirstRunWizard) else None
        return None if commune is None else f"{commune.code:05d}"

    def problem(self) -> str | None:
        """What is wrong with the typed address and code, in words, or ``None``."""
        try:
            check_server_url(self.address.text())
        except ValueError:
            return self.tr("The server address starts with https://, for example https://motcua.tinh.gov.vn.")
        if not self.code.text().strip():
            return self.tr("Type the one-time code from provincial IT.")
        if self._commune_code() is None:
            return self.tr("Choose the commune first (step 1).")
        return None

    def start_enrolment(self) -> None:
        """Ask the server in the background; the page shows the outcome in words."""
        if self._busy or self.enrolment is not None:
            return
        problem = self.problem()
        self.error.setText(problem or "")
        if problem is not None:
            return
        url = check_server_url(self.address.text())
        code = self.code.text().strip()
        ca_file = self.ca.text().strip() or None
        commune = self._commune_code()
        assert commune is not None
        identity = DeviceIdentity.generate(self._new_id())
        label = f"motcua {identity.replica_id[:8]}"
        self._set_busy(True)

        def enrolled(result: Enrolment) -> None:
            self.enrolment, self.identity = result, identity
            self.server_url, self.ca_file = url, ca_file
            self._set_busy(False)

        def failed(error: BaseException) -> None:
            self._set_busy(False)
            self.error.setText(self.failure_words(error))

        self._background.run(
            lambda: enrol_device(url, code, identity, label, commune=commune, ca_file=ca_file),
            on_success=enrolled,
            on_failure=failed,
            owner=self,
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        done = self.enrolment is not None
        for widget in (self.address, self.code, self.ca, self.choose_ca, self.enrol):
            widget.setEnabled(not busy and not done)
        if busy:
            self.error.setText("")
        self._show_result()
        self.completeChanged.emit()

    def _show_result(self) -> None:
        if self._busy:
            self.status.setText(self.tr("Connecting to the provincial server…"))
        elif self.enrolment is not None:
            block = self.enrolment.block
            self.status.setText(
                self.tr(
                    "Enrolled. This desk's dossier numbers: %1, agency identifier %2 (from the province). "
                    "Press Next."
                )
                .replace("%1", block.label)
                .replace("%2", block.agency)
            )
        else:
            self.status.setText("")

    def failure_words(self, error: BaseException) -> str:
        """Why the enrolment failed, in words a clerk can act on; the wizard can go on without it."""
        after = self.tr(
            "You can correct it and press Enrol again, or press Next to continue without enrolling."
        )
        if isinstance(error, EnrolmentRefusedByServer):
            words = {
                "unknown": self.tr("The server does not know this code. Check it with provincial IT."),
                "used": self.tr("This code was already used. Ask provincial IT for a new one."),
                "expired": self.tr("This code has expired. Ask provincial IT for a new one."),
                "wrong_commune": self.tr(
                    "This code was made for another commune than the one chosen in step 1."
                ),
                "unknown_commune": self.tr(
                    "The provincial server does not serve the commune chosen in step 1."
                ),
                "no_block_left": self.tr(
                    "The commune has no free block of dossier numbers left. Provincial IT must free one."
                ),
            }
            text = words.get(error.reason, self.tr("The provincial server refused the enrolment."))
        elif isinstance(error, ServerOffline):
            text = self.tr(
                "The provincial server cannot be reached. Check the address, the network cable or Wi-Fi, "
                "and the certificate file."
            )
        elif isinstance(error, ClientTooOld):
            text = self.tr("The provincial server needs a newer version of motcua. Ask IT to update it.")
        elif isinstance(error, TransportError):
            text = self.tr("The provincial server could not enrol this desk (%1).").replace("%1", error.kind)
        else:
            text = self.tr("The enrolment failed (%1).").replace("%1", type(error).__name__)
        return f"{text} {after}"

    def kept_for(self, commune_code: int) -> Enrolment | None:
        """The enrolment, if it was made for ``commune_code`` (the commune may have changed since)."""
        if self.enrolment is None or self.enrolment.commune.code != f"{commune_code:05d}":
            return None
        return self.enrolment


class FinishPage(_Page):
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
        self.status = _note(self)
        self.error = _error_label(self)
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
        if not isinstance(wizard, FirstRunWizard):
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
        self.office_page = OfficePage()
        self.clerk_page = ClerkPage()
        self.recovery_page = RecoveryPage(background)
        self.enrol_page = EnrolPage(background, new_id)
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
