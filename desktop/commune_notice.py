"""The strip that tells the clerk (and IT) when the province's communes list no longer lists this desk's
commune as it is: merged into another, or absent. The desk keeps working as the commune it was set up and
enrolled for; only IT changes that."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QMainWindow, QSizePolicy, QToolBar

from desktop.warning_text import ERROR_RED, error_label
from workstation.commune_names import CommuneStanding


class CommuneNotice(QToolBar):
    """Shown above the queue only while the list says the desk's commune was merged or is not listed."""

    def __init__(self, window: QMainWindow, standing: CommuneStanding | None) -> None:
        super().__init__(window)
        self.setObjectName("commune-notice-bar")
        self.setMovable(False)
        self.setFloatable(False)
        self.toggleViewAction().setVisible(False)
        self.standing = standing
        self.label = error_label(self)
        self.label.setObjectName("commune-notice")
        self.label.setContentsMargins(4, 2, 4, 2)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        palette = self.label.palette()  # a toolbar paints its labels' text in the button colours
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText, QPalette.ColorRole.Text):
            palette.setColor(role, ERROR_RED)
        self.label.setPalette(palette)
        self.addWidget(self.label)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        standing = self.standing
        if standing is None or standing.words() is None:
            self.label.clear()
            self.hide()
            return
        if standing.listed is not None and standing.merged_into is not None:
            text = (
                self.tr(
                    "The province's list of communes says %1 (%2) was merged into %3 (%4). This desk still "
                    "works as %2: ask IT to set it up for the new commune."
                )
                .replace("%1", standing.listed.name)
                .replace("%3", standing.merged_into.name)
                .replace("%4", standing.merged_into.code)
            )
        else:
            text = self.tr(
                "Commune %2 is not in the province's list of communes. This desk still works as %2: tell IT."
            )
        self.label.setText(text.replace("%2", standing.code))
        self.show()
