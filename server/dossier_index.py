"""The province's queryable state of each dossier (``dossier_index``): one row per dossier, folded from its
events when they are applied, so officers' lists, searches and counts read one table instead of re-folding
the history (issue 14, finding 6).

The row is rewritten in the same transaction that applies a dossier's events (``ServerReplica`` calls
``refresh``), so it is never behind the events. ``search_text`` holds the code, name, ID number and phone
folded without diacritics (``sync.folding.fold``): "nguyen thi lan" finds "Nguyễn Thị Lan". Lists page by
keyset on ``(received_at, record_id)``, newest first: a deep page costs what the first one does.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from dossiers.dossier_record import DOSSIER_RECORD, RECORD_TYPE_NAME, search_texts
from dossiers.lifecycle import INITIAL_STATUS, Status
from dossiers.vietnam_time import VIETNAM_TIME
from server.storage.interface import ServerStorage, Tx
from sync.change_events import ChangeEvent, decode_event
from sync.folding import fold, fold_words
from sync.record_merge import RecordState, merge_record

_COLUMNS = (
    "record_id", "commune_code", "procedure_code", "procedure_name", "status", "code", "applicant_name",
    "search_text", "received_at", "appointment", "finished_on", "open_conflicts",
)  # fmt: skip
FINISHED = frozenset(
    {Status.PROCESSED, Status.RESULT_RETURNED, Status.REFUSED, Status.WITHDRAWN, Status.STOPPED}
)
"""Statuses in which a dossier no longer waits for the province: never due nor overdue."""
_OPEN = "status IN ({})".format(", ".join(f"'{s.value}'" for s in Status if s not in FINISHED))
"""Not finished (the statuses are the lifecycle's constants, written into the SQL)."""
SOON_DAYS = 3
MAX_WORDS = 12
"""Words of one searched text (a name, a code) that phrases start from."""
MAX_PHRASE = 200
COUNT_CAP = 10_000
"""Counts stop here (shown as "10,000+"): a count costs at most this many index rows."""
NARROW = 5000
"""A search word matching at most this many dossiers drives the query (their ids are looked up directly)."""
_LAST = "\U0010ffff"
MAX_PAGE = 200
_UPSERT = (
    f"INSERT INTO dossier_index ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})"
    " ON CONFLICT (record_id) DO UPDATE SET "
    + ", ".join(f"{name} = excluded.{name}" for name in _COLUMNS[1:])
)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def index_row(state: RecordState, commune: str) -> tuple[Any, ...]:
    """The index row of one dossier's merged state."""
    values = state.values
    try:
        status = Status(state.get("status", INITIAL_STATUS.value))
    except ValueError:
        status = INITIAL_STATUS
    searched = " ".join([state.record_id, *search_texts(values)])
    return (
        state.record_id,
        commune,
        _text(values.get("procedure_code")),
        _text(values.get("procedure_name")),
        status.value,
        _text(values.get("code")),
        _text(values.get("applicant_name")),
        fold(searched),
        _text(values.get("received_at")),
        _text(values.get("appointment")),
        _finished_on(state),
        len(state.conflicts),
    )


def _finished_on(state: RecordState) -> str:
    """The day (Vietnam time, by the writer's clock) the dossier was first marked processed, or ``""``."""
    days = [
        event.device_time.astimezone(VIETNAM_TIME).date().isoformat()
        for event in state.history
        if isinstance(event.fields.get("status"), Mapping)
        and event.fields["status"].get("to") == Status.PROCESSED.value
    ]
    return min(days, default="")


def search_phrases(texts: Iterable[str]) -> set[str]:
    """What a search finds a dossier by: for each text (name, ID number, code, phone, id), its folded words
    from each word on ("nguyen van lan", "van lan", "lan"), so a query is one range lookup of its folded words
    as a prefix: "van la" finds Nguyễn Văn Lan, "260302 0001" finds the code 00070-260302-0001."""
    found: set[str] = set()
    for text in texts:
        words = fold_words(text)[:MAX_WORDS]
        found.update(" ".join(words[start:])[:MAX_PHRASE] for start in range(len(words)))
    return found


def refresh(
    tx: Tx, commune: str, record_ids: Iterable[str], history: Callable[[str], Sequence[ChangeEvent]]
) -> None:
    """Rewrite the index rows of these dossiers of ``commune`` from their applied events (in ``tx``)."""
    rows, phrases = [], []
    for record_id in sorted(set(record_ids)):
        events = history(record_id)
        if events:
            state = merge_record(DOSSIER_RECORD, record_id, events)
            rows.append(index_row(state, commune))
            texts = [record_id, *search_texts(state.values)]
            phrases += [(phrase, record_id) for phrase in sorted(search_phrases(texts))]
    if rows:
        tx.run_many(_UPSERT, rows)
        tx.run_many("DELETE FROM dossier_words WHERE record_id = ?", [(row[0],) for row in rows])
        tx.run_many("INSERT INTO dossier_words (word, record_id) VALUES (?, ?)", phrases)


def rebuild_missing(storage: ServerStorage) -> int:
    """Index the dossiers the index lacks (those stored before it existed); return how many."""
    with storage.transaction() as tx:
        missing = tx.query(
            "SELECT r.record_id, r.scope FROM sync_records r LEFT JOIN dossier_index i"
            " ON i.record_id = r.record_id WHERE r.record_type = ? AND i.record_id IS NULL",
            (RECORD_TYPE_NAME,),
        )
        for record_id, scope in missing:

            def history(rid: str, scope: str = str(scope)) -> list[ChangeEvent]:
                found = tx.query(
                    "SELECT body FROM sync_events WHERE record_type = ? AND record_id = ? AND applied = 1"
                    " AND scope = ?",
                    (RECORD_TYPE_NAME, rid, scope),
                )
                return sorted((decode_event(r[0]) for r in found), key=ChangeEvent.causal_key)

            refresh(tx, str(scope), [str(record_id)], history)
    return len(missing)


# ---- reading -----------------------------------------------------------------------------------------------


@dataclass(frozen=True, repr=False)  # a search text may be a name: no repr
class QueueFilter:
    """What an officer's queue shows: communes and procedures in scope, and the filters chosen."""

    communes: tuple[str, ...] | None
    """The communes in scope (``None``: every commune the server holds, i.e. the one province it serves)."""
    procedures: tuple[str, ...] | None = None
    """The procedures in the officer's department (``None``: every procedure)."""
    commune: str | None = None
    procedure: str | None = None
    status: Status | None = None
    due: str | None = None
    """``today``, ``soon``, ``overdue`` or ``None``."""
    supplement: bool = False
    conflicts: bool = False
    search: str = ""


@dataclass(frozen=True, repr=False)  # names stay out of logs and tracebacks
class QueueRow:
    record_id: str
    commune: str
    procedure_code: str
    procedure_name: str
    status: Status
    code: str
    applicant_name: str
    received_at: str
    appointment: str
    open_conflicts: int


@dataclass(frozen=True, repr=False)
class QueuePage:
    rows: list[QueueRow]
    next_after: str | None
    """The keyset cursor of the next page (``received_at|record_id`` of the last row), or ``None``."""


@dataclass
class _Where:
    parts: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, sql: str, *params: Any) -> None:
        self.parts.append(sql)
        self.params.extend(params)

    @property
    def sql(self) -> str:
        return " AND ".join(self.parts) if self.parts else "1 = 1"


def _scope(
    storage: ServerStorage,
    wanted: QueueFilter,
    today: dt.date,
    narrow: tuple[str, Any] | None = None,
    *,
    skip: str = "",
) -> _Where:
    """The conditions of ``wanted``; a search is ``narrow`` ("record_id is one of those", from
    ``_narrowest``) when given, else each row's phrases are looked at."""
    where = _Where()
    if wanted.communes is not None:
        sql, params = _among(storage, "commune_code", list(wanted.communes))
        where.add(sql, *params)
    if wanted.procedures is not None:
        sql, params = _among(storage, "procedure_code", list(wanted.procedures))
        where.add(sql, *params)
    if wanted.commune:
        where.add("commune_code = ?", wanted.commune)
    if wanted.procedure:
        where.add("procedure_code = ?", wanted.procedure)
    if wanted.status is not None and skip != "status":
        where.add("status = ?", wanted.status.value)
    if wanted.supplement and skip != "supplement":
        where.add("status = ?", Status.SUPPLEMENT_REQUESTED.value)
    if wanted.conflicts and skip != "conflicts":
        where.add("open_conflicts > 0")
    if wanted.due and skip != "due":
        where.add(f"{_OPEN} AND appointment <> ''")
        if wanted.due == "today":
            where.add("appointment = ?", today.isoformat())
        elif wanted.due == "soon":
            where.add(
                "appointment > ? AND appointment <= ?",
                today.isoformat(),
                (today + dt.timedelta(days=SOON_DAYS)).isoformat(),
            )
        else:
            where.add("appointment < ?", today.isoformat())
    phrase = _phrase(wanted.search)
    if phrase and narrow is not None:
        where.add(narrow[0], narrow[1])
    elif phrase:
        # A search matching many dossiers: each row the page walks (newest first) is checked by its own
        # phrases (``dossier_words_by_record``), and the walk stops once the page is full. The prefix is
        # compared with ``substr`` and the subquery fenced (``OFFSET 0``) so that PostgreSQL neither turns it
        # into a join of every matching phrase (then a sort) nor probes it by a range of the phrase index:
        # it estimates a prefix range of phrases at ~1 row, and chose both (2.5 s at 1,000,000 dossiers).
        where.add(
            "EXISTS (SELECT 1 FROM dossier_words w WHERE w.record_id = dossier_index.record_id"
            " AND substr(w.word, 1, ?) = ? LIMIT 1 OFFSET 0)",
            len(phrase),
            phrase,
        )
    return where


def _phrase(search: str) -> str:
    return " ".join(fold_words(search)[:MAX_WORDS])[:MAX_PHRASE]


def _among(storage: ServerStorage, column: str, values: Sequence[str]) -> tuple[str, list[Any]]:
    """``column IN (?, ?, …)`` for a short list (an index can use it), else the backend's one-parameter
    form."""
    if len(values) <= 64:
        return f"{column} IN ({', '.join('?' * len(values)) or 'NULL'})", list(values)
    sql, param = storage.among(column, values)
    return sql, [param]


def _narrowest(storage: ServerStorage, tx: Tx, search: str) -> tuple[str, Any] | None:
    """For a search matching few dossiers: "record_id is one of those" (looked up directly); else ``None``
    (the page then walks the newest dossiers, which fills a page fast when many match)."""
    phrase = _phrase(search)
    if not phrase:
        return None
    rows = tx.query(
        "SELECT record_id FROM dossier_words WHERE word >= ? AND word < ? LIMIT ?",
        (phrase, phrase + _LAST, NARROW + 1),
    )
    if len(rows) > NARROW:
        return None
    return storage.among("record_id", sorted({str(r[0]) for r in rows}))


def queue_page(
    storage: ServerStorage, wanted: QueueFilter, today: dt.date, *, after: str | None = None, limit: int = 50
) -> QueuePage:
    """One page of the queue, newest received first, after the cursor ``after``."""
    limit = max(1, min(limit, MAX_PAGE))
    with storage.transaction() as tx:
        narrow = _narrowest(storage, tx, wanted.search) if wanted.search else None
        where = _scope(storage, wanted, today, narrow)
        if after:
            received, _, record_id = after.partition("|")
            where.add("(received_at, record_id) < (?, ?)", received, record_id)
        rows = tx.query(
            f"SELECT {', '.join(_COLUMNS[:7])}, received_at, appointment, open_conflicts"
            f" FROM dossier_index WHERE {where.sql} ORDER BY received_at DESC, record_id DESC LIMIT ?",
            (*where.params, limit + 1),
        )
    found = [
        QueueRow(
            str(r[0]),
            str(r[1]),
            str(r[2]),
            str(r[3]),
            Status(r[4]),
            str(r[5]),
            str(r[6]),
            str(r[7]),
            str(r[8]),
            int(r[9]),
        )  # fmt: skip
        for r in rows[:limit]
    ]
    last = found[-1] if len(rows) > limit else None
    return QueuePage(found, None if last is None else f"{last.received_at}|{last.record_id}")


def queue_counts(storage: ServerStorage, wanted: QueueFilter, today: dt.date) -> dict[str, int]:
    """How many dossiers each quick filter would show, given the other filters chosen; each count stops at
    ``COUNT_CAP`` (the page shows "10,000+"). None for a search that matches more than ``NARROW``."""
    plain = QueueFilter(
        wanted.communes, wanted.procedures, wanted.commune, wanted.procedure, search=wanted.search
    )
    quick = {
        "all": plain,
        "today": dataclasses.replace(plain, due="today"),
        "soon": dataclasses.replace(plain, due="soon"),
        "overdue": dataclasses.replace(plain, due="overdue"),
        "supplement": dataclasses.replace(plain, supplement=True),
        "conflicts": dataclasses.replace(plain, conflicts=True),
    }
    counts: dict[str, int] = {}
    with storage.transaction() as tx:
        narrow = _narrowest(storage, tx, wanted.search) if wanted.search else None
        if _phrase(wanted.search) and narrow is None:
            return counts  # a search matching thousands (a family name alone): no counts, type more
        if narrow is not None:  # at most NARROW dossiers (< COUNT_CAP): all six counts in one pass
            return _counts_among(storage, tx, plain, quick, today, narrow)
        for name, chosen in quick.items():
            where = _scope(storage, chosen, today, narrow)
            sql = f"SELECT count(*) FROM (SELECT 1 FROM dossier_index WHERE {where.sql} LIMIT ?) AS found"
            counts[name] = int(tx.query(sql, (*where.params, COUNT_CAP))[0][0])
    return counts


def _counts_among(
    storage: ServerStorage,
    tx: Tx,
    plain: QueueFilter,
    quick: Mapping[str, QueueFilter],
    today: dt.date,
    narrow: tuple[str, Any],
) -> dict[str, int]:
    """The quick filters' counts over the few dossiers a search found, in one query (six queries each
    looking up the same thousands of ids cost 70-90 ms at 1,000,000 dossiers on PostgreSQL)."""
    where = _scope(storage, plain, today, narrow)
    cases, params = [], []
    for chosen in quick.values():
        only = QueueFilter(None, due=chosen.due, supplement=chosen.supplement, conflicts=chosen.conflicts)
        alone = _scope(storage, only, today)
        cases.append(f"SUM(CASE WHEN {alone.sql} THEN 1 ELSE 0 END)")
        params += alone.params
    row = tx.query(
        f"SELECT {', '.join(cases)} FROM dossier_index WHERE {where.sql}", (*params, *where.params)
    )
    return {name: int(value or 0) for name, value in zip(quick, row[0], strict=True)}


def offset_page(
    storage: ServerStorage, wanted: QueueFilter, *, limit: int, offset: int
) -> tuple[int, list[QueueRow]]:
    """The total and one page by offset (the JSON API's paging; the web pages by keyset); no due filter."""
    with storage.transaction() as tx:
        narrow = _narrowest(storage, tx, wanted.search) if wanted.search else None
        where = _scope(storage, dataclasses.replace(wanted, due=None), dt.date.min, narrow)
        total = int(tx.query(f"SELECT count(*) FROM dossier_index WHERE {where.sql}", where.params)[0][0])
        rows = tx.query(
            f"SELECT {', '.join(_COLUMNS[:7])}, received_at, appointment, open_conflicts"
            f" FROM dossier_index WHERE {where.sql}"
            " ORDER BY received_at DESC, record_id DESC LIMIT ? OFFSET ?",
            (*where.params, limit, offset),
        )
    return total, [
        QueueRow(
            str(r[0]),
            str(r[1]),
            str(r[2]),
            str(r[3]),
            Status(r[4]),
            str(r[5]),
            str(r[6]),
            str(r[7]),
            str(r[8]),
            int(r[9]),
        )  # fmt: skip
        for r in rows
    ]


def commune_of(storage: ServerStorage, record_id: str) -> str | None:
    """The commune of an indexed dossier (``None`` if unknown)."""
    with storage.transaction() as tx:
        rows = tx.query("SELECT commune_code FROM dossier_index WHERE record_id = ?", (record_id,))
    return str(rows[0][0]) if rows else None
