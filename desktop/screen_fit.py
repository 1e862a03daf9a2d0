"""Sizes for the desk's windows that fit the screen they open on (the commune PCs' is often 1366×768)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FRAME_ALLOWANCE = QSize(16, 40)
"""Room left for the window's frame and title bar, which ``resize`` does not count."""


def fitted_size(widget: QWidget, preferred: QSize) -> QSize:
    """``preferred``, made smaller where the screen's free area (without the taskbar) is smaller."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return preferred
    room = screen.availableGeometry().size() - FRAME_ALLOWANCE
    return preferred.boundedTo(room)


def fit_to_screen(widget: QWidget, preferred: QSize) -> None:
    """Resize ``widget`` to :func:`fitted_size` (call before showing it)."""
    widget.resize(fitted_size(widget, preferred))
