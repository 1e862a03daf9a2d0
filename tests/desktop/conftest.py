"""The desk tests' own fixture: each test starts in Vietnamese."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _vietnamese_by_default():
    """Each test starts in the desk's default language; a test that switches to English cannot leak it."""
    from PySide6.QtCore import QLocale

    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese))
    yield
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese))
