"""The procedure's required documents as a checklist: tick what the citizen handed in (Space toggles)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from dossiers.catalogue import RequiredDocument
from dossiers.dossier import ReceivedDocument
from dossiers.official_forms import DOCUMENT_FORM_LABELS

DOCUMENT_ROLE = Qt.ItemDataRole.UserRole + 1


class DocumentsChecklist(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)  # long document names wrap instead of hiding behind a scroll bar
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.title.setBuddy(self.list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 1)
        self.list.itemChanged.connect(lambda _item: self.changed.emit())
        self.list.itemActivated.connect(self._toggle)
        self._documents: tuple[RequiredDocument, ...] = ()
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("&Documents handed in (Space ticks, F5)"))
        self.set_documents(self._documents, keep=True)

    def set_documents(self, documents: tuple[RequiredDocument, ...], *, keep: bool = False) -> None:
        ticked = {d for d in self._documents if keep and self.is_ticked(d)}
        self._documents = tuple(documents)
        self.list.blockSignals(True)
        self.list.clear()
        for document in self._documents:
            item = QListWidgetItem(self._label(document), self.list)
            item.setData(DOCUMENT_ROLE, document)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable
            )
            item.setCheckState(Qt.CheckState.Checked if document in ticked else Qt.CheckState.Unchecked)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.list.blockSignals(False)
        self.changed.emit()

    def _label(self, document: RequiredDocument) -> str:
        need = self.tr("required") if document.required else self.tr("if applicable")
        form = DOCUMENT_FORM_LABELS[document.form]
        return f"{document.name} — {form}, {document.count:02d} " + self.tr("copy(ies)") + f" ({need})"

    def _toggle(self, item: QListWidgetItem) -> None:
        checked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def _items(self) -> list[QListWidgetItem]:
        return [self.list.item(row) for row in range(self.list.count())]

    def is_ticked(self, document: RequiredDocument) -> bool:
        return any(
            item.data(DOCUMENT_ROLE) == document and item.checkState() == Qt.CheckState.Checked
            for item in self._items()
        )

    def tick(self, index: int, ticked: bool = True) -> None:
        self.list.item(index).setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def received(self) -> tuple[ReceivedDocument, ...]:
        """The ticked documents as received."""
        return tuple(
            ReceivedDocument(d.name, d.form, d.count, d.note) for d in self._documents if self.is_ticked(d)
        )

    def missing_required(self) -> tuple[RequiredDocument, ...]:
        """Required documents not ticked."""
        return tuple(d for d in self._documents if d.required and not self.is_ticked(d))
