"""The typeface of printed forms: the shipped Liberation Serif 2 under a family name of its own.

Liberation Serif is metric-compatible with Times New Roman (Decree 30/2020 asks for Times New Roman) and
version 2 covers every Vietnamese letter; version 1, which many Linux machines have under the same family
name, does not. So the shipped files carry the family :data:`FORM_FAMILY`, written into their name tables once
by ``packaging/font_renaming.py`` (not at every start); Qt loads them as they are.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontDatabase

from resources import resource_path

FORM_FAMILY = "Motcua Serif"
"""The family of printed forms (the shipped Liberation Serif 2, renamed by packaging/font_renaming.py)."""

_STYLES = {"Regular": "Regular", "Bold": "Bold", "Italic": "Italic", "BoldItalic": "Bold Italic"}

_registered: str | None = None


class FontResourceError(RuntimeError):
    """A shipped font file is missing or not a font Qt can load."""


def font_files() -> dict[str, Path]:
    """The shipped font files by style (``Regular``, ``Bold``, ``Italic``, ``Bold Italic``)."""
    return {style: resource_path("fonts", f"MotcuaSerif-{stem}.ttf") for stem, style in _STYLES.items()}


def register_form_fonts() -> str:
    """Register the shipped serif face with Qt (once per process) and return its family name.

    Needs a ``QGuiApplication``. Raises ``FontResourceError`` if a font file is missing or Qt refuses it.
    """
    global _registered
    if _registered is not None:
        return _registered
    for path in font_files().values():
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise FontResourceError(f"the form font {path.name} cannot be read: {exc.strerror}") from exc
        font_id = QFontDatabase.addApplicationFontFromData(data)
        if font_id < 0 or FORM_FAMILY not in QFontDatabase.applicationFontFamilies(font_id):
            raise FontResourceError(f"Qt could not load the form font {path.name}")
    _registered = FORM_FAMILY
    return FORM_FAMILY
