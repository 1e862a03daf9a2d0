"""Application start-up: the QApplication and the first window."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QApplication

from desktop.main_window import MainWindow


def run(argv: Sequence[str]) -> int:
    app = QApplication.instance() or QApplication(list(argv))
    app.setApplicationName("motcua")
    app.setOrganizationName("motcua")
    window = MainWindow()
    window.show()
    return app.exec()
