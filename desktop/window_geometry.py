"""The main window's place and size, kept between starts in the plain settings file (nothing personal).

Qt's own ``saveGeometry`` bytes, base64: they carry the screen, the maximised state and the normal size, and
``restoreGeometry`` puts a window whose screen is gone back on a screen that is there.
"""

from __future__ import annotations

import base64
import binascii

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QWidget


def geometry_text(window: QWidget) -> str:
    """The window's geometry as text for :class:`workstation.settings.LocalSettings`."""
    return base64.b64encode(bytes(window.saveGeometry().data())).decode("ascii")


def restore_geometry(window: QWidget, text: str | None) -> bool:
    """Put ``window`` where :func:`geometry_text` found it; False (and nothing changed) for no or bad text."""
    if not text:
        return False
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return False
    return window.restoreGeometry(QByteArray(data))
