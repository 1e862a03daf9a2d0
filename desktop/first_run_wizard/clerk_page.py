"""Step 3 of the first-run wizard: the first clerk's account."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout

from desktop.first_run_wizard.wizard_page import WizardPage, note_label
from desktop.new_clerk_checks import new_clerk_problem, show_strength
from desktop.passphrase_strength import TOO_SHORT, passphrase_strength
from desktop.warning_text import error_label
from sync.keys import MIN_PASSPHRASE_CHARS
from workstation.clerks import MAX_FULL_NAME_CHARS


class ClerkPage(WizardPage):
    """The first clerk account."""

    def __init__(self) -> None:
        super().__init__()
        self.login = QLineEdit(self)
        self.login.setMaxLength(64)
        self.full_name = QLineEdit(self)
        self.full_name.setMaxLength(MAX_FULL_NAME_CHARS)
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
        self.intro = note_label(self)
        self.error = error_label(self)
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
        show_strength(self.strength, self.passphrase.text())

    def problem(self) -> str | None:
        return new_clerk_problem(
            self.login.text(), self.full_name.text(), self.passphrase.text(), self.repeat.text()
        )

    def validatePage(self) -> bool:  # noqa: N802 (Qt's name)
        problem = self.problem()
        self.error.setText(problem or "")
        text = self.passphrase.text()
        if problem is not None and (passphrase_strength(text) == TOO_SHORT or text != self.repeat.text()):
            self.repeat.clear()
            (self.passphrase if passphrase_strength(text) == TOO_SHORT else self.repeat).setFocus()
        return problem is None
