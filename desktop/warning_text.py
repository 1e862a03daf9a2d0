"""Red, bold message labels that still follow the desk's font size (a style sheet would freeze their font)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QLabel, QWidget

ERROR_RED = QColor("#b00020")


def error_label(parent: QWidget) -> QLabel:
    """A word-wrapped plain-text label in bold red; only the weight is fixed, the size follows the app."""
    label = QLabel(parent)
    label.setObjectName("error")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    bold = QFont()
    bold.setBold(True)
    label.setFont(bold)
    set_text_colour(label, ERROR_RED)
    return label


def set_text_colour(label: QLabel, colour: QColor) -> None:
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, colour)
    label.setPalette(palette)
