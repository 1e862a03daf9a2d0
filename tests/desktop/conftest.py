"""The desk tests' own fixtures: each test starts in Vietnamese; ``province``, a live provincial server (from
the server tests) for the wizard's enrolment step."""

from __future__ import annotations

import pytest

from tests.server.conftest import province  # noqa: F401 (a fixture)


@pytest.fixture(autouse=True)
def _vietnamese_by_default():
    """Each test starts in the desk's default language; a test that switches to English cannot leak it."""
    from PySide6.QtCore import QLocale

    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese))
    yield
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese))
