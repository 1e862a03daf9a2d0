"""The settings dialog: language, font size, auto-lock minutes (applied live by the controller)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from workstation.settings import (
    LANGUAGES,
    MAX_AUTO_LOCK_MINUTES,
    MAX_FONT_POINTS,
    MIN_AUTO_LOCK_MINUTES,
    MIN_FONT_POINTS,
)

LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}  # each in its own language: never translated


@dataclass(frozen=True)
class DeskPreferences:
    """What the settings dialog edits."""

    language: str
    font_points: int
    auto_lock_minutes: int


class SettingsDialog(QDialog):
    """Emits :attr:`chosen` with the new preferences when the clerk presses OK."""

    chosen = Signal(object)

    def __init__(self, current: DeskPreferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = QComboBox(self)
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(LANGUAGES.index(current.language))
        self.font_points = QSpinBox(self)
        self.font_points.setRange(MIN_FONT_POINTS, MAX_FONT_POINTS)
        self.font_points.setValue(current.font_points)
        self.auto_lock = QSpinBox(self)
        self.auto_lock.setRange(MIN_AUTO_LOCK_MINUTES, MAX_AUTO_LOCK_MINUTES)
        self.auto_lock.setValue(current.auto_lock_minutes)
        self.labels = [QLabel(self) for _ in range(3)]
        for label, field in zip(self.labels, (self.language, self.font_points, self.auto_lock), strict=True):
            label.setBuddy(field)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.labels[0], self.language)
        form.addRow(self.labels[1], self.font_points)
        form.addRow(self.labels[2], self.auto_lock)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.labels[0].setText(self.tr("&Language:"))
        self.labels[1].setText(self.tr("&Font size:"))
        self.labels[2].setText(self.tr("&Lock the desk after:"))
        self.font_points.setSuffix(" " + self.tr("pt"))
        self.auto_lock.setSuffix(" " + self.tr("minutes without use"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("OK"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def preferences(self) -> DeskPreferences:
        return DeskPreferences(
            language=self.language.currentData(),
            font_points=self.font_points.value(),
            auto_lock_minutes=self.auto_lock.value(),
        )

    def accept(self) -> None:
        self.chosen.emit(self.preferences())
        super().accept()
