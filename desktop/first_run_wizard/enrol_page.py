"""Step 5 of the first-run wizard: enrolment with the provincial server (optional)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from desktop.background import Background
from desktop.commune_picker import CommunePicker
from desktop.first_run_wizard.wizard_page import WizardPage, note_label
from desktop.warning_text import error_label
from sync.device_keys import DeviceIdentity
from sync.enrolment_client import Enrolment, check_server_url, enrol_device
from sync.errors import ClientTooOld, EnrolmentRefusedByServer, ServerOffline, TransportError


class EnrolPage(WizardPage):
    """Enrolling with the provincial server (optional): address and one-time code from provincial IT.

    The store does not exist yet, so the page makes the device keys under the replica id the store will take
    (:attr:`identity`); the wizard keeps the answer (:attr:`enrolment`) in the store once it is created.
    """

    def __init__(self, background: Background, new_id: Callable[[], str], communes: CommunePicker) -> None:
        super().__init__()
        self._communes = communes  # step 1's choice
        self._background = background
        self._new_id = new_id
        self._busy = False
        self.enrolment: Enrolment | None = None
        self.identity: DeviceIdentity | None = None
        self.server_url = ""
        self.ca_file: str | None = None
        self.explain = note_label(self)
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
        self.status = note_label(self)
        self.error = error_label(self)
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
        commune = self._communes.commune()
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
