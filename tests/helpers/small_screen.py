"""The commune PCs' usual screen, 1366×768, for the desk offscreen (tests and screenshots)."""

from __future__ import annotations

from collections.abc import MutableMapping
from pathlib import Path

SCREEN_WIDTH, SCREEN_HEIGHT = 1366, 768
SCREEN_CONFIG = Path(__file__).resolve().parents[1] / "desktop" / "screen_1366x768.json"


def use_small_screen(environ: MutableMapping[str, str]) -> None:
    """Make Qt's offscreen platform show one 1366×768 screen (call before the QApplication exists)."""
    platform = environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if platform == "offscreen":
        environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={SCREEN_CONFIG}"
