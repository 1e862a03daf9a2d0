"""The desk tests' own fixtures: each test starts in Vietnamese; ``province``, a live provincial server (from
the server tests) for the wizard's enrolment step. Offscreen, the desk's tests run on one 1366×768 screen,
the commune PCs' usual (Qt's offscreen default is 800×800)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.helpers.small_screen import small_screen_platform
from tests.server.conftest import province  # noqa: F401 (a fixture)

# before any QApplication: pytest-qt makes it at the first test that needs it
os.environ["QT_QPA_PLATFORM"] = small_screen_platform(os.environ.get("QT_QPA_PLATFORM"))


@pytest.fixture(autouse=True)
def _vietnamese_by_default():
    """Each test starts in the desk's default language; a test that switches to English cannot leak it."""
    from PySide6.QtCore import QLocale

    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese))
    yield
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese))


@pytest.fixture
def vietnamese(qapp) -> Iterator[None]:
    """The desk's Vietnamese catalogue installed (widgets made after it speak Vietnamese), English after."""
    from desktop.language import LanguageSwitcher, catalogue_bytes

    switcher = LanguageSwitcher(qapp)
    assert switcher.apply("vi", catalogue_bytes("vi"))
    yield
    switcher.apply("en", None)
