"""The look that keeps practice mode from being taken for the real desk: a banner on every window, a warm
window colour and "THỰC HÀNH" before every window title. Applied by an application-wide event filter, so
dialogs opened by any screen get it too."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QBoxLayout, QFileDialog, QLabel, QMainWindow, QToolBar, QWidget

TITLE_PREFIX = "THỰC HÀNH · "
BANNER_TEXT = "CHẾ ĐỘ THỰC HÀNH: dữ liệu mẫu, không có giá trị, không gửi lên tỉnh"
WINDOW_COLOUR = QColor("#FCE6B8")
BANNER_STYLE = "background: #B3261E; color: white; font-weight: 600; padding: 6px;"
DECORATED = "motcua_practice_look"


def banner(parent: QWidget) -> QLabel:
    label = QLabel(BANNER_TEXT, parent)
    label.setObjectName("practice-banner")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setStyleSheet(BANNER_STYLE)
    return label


class PracticeLook(QObject):
    """Decorates every top-level window as it is shown, until :meth:`remove`."""

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.installed = False

    def install(self) -> None:
        if not self.installed:
            self.app.installEventFilter(self)
            self.installed = True
            for widget in QApplication.topLevelWidgets():
                if widget.isVisible():
                    decorate(widget)

    def remove(self) -> None:
        if self.installed:
            self.app.removeEventFilter(self)
            self.installed = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind in (QEvent.Type.Show, QEvent.Type.WindowTitleChange) and isinstance(watched, QWidget):
            skipped = (Qt.WindowType.Popup, Qt.WindowType.ToolTip)
            if watched.isWindow() and watched.windowType() not in skipped:
                if kind == QEvent.Type.Show:
                    decorate(watched)
                else:  # a title set while the window is built: the banner waits for the window's layout
                    prefix_title(watched)
        return False


def prefix_title(widget: QWidget) -> None:
    title = widget.windowTitle()
    if not title.startswith(TITLE_PREFIX):
        widget.setWindowTitle(TITLE_PREFIX + title)


def decorate(widget: QWidget) -> None:
    """Title prefix (always), and once: the colour and the banner where the window has room for one.

    Qt's file dialog gets the title only: repainting it once shown left its Save button deaf to clicks."""
    prefix_title(widget)
    if widget.property(DECORATED) or isinstance(widget, QFileDialog):  # Qt's own file dialog: title only
        return
    widget.setProperty(DECORATED, True)
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.Window, WINDOW_COLOUR)
    widget.setPalette(palette)
    widget.setAutoFillBackground(True)
    if isinstance(widget, QMainWindow):
        bar = QToolBar(widget)
        bar.setObjectName("practice-banner-bar")
        bar.setMovable(False)
        bar.setFloatable(False)
        label = banner(bar)
        label.setSizePolicy(label.sizePolicy().Policy.Expanding, label.sizePolicy().Policy.Preferred)
        bar.addWidget(label)
        others = [
            tb
            for tb in widget.findChildren(QToolBar)
            if tb is not bar and widget.toolBarArea(tb) == Qt.ToolBarArea.TopToolBarArea
        ]
        if others:  # above the desk's own toolbar, on a row of its own
            widget.insertToolBar(others[0], bar)
            widget.insertToolBarBreak(others[0])
        else:
            widget.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        return
    layout = widget.layout()
    if isinstance(layout, QBoxLayout):
        layout.insertWidget(0, banner(widget))
