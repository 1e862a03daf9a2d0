"""The queue screen: quick filters with counts, a search box, the lazy table; the desk's home screen.

Keyboard: arrows move in the table, Enter opens the selected dossier (``open_dossier_requested``), Esc in the
search box clears it, Down goes from it to the table. Ctrl+F (:meth:`QueueView.start_search`), F5
(:meth:`QueueView.refresh`) and F2 (new dossier) are the main window's actions. Counts are read off the UI
thread after changes and on a timer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.background import Background
from desktop.queue_model import (
    APPLICANT,
    APPOINTMENT,
    CODE,
    CONFLICT,
    PROCEDURE,
    RECEIVED,
    SORTABLE,
    STATUS,
    SYNC,
    DossierIdRole,
    QueueModel,
)
from workstation.dossier_desk import QueueFilter, SearchResult
from workstation.queue_pager import QueueQuery
from workstation.work_session import WorkSession

SEARCH_DELAY_MS = 300
COUNTS_INTERVAL_MS = 60_000
FILTER_ORDER = (
    QueueFilter.RECEIVED_TODAY,
    QueueFilter.DUE_TODAY,
    QueueFilter.DUE_SOON,
    QueueFilter.OVERDUE,
    QueueFilter.AWAITING_SUPPLEMENT,
    QueueFilter.WITH_CONFLICTS,
    QueueFilter.NOT_SYNCED,
    QueueFilter.ALL,
)


def thousands(count: int) -> str:
    """``12.345``: the Vietnamese way of grouping digits (the desk's counts use it in both languages)."""
    return f"{count:,}".replace(",", ".")


class QueueTable(QTableView):
    """The table; Enter opens the current row."""

    activated_row = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_row.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)


class QueueView(QWidget):
    """The queue of one work session (the main window shows its empty state while ``counts_changed`` says
    the store has no dossier at all)."""

    open_dossier_requested = Signal(str)
    counts_changed = Signal(dict)

    def __init__(
        self,
        work: WorkSession,
        background: Background,
        *,
        page_size: int | None = None,
        counts_interval_ms: int = COUNTS_INTERVAL_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.work = work
        self.background = background
        desk = work.desk
        self.model = QueueModel(
            work.pager,
            background,
            today=work.today,
            due_soon=lambda day: desk.calendar.add_working_days(
                desk.calendar.working_day_on_or_after(day), 2
            ),
            query=QueueQuery(QueueFilter.RECEIVED_TODAY),
            parent=self,
            **({"page_size": page_size} if page_size else {}),
        )
        self.counts: dict[QueueFilter, int] = {}
        self._search_generation = 0
        self._search_text = ""
        self.search_result: SearchResult | None = None

        self.filters = QButtonGroup(self)
        self.filters.setExclusive(True)
        self.filter_buttons: dict[QueueFilter, QPushButton] = {}
        filter_row = QHBoxLayout()
        filter_row.setSpacing(6)
        for which in FILTER_ORDER:
            button = QPushButton(self)
            button.setCheckable(True)
            button.setObjectName(f"filter-{which.value}")
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            self.filters.addButton(button)
            self.filter_buttons[which] = button
            button.clicked.connect(lambda _=False, w=which: self.set_filter(w))
            filter_row.addWidget(button)
        filter_row.addStretch(1)
        self.filter_buttons[QueueFilter.RECEIVED_TODAY].setChecked(True)

        self.search = QLineEdit(self)
        self.search.setObjectName("queue-search")
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        self.search_delay = QTimer(self)
        self.search_delay.setSingleShot(True)
        self.search_delay.setInterval(SEARCH_DELAY_MS)
        self.search_delay.timeout.connect(self._run_search)
        self.search.textChanged.connect(lambda _text: self.search_delay.start())
        self.search.returnPressed.connect(self._search_now)
        self.summary = QLabel(self)
        self.summary.setObjectName("queue-summary")
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 3)
        search_row.addWidget(self.summary, 2)

        self.table = QueueTable(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(3, Qt.SortOrder.DescendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The procedure's name takes the room the other columns leave: no sideways scrolling at 1366×768.
        header.setSectionResizeMode(PROCEDURE, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.setHighlightSections(False)
        self.table.activated_row.connect(self._open_row)
        self.table.doubleClicked.connect(lambda index: self._open_row(index.row()))
        self.nothing_here = QLabel(self)
        self.nothing_here.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.nothing_here.setWordWrap(True)
        self.nothing_here.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(filter_row)
        layout.addLayout(search_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.nothing_here, 1)

        self.counts_timer = QTimer(self)
        self.counts_timer.setInterval(counts_interval_ms)
        self.counts_timer.timeout.connect(self.refresh_counts)
        self.counts_timer.start()

        self.model.count_changed.connect(self._rows_counted)
        self.model.modelReset.connect(self._select_first_row)
        self.setTabOrder(self.search, self.table)
        self.retranslate()

    # -- actions -----------------------------------------------------------------------------------------

    def set_filter(self, which: QueueFilter) -> None:
        self.filter_buttons[which].setChecked(True)
        self.model.set_filter(which)
        self._update_summary()

    def start_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def set_synced_up_to(self, counter: int) -> None:
        """This desk's events up to ``counter`` are held by a peer: "not yet synced" and the row marks
        follow (re-queried only when it changed)."""
        if counter != self.model.query.synced_up_to:
            self.model.set_query(replace(self.model.query, synced_up_to=counter))
            self.refresh_counts()

    def refresh(self) -> None:
        """Re-read the rows and the counts (after a change, on F5)."""
        if self._search_text:
            self._run_search()
        else:
            self.model.refresh()
        self.refresh_counts()

    def refresh_counts(self) -> None:
        if self.background.closed:  # the desk is closing (a sync that ended late asks for new counts)
            return
        desk = self.work.desk
        synced = self.model.query.synced_up_to
        self.background.run(
            lambda: desk.queue_counts(synced_up_to=synced), on_success=self._counts_arrived, owner=self
        )

    # -- search ------------------------------------------------------------------------------------------

    def _search_now(self) -> None:
        self.search_delay.stop()
        self._run_search()

    def _run_search(self) -> None:
        text = self.search.text().strip()
        self._search_text = text
        self._search_generation += 1
        generation = self._search_generation
        if not text:
            self.search_result = None
            self.model.set_ids(None)
            self._update_summary()
            return
        desk = self.work.desk
        if self.background.closed:
            return
        self.background.run(
            lambda: desk.search_results(text),
            on_success=lambda found: self._search_found(generation, found),
            owner=self,
        )

    def _search_found(self, generation: int, found: SearchResult) -> None:
        if generation != self._search_generation:
            return
        self.search_result = found
        self.model.set_ids(found.ids)
        self._update_summary()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            key = event.key() if isinstance(event, QKeyEvent) else None
            if key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                self._search_now()
                return True
            if key == Qt.Key.Key_Down:
                self.table.setFocus(Qt.FocusReason.TabFocusReason)
                return True
        return super().eventFilter(watched, event)

    # -- results -----------------------------------------------------------------------------------------

    def _open_row(self, row: int) -> None:
        dossier_id = self.model.data(self.model.index(row, CODE), DossierIdRole)
        if dossier_id:
            self.open_dossier_requested.emit(dossier_id)

    def _rows_counted(self, count: int) -> None:
        self.table.setVisible(count > 0)
        self.nothing_here.setVisible(count == 0)
        self._update_summary()

    def _select_first_row(self) -> None:
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, CODE))

    def _counts_arrived(self, counts: dict[QueueFilter, int]) -> None:
        self.counts = dict(counts)
        self._label_filters()
        self.counts_changed.emit(self.counts)

    def _update_summary(self) -> None:
        count = self.model.rowCount()
        result = self.search_result
        if self._search_text and result is not None and result.cut:
            text = (
                self.tr("Showing %1 of %2 matches: refine the search to see the others")
                .replace("%1", thousands(count))
                .replace("%2", thousands(result.total))
            )
        elif self._search_text:
            text = self.tr("%n dossier(s) found", "", count)
        else:
            text = self.tr("%n dossier(s)", "", count)
        self.summary.setText(text)
        if self._search_text:
            self.nothing_here.setText(
                self.tr("No dossier matches this search in this list. Try the filter “All”.")
            )
        else:
            self.nothing_here.setText(self.tr("No dossiers in this list."))

    # -- texts -------------------------------------------------------------------------------------------

    def filter_title(self, which: QueueFilter) -> str:
        return {
            QueueFilter.RECEIVED_TODAY: self.tr("Received today"),
            QueueFilter.DUE_TODAY: self.tr("Due today"),
            QueueFilter.DUE_SOON: self.tr("Due soon"),
            QueueFilter.OVERDUE: self.tr("Overdue"),
            QueueFilter.AWAITING_SUPPLEMENT: self.tr("Awaiting supplement"),
            QueueFilter.WITH_CONFLICTS: self.tr("With conflicts"),
            QueueFilter.NOT_SYNCED: self.tr("Not yet synced"),
            QueueFilter.ALL: self.tr("All"),
        }[which]

    def _label_filters(self) -> None:
        for which, button in self.filter_buttons.items():
            count = self.counts.get(which)
            title = self.filter_title(which)
            button.setText(title if count is None else f"{title} ({thousands(count)})")
            button.setToolTip(title)

    def _size_columns(self) -> None:
        """Widths from the font (the font size setting changes them), for the longest usual text."""
        metrics = self.table.fontMetrics()
        samples = {
            CODE: "000.00.01.H22-260303-0000",
            APPLICANT: "Nguyễn Thị Bích Ngọc",
            RECEIVED: "00/00/0000 00:00",
            APPOINTMENT: "⚠ 00/00/0000 · " + QCoreApplication.translate("QueueModel", "due today"),
            STATUS: "Yêu cầu bổ sung hồ sơ",
            CONFLICT: "⚠",
            SYNC: "↑",
        }
        for column, sample in samples.items():
            header_text = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            indicator = 24 if column in SORTABLE else 0  # room for the sort arrow
            width = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(header_text) + indicator)
            self.table.setColumnWidth(column, width + 16)

    def retranslate(self) -> None:
        self.search.setPlaceholderText(
            self.tr("Search: name (with or without accents), ID number, code, phone (Ctrl+F)")
        )
        self.search.setAccessibleName(self.tr("Search the queue"))
        self.table.setAccessibleName(self.tr("Dossiers"))
        self._label_filters()
        self._update_summary()
        self.model.retranslate()
        self._size_columns()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.FontChange:
            self._size_columns()
        super().changeEvent(event)

    def today(self) -> dt.date:
        return self.work.today()
