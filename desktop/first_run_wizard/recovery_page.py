"""Step 4 of the first-run wizard: the province recovery key (or skipping it)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QFileDialog, QHBoxLayout, QPushButton, QVBoxLayout

from desktop.background import Background
from desktop.first_run_wizard.wizard_page import WizardPage, note_label
from desktop.warning_text import error_label
from workstation.opening import read_recovery_key


class RecoveryPage(WizardPage):
    """The province's recovery public key (a .pem file from IT), or a deliberate skip."""

    def __init__(self, background: Background) -> None:
        super().__init__()
        self._background = background
        self.pem: bytes | None = None
        self.fingerprint: str | None = None
        self.explain = note_label(self)
        self.choose = QPushButton(self)
        self.status = note_label(self)
        self.skip = QCheckBox(self)
        self.warning = error_label(self)
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
