"""Pick the procedure: a search field over the catalogue (code or words, with or without diacritics), the
results, and the chosen procedure's statutory time and fee rule in words."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.new_dossier.wording import fee_rule_words, processing_time_words
from dossiers.catalogue import Procedure
from dossiers.catalogue_search import CatalogueIndex

RESULT_LIMIT = 50
PROCEDURE_ROLE = Qt.ItemDataRole.UserRole + 1


class ProcedurePicker(QWidget):
    """Type, see the matches, Enter picks the highlighted one (Down/Up move through the results)."""

    picked = Signal(object)
    """The chosen ``Procedure``."""

    def __init__(self, index: CatalogueIndex, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._index = index
        self.procedure: Procedure | None = None
        self.title = QLabel(self)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget(self)
        self.results.setMinimumHeight(120)
        self.results.setWordWrap(True)  # long procedure names wrap instead of hiding behind a scroll bar
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.chosen = QLabel(self)
        self.chosen.setWordWrap(True)
        self.chosen.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setBuddy(self.search)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.chosen)
        self.search.textChanged.connect(self._refresh)
        self.search.returnPressed.connect(self.pick_current)
        self.search.installEventFilter(self)
        self.results.itemActivated.connect(lambda item: self._pick(item.data(PROCEDURE_ROLE)))
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("&Procedure (code or words, F3)"))
        self.search.setPlaceholderText(self.tr("e.g. khai sinh, 1.001193"))
        self._refresh(self.search.text())
        self._describe()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            key = event.key() if isinstance(event, QKeyEvent) else None
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.count():
                step = 1 if key == Qt.Key.Key_Down else -1
                row = min(max(self.results.currentRow() + step, 0), self.results.count() - 1)
                self.results.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    def _refresh(self, text: str) -> None:
        self.results.clear()
        for hit in self._index.search(text, limit=RESULT_LIMIT):
            procedure = hit.procedure
            label = f"{procedure.code} — {procedure.name}"
            if not procedure.confirmed:
                label += " · " + self.tr("not confirmed")
            item = QListWidgetItem(label, self.results)
            item.setData(PROCEDURE_ROLE, procedure)
            if not procedure.confirmed:
                item.setToolTip(
                    self.tr("This catalogue entry is not confirmed by an official source: {source}").format(
                        source=procedure.source
                    )
                )
        if self.results.count():
            self.results.setCurrentRow(0)

    def pick_current(self) -> None:
        """Pick the highlighted result (Enter in the search field)."""
        item = self.results.currentItem()
        if item is not None:
            self._pick(item.data(PROCEDURE_ROLE))

    def _pick(self, procedure: Procedure) -> None:
        self.procedure = procedure
        self._describe()
        self.picked.emit(procedure)

    def _describe(self) -> None:
        procedure = self.procedure
        if procedure is None:
            self.chosen.setText(self.tr("No procedure chosen yet."))
            return
        lines = [
            f"{procedure.name} ({procedure.code})",
            self.tr("Time by law: {time}").format(time=processing_time_words(procedure.processing_time)),
            self.tr("Fee: {rule}").format(rule=fee_rule_words(procedure.fee)),
        ]
        if not procedure.confirmed:
            lines.append(
                self.tr("Catalogue entry not confirmed (source: {source})").format(source=procedure.source)
            )
        self.chosen.setText("\n".join(lines))
