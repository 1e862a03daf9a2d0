"""The main window (a starting point until the desk application lands: it shows the procedure catalogue)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from desktop.about import version_text


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("motcua: Bộ phận Một cửa"))
        body = QWidget(self)
        layout = QVBoxLayout(body)
        title = QLabel(self.tr("Tiếp nhận và trả kết quả hồ sơ"), body)
        title.setObjectName("title")
        layout.addWidget(title)
        layout.addWidget(QLabel(version_text(), body))
        self.setCentralWidget(body)
        self.resize(900, 600)
