"""Choosing the province and the commune from the list in use: the province's, once a reference-data release
brought one (renamed communes under their new names, merged ones left out), else the official list shipped
with the program (34 provinces, 3,321 communes since 2025): see
:func:`workstation.commune_names.desk_commune_list`.

Each list has a search box above it that ignores diacritics and case (``ha noi`` finds "Hà Nội", ``duc`` finds
"Đức"): type, then Down or Enter moves into the list.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sync.folding import fold
from workstation.commune_names import desk_commune_list


@dataclass(frozen=True)
class Place:
    """A province or a commune (xã, phường or đặc khu): its official code and name."""

    code: int
    name: str
    province_code: int

    @property
    def folded(self) -> str:
        return fold(self.name)


def provinces() -> tuple[Place, ...]:
    """The provinces of the list (34 in the official one), sorted by name without "Tỉnh"/"Thành phố"."""
    found = [Place(int(p.code), p.name, int(p.code)) for p in desk_commune_list().provinces]
    return tuple(sorted(found, key=lambda p: _sort_key(p.name)))


def communes_of(province_code: int) -> tuple[Place, ...]:
    """The communes of one province (not those merged into another), sorted by name without "Xã"/"Phường"/
    "Đặc khu"."""
    listed = desk_commune_list().current_communes(province_code)
    found = [Place(int(c.code), c.name, int(c.province_code)) for c in listed]
    return tuple(sorted(found, key=lambda p: _sort_key(p.name)))


_PREFIXES = ("thanh pho ", "tinh ", "xa ", "phuong ", "dac khu ")


def _sort_key(name: str) -> str:
    folded = fold(name)
    for prefix in _PREFIXES:
        if folded.startswith(prefix):
            return folded[len(prefix) :]
    return folded


def matches(query: str, place: Place) -> bool:
    """Every word of the folded query appears in the folded name."""
    name = place.folded
    return all(word in name for word in fold(query).split())


class FilteredList(QWidget):
    """A search box over a list of places; :attr:`chosen` fires with the selected place (or ``None``)."""

    chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setAlternatingRowColors(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        self._places: tuple[Place, ...] = ()
        self.search.textChanged.connect(self._refilter)
        self.search.installEventFilter(self)
        self.list.currentItemChanged.connect(self._current_changed)

    def set_places(self, places: tuple[Place, ...]) -> None:
        self._places = places
        self._refilter()

    def current(self) -> Place | None:
        item = self.list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def select_code(self, code: int) -> bool:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole).code == code:
                self.list.setCurrentItem(item)
                return True
        return False

    def visible_names(self) -> list[str]:
        return [self.list.item(row).text() for row in range(self.list.count())]

    def _refilter(self) -> None:
        query = self.search.text()
        previous = self.current()
        self.list.blockSignals(True)
        self.list.clear()
        for place in self._places:
            if matches(query, place):
                item = QListWidgetItem(place.name, self.list)
                item.setData(Qt.ItemDataRole.UserRole, place)
        self.list.blockSignals(False)
        if previous is not None and self.select_code(previous.code):
            return
        if self.list.count() == 1:
            self.list.setCurrentRow(0)
        else:
            self.list.setCurrentRow(-1)
            self.chosen.emit(None)

    def _current_changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        self.chosen.emit(None if current is None else current.data(Qt.ItemDataRole.UserRole))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.search and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.list.count():
                if self.list.currentRow() < 0:
                    self.list.setCurrentRow(0)
                self.list.setFocus()
                return True
        return super().eventFilter(watched, event)


class CommunePicker(QWidget):
    """Province list on the left, its communes on the right; :attr:`changed` fires on every choice."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.province_label = QLabel(self)
        self.commune_label = QLabel(self)
        self.province_list = FilteredList(self)
        self.commune_list = FilteredList(self)
        self.province_label.setBuddy(self.province_list.search)
        self.commune_label.setBuddy(self.commune_list.search)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.province_label, 0, 0)
        grid.addWidget(self.commune_label, 0, 1)
        grid.addWidget(self.province_list, 1, 0)
        grid.addWidget(self.commune_list, 1, 1)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        self.province_list.chosen.connect(self._province_chosen)
        self.commune_list.chosen.connect(lambda _place: self.changed.emit())
        self.province_list.set_places(provinces())
        self.retranslate()

    def retranslate(self) -> None:
        self.province_label.setText(self.tr("&Province or city:"))
        self.commune_label.setText(self.tr("&Commune or ward:"))
        self.province_list.search.setPlaceholderText(self.tr("Type to search, e.g. ha noi"))
        self.commune_list.search.setPlaceholderText(self.tr("Type to search, e.g. hoan kiem"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def province(self) -> Place | None:
        return self.province_list.current()

    def commune(self) -> Place | None:
        return self.commune_list.current()

    def _province_chosen(self, place: Place | None) -> None:
        self.commune_list.set_places(() if place is None else communes_of(place.code))
        self.changed.emit()
