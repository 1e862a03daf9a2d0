"""Reading the queue in pages that stay fast at any depth, for the lazy queue model.

``DossierDesk.queue_page`` orders by a single-column index plus ``dossier_id`` and skips rows with
``OFFSET``: with a million dossiers a page deep in the list (or any page sorted by name) takes seconds. Here
each sortable column gets a composite index ``(sort expression, dossier_id)`` (migration 102, on the desk's
track) so that

- the next or previous page of one already read is a *keyset* step: ``(key, id) < (last key, last id)``;
- a jump (the scrollbar dragged half-way) skips rows inside the covering index only, then reads the page's
  rows by rowid.

The filters are the desk's own (``DossierDesk`` decides what "overdue" or "due soon" means). No Qt here: the
model calls :class:`QueuePager` off the UI thread.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dossiers.lifecycle import Status
from workstation.dossier_desk import SORT_EXPRESSIONS, DossierDesk, QueueFilter, QueueRow

_COLUMNS = (
    "dossier_id, received_at, appointment, status, has_conflicts, code, procedure_code, procedure_name,"
    " applicant_name, local_counter"
)


@dataclass(frozen=True, slots=True)
class QueueQuery:
    """Which rows the queue shows, in which order."""

    which: QueueFilter = QueueFilter.RECEIVED_TODAY
    sort: str = "received_at"
    descending: bool = True
    ids: tuple[str, ...] | None = None
    """Restrict to these dossiers (a search's results); ``None`` for no restriction."""
    synced_up_to: int = 0

    def __post_init__(self) -> None:
        if self.sort not in SORT_EXPRESSIONS:
            raise ValueError(f"the queue cannot be sorted by {self.sort!r}")


SortKey = tuple[Any, str]
"""A row's position in the order: (its sort expression's value, its dossier id)."""


@dataclass(frozen=True, slots=True)
class QueuePage:
    """Rows ``offset``… of a query, with the sort keys of its first and last row (anchors for the next)."""

    offset: int
    rows: tuple[QueueRow, ...]
    first_key: SortKey | None
    last_key: SortKey | None


class QueuePager:
    """Counts and pages of the queue table of ``desk``'s store."""

    def __init__(self, desk: DossierDesk) -> None:
        self.desk = desk

    def _where(self, query: QueueQuery) -> tuple[str, list[Any]]:
        # The desk's own filter definitions (one place decides what "overdue" means).
        where, params = self.desk.where_clause(query.which, self.desk._now().date(), query.synced_up_to)
        if query.ids is not None:
            if not query.ids:
                return "0", []
            where += f" AND dossier_id IN ({','.join('?' * len(query.ids))})"
            params = [*params, *query.ids]
        return where, list(params)

    def count(self, query: QueueQuery) -> int:
        where, params = self._where(query)
        with self.desk.store.reader() as conn:
            return int(conn.execute(f"SELECT count(*) FROM desk_queue WHERE {where}", params).fetchone()[0])

    def page(
        self, query: QueueQuery, offset: int, limit: int, *, after: tuple[int, SortKey] | None = None
    ) -> QueuePage:
        """Rows ``offset`` to ``offset + limit - 1``; ``after`` = (index, key) of a row before ``offset``."""
        if offset < 0 or limit < 1:
            raise ValueError("a queue page needs offset >= 0 and limit >= 1")
        expression = SORT_EXPRESSIONS[query.sort]
        order = "DESC" if query.descending else "ASC"
        where, params = self._where(query)
        skip = offset
        if after is not None:
            index, key = after
            if not 0 <= index < offset:
                raise ValueError("the anchor must lie before the page")
            where += f" AND ({expression}, dossier_id) {'<' if query.descending else '>'} (?, ?)"
            params += [key[0], key[1]]
            skip = offset - index - 1
        inner = (
            f"SELECT rowid FROM desk_queue WHERE {where}"
            f" ORDER BY {expression} {order}, dossier_id {order} LIMIT ? OFFSET ?"
        )
        sql = (
            f"SELECT {_COLUMNS}, {expression} FROM desk_queue WHERE rowid IN ({inner})"
            f" ORDER BY {expression} {order}, dossier_id {order}"
        )
        with self.desk.store.reader() as conn:
            found = conn.execute(sql, [*params, limit, skip]).fetchall()
        rows = tuple(_row(values, query.synced_up_to) for values in found)
        first = (found[0][-1], found[0][0]) if found else None
        last = (found[-1][-1], found[-1][0]) if found else None
        return QueuePage(offset, rows, first, last)


def _row(values: Sequence[Any], synced_up_to: int) -> QueueRow:
    return QueueRow(
        dossier_id=values[0],
        received_at=dt.datetime.fromisoformat(values[1]),
        appointment=None if values[2] is None else dt.date.fromisoformat(values[2]),
        status=Status(values[3]),
        has_conflicts=bool(values[4]),
        code=values[5],
        procedure_code=values[6],
        procedure_name=values[7],
        applicant_name=values[8],
        synced=values[9] <= synced_up_to,
    )
