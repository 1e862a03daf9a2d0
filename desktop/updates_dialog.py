"""Tools → Versions and updates: what the desk runs, what the province sent, and the one-click way back.

The province's releases are fetched and verified during sync (``workstation.release_updates``) and applied
at the next start; here the clerk (or IT on the phone) sees the versions and can return to the previous one
with one button: it takes effect when motcua next starts. Reading and writing run in the background.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.background import Background
from workstation.about import app_version
from workstation.errors import UpdateRefused
from workstation.installed_versions import KINDS, SHIPPED_REFERENCE_VERSION, InstalledVersions, KindState
from workstation.release_bundles import import_release_file
from workstation.release_updates import FetchedRelease


class UpdatesDialog(QDialog):
    """The versions of the program and of the reference data, each with a "return to the previous" button."""

    def __init__(self, data_dir: Path, background: Background, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("updates_dialog")
        self._data_dir = data_dir
        self._versions = InstalledVersions(data_dir)
        self._background = background
        self._states: dict[str, tuple[KindState, str]] = {}
        layout = QVBoxLayout(self)
        self.groups: dict[str, QGroupBox] = {}
        self.texts: dict[str, QLabel] = {}
        self.back_buttons: dict[str, QPushButton] = {}
        for kind in KINDS:
            group = QGroupBox(self)
            grid = QGridLayout(group)
            text = QLabel(group)
            text.setWordWrap(True)
            button = QPushButton(group)
            button.setObjectName(f"roll_back_{kind}")
            button.setEnabled(False)
            button.clicked.connect(lambda _checked=False, k=kind: self.roll_back(k))
            grid.addWidget(text, 0, 0)
            grid.addWidget(button, 1, 0)
            layout.addWidget(group)
            self.groups[kind], self.texts[kind], self.back_buttons[kind] = group, text, button
        self.import_button = QPushButton(self)
        self.import_button.setObjectName("import_update_file")
        self.import_button.clicked.connect(self.import_file)
        layout.addWidget(self.import_button)
        self.outcome = QLabel(self)
        self.outcome.setWordWrap(True)
        layout.addWidget(self.outcome)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.retranslate()
        self.reload()

    def _shipped(self, kind: str) -> str:
        return app_version() if kind == "program" else SHIPPED_REFERENCE_VERSION

    def reload(self) -> None:
        def read() -> dict[str, tuple[KindState, str]]:
            return {
                kind: (self._versions.state(kind), self._versions.in_use(kind, self._shipped(kind)))
                for kind in KINDS
            }

        self._background.run(read, on_success=self._show, owner=self)

    def _show(self, states: dict[str, tuple[KindState, str]]) -> None:
        self._states = states
        for kind in KINDS:
            state, in_use = states[kind]
            lines = [
                self.tr("In use: %1").replace("%1", in_use if in_use != "0" else self.tr("as installed"))
            ]
            if state.pending:
                lines.append(
                    self.tr("Version %1 has arrived: it is used from the next start.").replace(
                        "%1", state.pending
                    )
                )
            if state.previous:
                lines.append(self.tr("Kept to go back to: %1").replace("%1", state.previous))
            self.texts[kind].setText("\n".join(lines))
            self.back_buttons[kind].setEnabled(state.active is not None)

    def roll_back(self, kind: str) -> None:
        for button in self.back_buttons.values():
            button.setEnabled(False)
        self._background.run(
            lambda: self._versions.roll_back(kind),
            on_success=lambda back: self._rolled_back(kind, back),
            on_failure=lambda error: self.outcome.setText(str(error)),
            owner=self,
        )

    def _rolled_back(self, kind: str, back: str | None) -> None:
        version = back or self.tr("the version installed")
        self.outcome.setText(
            self.tr(
                "Done: %1 is used from the next start of motcua. Close motcua and open it again."
            ).replace("%1", version)
        )
        self.reload()

    def import_file(self) -> None:
        """A release file from a USB stick (no network): checked as a download is, used at the next start."""
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import an update"), "", self.tr("motcua update files (*.tar);;All files (*)")
        )
        if not name:
            return
        self.import_button.setEnabled(False)
        self.outcome.setText(self.tr("Checking the file…"))
        self._background.run(
            lambda: import_release_file(Path(name), self._data_dir, app_version()),
            on_success=self._imported,
            on_failure=self._import_refused,
            owner=self,
        )

    def _imported(self, fetched: list[FetchedRelease]) -> None:
        self.import_button.setEnabled(True)
        if fetched:
            versions = ", ".join(release.version for release in fetched)
            self.outcome.setText(
                self.tr("The update %1 is checked and kept: it is used from the next start.").replace(
                    "%1", versions
                )
            )
        else:
            self.outcome.setText(self.tr("This desk already has everything the file holds."))
        self.reload()

    def _import_refused(self, error: BaseException) -> None:
        self.import_button.setEnabled(True)
        if isinstance(error, UpdateRefused) and error.reason == "communes":
            self.outcome.setText(
                self.tr(
                    "This update was refused: its list of communes is not valid or does not hold this desk's "
                    "commune. Nothing was changed. Tell IT."
                )
            )
        elif isinstance(error, UpdateRefused):
            self.outcome.setText(
                self.tr(
                    "This file was refused: it is not a genuine update from the province, or it is damaged. "
                    "Nothing was changed."
                )
            )
        else:
            self.outcome.setText(self.tr("The file could not be read. Nothing was changed."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Versions and updates"))
        self.groups["program"].setTitle(self.tr("The motcua program"))
        self.groups["reference"].setTitle(self.tr("Reference data (form templates, procedures, communes)"))
        for button in self.back_buttons.values():
            button.setText(self.tr("Return to the previous version"))
        self.import_button.setText(self.tr("Import an update file (USB stick)…"))
        if self._states:
            self._show(self._states)
