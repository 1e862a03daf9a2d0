"""The queue as a lazy Qt table model: the row count comes first, rows arrive in pages off the UI thread.

Only a few pages live in memory (a small LRU cache); a row not yet read shows "…" and its page is asked for
from a worker (:class:`~desktop.background.Background`); when it arrives the model emits ``dataChanged``.
A page next to one already read is fetched by keyset from its neighbour's last row
(:mod:`workstation.queue_pager`), so scrolling through a million dossiers costs the same at any depth.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from desktop.background import Background
from desktop.language import is_vietnamese
from dossiers.lifecycle import Status, is_terminal
from workstation.dossier_desk import QueueFilter, QueueRow
from workstation.queue_pager import QueuePage, QueuePager, QueueQuery

PLACEHOLDER = "…"
DEFAULT_PAGE_SIZE = 200
DEFAULT_CACHED_PAGES = 12

COLUMNS = (
    "code",
    "applicant_name",
    "procedure_name",
    "received_at",
    "appointment",
    "status",
    "conflict",
    "sync",
)
"""The model's columns in order; the first six are sortable (their name is the queue's sort column)."""
CODE, APPLICANT, PROCEDURE, RECEIVED, APPOINTMENT, STATUS, CONFLICT, SYNC = range(len(COLUMNS))
SORTABLE = {CODE, APPLICANT, PROCEDURE, RECEIVED, APPOINTMENT, STATUS}

DossierIdRole = Qt.ItemDataRole.UserRole + 1
"""The row's dossier id (``None`` while its page has not arrived)."""
DueRole = Qt.ItemDataRole.UserRole + 2
"""For the appointment column: "overdue", "today", "soon" or ``None``."""

OVERDUE_BACKGROUND = QColor("#f6e3d6")  # a calm terracotta tint, with a text mark: never colour alone
TODAY_BACKGROUND = QColor("#f7efcf")
SOON_BACKGROUND = QColor("#eaf1f7")

_DUE_BACKGROUNDS = {"overdue": OVERDUE_BACKGROUND, "today": TODAY_BACKGROUND, "soon": SOON_BACKGROUND}


def status_label(status: Status) -> str:
    """The status in the desk's language (Vietnamese by default)."""
    return status.label_vi if is_vietnamese() else status.label_en


class QueueModel(QAbstractTableModel):
    """Rows of the queue for ``query``; call :meth:`refresh` after changes, :meth:`set_query` to re-query."""

    count_changed = Signal(int)
    """The number of rows after a (re)query arrived."""
    page_loaded = Signal(int)
    """A page starting at this row has arrived."""

    def __init__(
        self,
        pager: QueuePager,
        background: Background,
        *,
        today: Callable[[], dt.date],
        due_soon: Callable[[dt.date], dt.date],
        page_size: int = DEFAULT_PAGE_SIZE,
        cached_pages: int = DEFAULT_CACHED_PAGES,
        query: QueueQuery | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if page_size < 1 or cached_pages < 2:
            raise ValueError("the queue model needs page_size >= 1 and cached_pages >= 2")
        self.pager = pager
        self.background = background
        self.today = today
        self.due_soon = due_soon
        self.page_size = page_size
        self.cached_pages = cached_pages
        self.query = query or QueueQuery()
        self._count = 0
        self._generation = 0
        self._pages: OrderedDict[int, QueuePage] = OrderedDict()
        self._loading: set[int] = set()
        self._anchors: dict[int, tuple[int, Any]] = {}  # page number -> (row index, key) of its last row
        self._headers = self._header_texts()

    # -- querying ----------------------------------------------------------------------------------------

    def set_query(self, query: QueueQuery) -> None:
        if query != self.query:
            self.query = query
            self.refresh()

    def set_filter(self, which: QueueFilter) -> None:
        self.set_query(replace(self.query, which=which))

    def set_ids(self, ids: tuple[str, ...] | None) -> None:
        self.set_query(replace(self.query, ids=ids))

    def refresh(self) -> None:
        """Count again (off the UI thread), then show the rows anew; pages read before are dropped."""
        self._generation += 1
        generation, query, pager = self._generation, self.query, self.pager
        self.background.run(
            lambda: pager.count(query),
            on_success=lambda count: self._counted(generation, count),
            owner=self,
        )

    def _counted(self, generation: int, count: int) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._count = count
        self._pages.clear()
        self._loading.clear()
        self._anchors.clear()
        self.endResetModel()
        self.count_changed.emit(count)
        if count:
            self._request(0)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column not in SORTABLE:
            return
        self.set_query(
            replace(self.query, sort=COLUMNS[column], descending=order == Qt.SortOrder.DescendingOrder)
        )

    # -- pages ---------------------------------------------------------------------------------------------

    def _request(self, number: int) -> None:
        if number in self._pages or number in self._loading:
            return
        self._loading.add(number)
        generation, query, pager, size = self._generation, self.query, self.pager, self.page_size
        offset = number * size
        before = [page for page in self._anchors if page < number]
        after = self._anchors[max(before)] if before else None  # the nearest row read above: skip less

        def load() -> QueuePage:
            return pager.page(query, offset, size, after=after)

        if self.background.closed:  # the desk is closing: an outcome that came back late asks nothing more
            return
        self.background.run(
            load,
            on_success=lambda page: self._arrived(generation, number, page),
            on_failure=lambda error: self._failed(generation, number, error),
            owner=self,
        )

    def _failed(self, generation: int, number: int, error: BaseException) -> None:
        if generation == self._generation:
            self._loading.discard(number)
        self.background.failed.emit(error)

    def _arrived(self, generation: int, number: int, page: QueuePage) -> None:
        if generation != self._generation:
            return
        self._loading.discard(number)
        self._pages[number] = page
        self._pages.move_to_end(number)
        if page.last_key is not None:
            self._anchors[number] = (page.offset + len(page.rows) - 1, page.last_key)
        while len(self._pages) > self.cached_pages:
            self._pages.popitem(last=False)
        first = page.offset
        last = min(self._count, page.offset + self.page_size) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))
        self.page_loaded.emit(first)

    def row_at(self, row: int) -> QueueRow | None:
        """The row if its page is here (else asks for the page and returns ``None``)."""
        if not 0 <= row < self._count:
            return None
        number, within = divmod(row, self.page_size)
        page = self._pages.get(number)
        if page is None:
            self._request(number)
            return None
        self._pages.move_to_end(number)
        return page.rows[within] if within < len(page.rows) else None

    @property
    def cached_page_numbers(self) -> list[int]:
        return list(self._pages)

    # -- the Qt model --------------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[section]
            if role == Qt.ItemDataRole.ToolTipRole and section in (CONFLICT, SYNC):
                return self._headers[section]
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            not index.isValid()
            or not 0 <= index.row() < self._count
            or not 0 <= index.column() < len(COLUMNS)
        ):
            return None
        row = self.row_at(index.row())
        column = index.column()
        if row is None:
            return (
                PLACEHOLDER if role == Qt.ItemDataRole.DisplayRole and column in (CODE, APPLICANT) else None
            )
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == DossierIdRole:
            return row.dossier_id
        if column == APPOINTMENT:
            due = self._due(row)
            if role == DueRole:
                return due
            if role == Qt.ItemDataRole.BackgroundRole and due is not None:
                return QBrush(
                    {"overdue": OVERDUE_BACKGROUND, "today": TODAY_BACKGROUND}.get(due, SOON_BACKGROUND)
                )
            if role == Qt.ItemDataRole.ForegroundRole and due is not None:
                return QBrush(QColor("#3a3a3a"))
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == CONFLICT and row.has_conflicts:
                return self.tr("Two desks changed this dossier differently: open it to choose")
            if column == SYNC:
                return (
                    self.tr("Sent to the provincial server")
                    if row.synced
                    else self.tr("Not yet sent to the provincial server")
                )
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (CONFLICT, SYNC):
            return Qt.AlignmentFlag.AlignCenter
        return None

    def _due(self, row: QueueRow) -> str | None:
        if row.appointment is None or is_terminal(row.status):
            return None
        today = self.today()
        if row.appointment < today:
            return "overdue"
        if row.appointment == today:
            return "today"
        if row.appointment <= self.due_soon(today):
            return "soon"
        return None

    def _display(self, row: QueueRow, column: int) -> str:
        if column == CODE:
            return row.code or self.tr("(no code yet)")
        if column == APPLICANT:
            return row.applicant_name
        if column == PROCEDURE:
            return row.procedure_name
        if column == RECEIVED:
            return row.received_at.strftime("%d/%m/%Y %H:%M")  # the desk's own time, as it was recorded
        if column == APPOINTMENT:
            if row.appointment is None:
                return ""
            text = row.appointment.strftime("%d/%m/%Y")
            due = self._due(row)
            if due == "overdue":
                return "⚠ " + text + " · " + self.tr("overdue")
            if due == "today":
                return "● " + text + " · " + self.tr("due today")
            if due == "soon":
                return text + " · " + self.tr("due soon")
            return text
        if column == STATUS:
            return status_label(row.status)
        if column == CONFLICT:  # a mark, with words in the tooltip and the header
            return "⚠" if row.has_conflicts else ""
        if column == SYNC:
            return "↑" if not row.synced else "✓"
        return ""

    def _header_texts(self) -> list[str]:
        return [
            self.tr("Code"),
            self.tr("Applicant"),
            self.tr("Procedure"),
            self.tr("Received"),
            self.tr("Appointment"),
            self.tr("Status"),
            self.tr("Conflict"),
            self.tr("Sync"),
        ]

    def retranslate(self) -> None:
        self._headers = self._header_texts()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(COLUMNS) - 1))
