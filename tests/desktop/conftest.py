"""Shared pieces of the desk tests: a settable clock, ids, typing Vietnamese, a ready-made workstation."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from desktop.workstation import DeskSession, create_workstation
from desktop.workstation_settings import SiteSettings

PASSPHRASE = "mật khẩu của Lan"


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime(2025, 9, 15, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def ids(prefix: str = "replica") -> Iterator[str]:
    return (f"{prefix}-{n}" for n in itertools.count(1))


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` one key event per character (``qtbot.keyClicks`` aborts on Vietnamese text)."""
    for ch in text:
        key = Qt.Key(ord(ch.upper())) if ch.isascii() and ch.isalnum() else Qt.Key.Key_unknown
        if ch == " ":
            key = Qt.Key.Key_Space
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))


def press(widget: QWidget, key: Qt.Key) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier))


def hanoi_site(**changes: object) -> SiteSettings:
    values: dict[str, object] = {
        "province_code": 1,
        "province_name": "Thành phố Hà Nội",
        "commune_code": 70,
        "commune_name": "Phường Hoàn Kiếm",
        "agency_id": "000.00.01.H22",
    }
    values.update(changes)
    return SiteSettings(**values)  # type: ignore[arg-type]


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def workstation(tmp_path: Path, clock: Clock) -> Iterator[tuple[Path, DeskSession]]:
    """A data folder holding a created store (clerk ``lan``), whose session is closed again."""
    folder = tmp_path / "data" / "store"
    session = create_workstation(
        folder,
        site=hanoi_site(auto_lock_minutes=1),
        login="lan",
        full_name="Nguyễn Thị Lan",
        passphrase=PASSPHRASE,
        recovery_pem=None,
        now=clock,
        new_id=ids().__next__,
    )
    session.store.close()
    yield tmp_path / "data", session


@pytest.fixture(autouse=True)
def _vietnamese_by_default():
    """Each test starts in the desk's default language; a test that switches to English cannot leak it."""
    from PySide6.QtCore import QLocale

    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese))
    yield
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese))
