"""The timeline of a dossier: one row per change event (when, who, what, where), oldest first.

"Who" is the clerk's full name, looked up by the event's author login in the desk's clerk records (see
:func:`workstation.clerks.clerk_names`); an author who is not a clerk here (a province officer) shows as is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.dossier_page.field_words import change_lines, device_time_text, field_label, replica_text
from sync.change_events import ChangeEvent
from sync.version_vectors import EventId
from workstation.clerks import name_for
from workstation.dossier_desk import DossierPage

REGISTER_LIKE = ("documents", "attachments", "hand_overs", "notes", "requests", "status")
CONFLICT_TINT = QColor("#fff3cd")

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """One event in words."""

    event_id: EventId
    when: str
    who: str
    what: str
    where: str
    in_open_conflict: bool
    resolves: bool


def timeline_rows(
    page: DossierPage, own_replica_id: str, names: Mapping[str, str] | None = None
) -> list[TimelineRow]:
    """The page's events in words, in causal order (causes before effects); ``names``: full names by login."""
    open_ids = {event_id for conflict in page.conflicts for event_id in conflict.event_ids}
    before: dict[str, Any] = {}
    rows = []
    for event in sorted(page.timeline, key=ChangeEvent.causal_key):
        lines = change_lines(event, before)
        if event.resolves:
            fields = ", ".join(field_label(name) for name in event.fields)
            prefix = QCoreApplication.translate("TimelineModel", "Conflict resolved (%1)").replace(
                "%1", fields
            )
            lines.insert(0, prefix)
        rows.append(
            TimelineRow(
                event_id=event.id,
                when=device_time_text(event.device_time),
                who=name_for(names or {}, event.author),
                what="\n".join(lines),
                where=replica_text(event.side, event.id.replica_id, own_replica_id),
                in_open_conflict=event.id in open_ids,
                resolves=bool(event.resolves),
            )
        )
        for name, value in event.fields.items():
            if name not in REGISTER_LIKE:
                before[name] = value
    return rows


class TimelineModel(QAbstractTableModel):
    """A read-only table over ``DossierPage.timeline``."""

    WHEN, WHO, WHAT, WHERE = range(4)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[TimelineRow] = []
        self._page: tuple[DossierPage, str] | None = None
        self._names: Mapping[str, str] = {}

    def set_page(self, page: DossierPage, own_replica_id: str) -> None:
        self._page = (page, own_replica_id)
        self._show()

    def set_clerk_names(self, names: Mapping[str, str]) -> None:
        """Full names by login (read off the UI thread with :func:`workstation.clerks.clerk_names`)."""
        self._names = dict(names)
        self._show()

    def _show(self) -> None:
        self.beginResetModel()
        self._rows = timeline_rows(*self._page, self._names) if self._page is not None else []
        self.endResetModel()

    def row_at(self, row: int) -> TimelineRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 4

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or not 0 <= index.column() < 4:
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = (row.when, row.who, row.what, row.where)[index.column()]
            if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.WHEN:
                return self.tr("By the clock of the device that made the change")
            if role == Qt.ItemDataRole.ToolTipRole and row.in_open_conflict:
                return self.tr("In an open conflict: a person must decide")
            return text
        if role == Qt.ItemDataRole.BackgroundRole and row.in_open_conflict:
            return QBrush(CONFLICT_TINT)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        headers = (
            self.tr("When (device clock)"),
            self.tr("Who"),
            self.tr("What changed"),
            self.tr("Where"),
        )
        return headers[section] if 0 <= section < 4 else None
