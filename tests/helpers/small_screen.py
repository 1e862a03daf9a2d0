"""The commune PCs' usual screen, 1366×768, for the desk offscreen (tests and screenshots)."""

from __future__ import annotations

from pathlib import Path

SCREEN_WIDTH, SCREEN_HEIGHT = 1366, 768
SCREEN_CONFIG = Path(__file__).resolve().parents[1] / "desktop" / "screen_1366x768.json"


def small_screen_platform(platform: str | None) -> str:
    """The ``QT_QPA_PLATFORM`` that makes Qt's offscreen platform show one 1366×768 screen (set it before the
    QApplication exists); any other platform is kept."""
    if platform in (None, "", "offscreen"):
        return f"offscreen:configfile={SCREEN_CONFIG}"
    return platform
