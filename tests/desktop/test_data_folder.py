"""The workstation finds its default data folder without Qt, where Qt's ``AppDataLocation`` puts it, so the
IT command line (no Qt) and the desk application (Qt) always agree on it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QStandardPaths

from workstation.settings import APP_NAME, SettingsError, default_data_dir


@pytest.mark.parametrize("xdg", [None, "data-home", "relative/ignored"])
def test_default_data_dir_is_where_qt_puts_the_application_data(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, xdg: str | None
) -> None:
    if xdg is None:
        monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_DATA_HOME", xdg if xdg.startswith("relative") else str(tmp_path / xdg))
    names = QCoreApplication.applicationName(), QCoreApplication.organizationName()
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName(APP_NAME)
    try:
        qt = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    finally:
        QCoreApplication.setApplicationName(names[0])
        QCoreApplication.setOrganizationName(names[1])
    assert default_data_dir() == Path(qt)


def test_no_home_folder_is_refused_in_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", "relative")
    with pytest.raises(SettingsError, match="--data-dir"):
        default_data_dir()
