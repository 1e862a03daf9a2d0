"""The desk's work on dossiers, over the durable replica: receive, change status, find, list the queue.

No Qt here: the screens call these methods off the UI thread (``desktop.background``). Every change is a
change event of the dossier record (``dossiers.dossier_record``); the queue table ``desk_queue`` is derived
from the record states in the same transaction as the events (the replica's ``on_change`` hook), so received
sync batches update the queue too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from dossiers.appointments import Appointment, due_date
from dossiers.catalogue import Catalogue, Procedure
from dossiers.code_allocation import SequenceSpace, next_code
from dossiers.corrections import Correction, correction_fields
from dossiers.dossier import Applicant, Dossier, Office, ReceivedDocument
from dossiers.dossier_codes import DossierCode
from dossiers.dossier_record import (
    DESK_SIDE,
    DOSSIER_RECORD,
    RECORD_TYPE_NAME,
    SCOPE_FIELD,
    dossier_from_values,
    new_dossier_fields,
    search_texts,
    transition_value,
)
from dossiers.fees import ProvinceSetFee, compute_fee
from dossiers.lifecycle import TERMINAL_STATUSES, Actor, Status, allowed_transitions
from dossiers.working_calendar import WorkingCalendar
from sync.change_events import ChangeEvent
from sync.conflicts import UNSET, Conflict
from sync.connection import Connection
from sync.migrations import Migration
from sync.record_merge import RecordState
from sync.replica_store import ReplicaStore
from sync.search_index import count_matches, search_hits
from sync.store import STORE_MIGRATIONS, Store, get_meta, set_meta
from sync.version_vectors import EventId
from workstation.sync_keys import identity_on

QUEUE_MIGRATION_NUMBER = 101
OPEN_STATUSES = tuple(s.value for s in Status if s not in TERMINAL_STATUSES)
"""The statuses a dossier can still move on from (the due filters count only these)."""


def _create_queue_table(conn: Connection) -> None:
    conn.execute(
        """CREATE TABLE desk_queue (
            dossier_id TEXT PRIMARY KEY,
            received_at TEXT NOT NULL,
            received_day TEXT NOT NULL,
            appointment TEXT,
            status TEXT NOT NULL,
            has_conflicts INTEGER NOT NULL DEFAULT 0,
            code TEXT,
            procedure_code TEXT NOT NULL,
            procedure_name TEXT NOT NULL,
            applicant_name TEXT NOT NULL,
            local_counter INTEGER NOT NULL DEFAULT 0
        )"""
    )
    for column in ("received_at", "received_day", "appointment", "status", "has_conflicts", "local_counter"):
        conn.execute(f"CREATE INDEX desk_queue_{column} ON desk_queue ({column})")


class QueueFilter(StrEnum):
    """The queue's quick filters."""

    ALL = "all"
    RECEIVED_TODAY = "received_today"
    DUE_TODAY = "due_today"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    AWAITING_SUPPLEMENT = "awaiting_supplement"
    WITH_CONFLICTS = "with_conflicts"
    NOT_SYNCED = "not_synced"


SORT_COLUMNS = ("received_at", "appointment", "code", "applicant_name", "procedure_name", "status")

SORT_EXPRESSIONS: dict[str, str] = {
    "received_at": "received_at",
    "appointment": "ifnull(appointment, '')",
    "code": "ifnull(code, '')",
    "applicant_name": "applicant_name",
    "procedure_name": "procedure_name",
    "status": "CAST(status AS INTEGER)",
}
"""The expression each sortable column is ordered by (NULLs as '' so keyset comparisons never meet NULL)."""

assert set(SORT_EXPRESSIONS) == set(SORT_COLUMNS)


def _create_sort_indexes(conn: Connection) -> None:
    for column, expression in SORT_EXPRESSIONS.items():
        conn.execute(f"CREATE INDEX desk_queue_sort_{column} ON desk_queue ({expression}, dossier_id)")


DESK_MIGRATIONS = (
    *STORE_MIGRATIONS,
    Migration(QUEUE_MIGRATION_NUMBER, "desk queue", _create_queue_table),
    Migration(QUEUE_MIGRATION_NUMBER + 1, "desk queue sort indexes", _create_sort_indexes),
)
"""The store's migrations plus the desk's own (numbered from 101 so the store's may grow below them)."""


SEARCH_LIMIT = 200
"""The queue's search shows this many dossiers at most (and says how many match in all)."""


@dataclass(frozen=True, slots=True)
class QueueRow:
    """One line of the queue."""

    dossier_id: str
    received_at: dt.datetime
    appointment: dt.date | None
    status: Status
    has_conflicts: bool
    code: str | None
    procedure_code: str
    procedure_name: str
    applicant_name: str
    synced: bool

    def __repr__(self) -> str:  # the applicant's name stays out of logs and tracebacks
        return f"QueueRow({self.dossier_id!r}, {self.status.name})"


@dataclass(frozen=True, slots=True)
class DossierDraft:
    """What the clerk entered for a new dossier: everything its reception records, in one event."""

    procedure_code: str
    applicant: Applicant
    documents: tuple[ReceivedDocument, ...]
    sets: int = 1
    pages: int = 1
    copies: int = 1
    notes: tuple[str, ...] = ()
    attachments: tuple[Mapping[str, Any], ...] = ()
    """The scans, already in the store's attachment store: the values of the dossier's ``attachments`` set
    (``sha256``, ``name``, ``media_type``, ``size``)."""
    typed_fee: int | None = None
    """For a province-set fee: the amount the clerk typed (the province's table has none); other rules
    ignore it."""

    def __repr__(self) -> str:  # the applicant, the notes and the scans' file names stay out of logs
        counts = f"{len(self.documents)} documents, {len(self.attachments)} scans"
        return f"DossierDraft({self.procedure_code!r}, {counts})"


@dataclass(frozen=True, slots=True)
class Quote:
    """What the desk shows before saving: the appointment (with its reasons) and the fee."""

    procedure: Procedure
    appointment: Appointment
    fee: int


def received_dossier(
    draft: DossierDraft,
    quote: Quote,
    dossier_id: str,
    received_at: dt.datetime,
    clerk: str,
    *,
    code: DossierCode | None,
    clerk_name: str = "",
) -> Dossier:
    """The dossier a reception records: accepted with its ``code`` and the quote's appointment, or (without a
    code) waiting for a supplement. ``clerk`` is the login, ``clerk_name`` the full name the forms print."""
    return Dossier(
        dossier_id=dossier_id,
        procedure_code=quote.procedure.code,
        procedure_name=quote.procedure.name,
        applicant=draft.applicant,
        received_at=received_at,
        status=Status.SUPPLEMENT_REQUESTED if code is None else Status.ACCEPTED,
        code=code,
        appointment=None if code is None else quote.appointment.due,
        documents=draft.documents,
        sets=draft.sets,
        fee=quote.fee,
        received_by=clerk,
        received_by_name=clerk_name.strip(),
        notes=draft.notes,
    )


def reception_fields(
    dossier: Dossier, commune: str, attachments: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    """The fields of the one event that records a dossier received at the desk: its values, its status (from
    NEW, by the desk) and its scans."""
    fields = new_dossier_fields(dossier, commune)
    fields["status"] = transition_value(Status.NEW, dossier.status, Actor.DESK)
    if attachments:
        fields["attachments"] = [dict(attachment) for attachment in attachments]
    return fields


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The first dossiers found for a search, and how many match in all (more when the list was cut)."""

    ids: tuple[str, ...]
    total: int

    @property
    def cut(self) -> bool:
        return self.total > len(self.ids)


@dataclass(frozen=True, slots=True)
class DossierPage:
    """Everything a dossier's page shows."""

    dossier: Dossier
    state: RecordState
    conflicts: tuple[Conflict, ...]
    timeline: tuple[ChangeEvent, ...]
    allowed: tuple[Status, ...]


class DossierDesk:
    """A commune desk's dossiers on this workstation."""

    def __init__(
        self,
        store: Store,
        *,
        catalogue: Catalogue,
        calendar: WorkingCalendar,
        office: Office,
        commune: str,
        sequence_space: SequenceSpace,
        province_fees: Mapping[str, int],
        clerk: str,
        clerk_name: str = "",
        now: Callable[[], dt.datetime],
        new_id: Callable[[], str],
    ) -> None:
        self.store = store
        self.catalogue = catalogue
        self.calendar = calendar
        self.office = office
        self.commune = commune
        self.sequence_space = sequence_space
        self.province_fees = dict(province_fees)
        self.clerk = clerk
        self.clerk_name = clerk_name.strip()
        """The clerk's full name, as forms print it and receptions record it ("" if none is known: the forms
        then leave it to write by hand, never print the login)."""
        self._now = now
        self._new_id = new_id
        self.replica = ReplicaStore(
            store,
            DESK_SIDE,
            [DOSSIER_RECORD],
            now=now,
            scope_field=SCOPE_FIELD,
            search_texts=lambda record_type, state: search_texts(state.values),
            on_change=self._update_queue,
            identity=lambda conn: identity_on(conn, store.replica_id),
        )
        with store.reader() as conn:
            queued = conn.execute("SELECT count(*) FROM desk_queue").fetchone()[0]
            records = conn.execute(
                "SELECT count(*) FROM record_states WHERE record_type = ?", (RECORD_TYPE_NAME,)
            ).fetchone()[0]
        if queued < records:  # a store from before the queue existed: derive it once
            self.replica.rebuild([RECORD_TYPE_NAME])

    # -- the queue table, kept in step with the records ---------------------------------------------------

    def _update_queue(self, conn: Connection, state: RecordState) -> None:
        if state.record_type != RECORD_TYPE_NAME or "received_at" not in state.values:
            return
        values = state.values
        received = dt.datetime.fromisoformat(values["received_at"])
        conn.execute(
            """INSERT OR REPLACE INTO desk_queue (dossier_id, received_at, received_day, appointment, status,
                   has_conflicts, code, procedure_code, procedure_name, applicant_name, local_counter)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                state.record_id,
                received.isoformat(),
                received.date().isoformat(),
                values.get("appointment"),
                values.get("status", Status.NEW.value),
                int(bool(state.conflicts)),
                values.get("code"),
                values.get("procedure_code", ""),
                values.get("procedure_name", ""),
                values.get("applicant_name", ""),
                max(
                    (event.id.counter for event in state.history if event.id.replica_id == self.replica_id),
                    default=0,
                ),
            ),
        )

    @property
    def replica_id(self) -> str:
        return self.store.replica_id

    @property
    def clock(self) -> Callable[[], dt.datetime]:
        """The desk's clock (Vietnam time), for screens that must agree with it."""
        return self._now

    # -- receiving -------------------------------------------------------------------------------------------

    def quote(self, draft: DossierDraft, received_at: dt.datetime | None = None) -> Quote:
        """The appointment and the fee for ``draft`` if it were received at ``received_at`` (default now)."""
        procedure = self.catalogue.get(draft.procedure_code)
        appointment = self.appointment(procedure.code, received_at)
        amounts: Mapping[str, int] = self.province_fees
        if draft.typed_fee is not None and isinstance(procedure.fee, ProvinceSetFee):
            amounts = {**self.province_fees, procedure.fee.key: draft.typed_fee}
        fee = compute_fee(procedure.fee, pages=draft.pages, copies=draft.copies, province_amounts=amounts)
        return Quote(procedure, appointment, fee)

    def receive(self, draft: DossierDraft) -> Dossier:
        """Accept a complete dossier: its code is allocated, its appointment and fee computed, and the dossier
        with its scans recorded as one event, in the same transaction as the code's number (a crash leaves
        both or neither: never a dossier without its scans, never a number given twice, no gap).
        """
        received_at = self._now()
        quote = self.quote(draft, received_at)
        dossier_id = self._new_id()

        def operation(conn: Connection) -> Dossier:
            code = self._allocate(conn, received_at.date())
            dossier = received_dossier(
                draft, quote, dossier_id, received_at, self.clerk, code=code, clerk_name=self.clerk_name
            )
            fields = reception_fields(dossier, self.commune, draft.attachments)
            self.replica.write_in(conn, RECORD_TYPE_NAME, dossier_id, fields, author=self.clerk)
            return dossier

        return self.store.write(operation).result()

    def appointment(self, procedure_code: str, received_at: dt.datetime | None = None) -> Appointment:
        """The appointment alone (for a procedure whose fee is still to be typed)."""
        procedure = self.catalogue.get(procedure_code)
        return due_date(received_at or self._now(), procedure.processing_time, self.calendar)

    def return_time(self, day: dt.date) -> dt.time | None:
        """The hour a result can be collected on ``day``: the desk's closing time then (Mẫu 01, item 5);
        ``None`` on a day the desk is closed."""
        sessions = self.calendar.opening_on(day)
        return sessions[-1].end if sessions else None

    def _allocate(self, conn: Connection, day: dt.date) -> DossierCode:
        key = f"desk.last_sequence.{self.sequence_space.agency}.{day.isoformat()}"
        last = get_meta(conn, key)
        code = next_code(self.sequence_space, int(last) if last else None, day)
        set_meta(conn, key, str(code.sequence))
        return code

    # -- status and other changes ------------------------------------------------------------------------

    def change_status(self, dossier_id: str, target: Status, *, note: str = "") -> RecordState:
        """Move a dossier to ``target`` as the desk (the lifecycle decides whether it may)."""
        current = Status(self.replica.record(RECORD_TYPE_NAME, dossier_id).get("status", Status.NEW.value))
        fields: dict[str, Any] = {"status": transition_value(current, target, Actor.DESK)}
        if target is Status.RESULT_RETURNED:
            fields["returned_at"] = self._now().isoformat()
        if note:
            fields["notes"] = [note]
        self.replica.write(RECORD_TYPE_NAME, dossier_id, fields, author=self.clerk)
        return self.replica.record(RECORD_TYPE_NAME, dossier_id)

    def update(self, dossier_id: str, fields: dict[str, Any]) -> RecordState:
        """Write fields of a dossier (e.g. a corrected phone number); merge rules apply."""
        self.replica.write(RECORD_TYPE_NAME, dossier_id, fields, author=self.clerk)
        return self.replica.record(RECORD_TYPE_NAME, dossier_id)

    def correct(self, dossier_id: str, correction: Correction) -> Dossier:
        """Record a correction of the applicant's details or the documents as one event, after the lifecycle
        rules (``dossiers.corrections``) and the value checks pass on the dossier as it is when the event is
        written; returns the corrected dossier. Nothing is written when a rule refuses."""

        def operation(conn: Connection) -> None:
            # On the writer thread: no other local write or received batch commits between check and event.
            state = self.replica.record(RECORD_TYPE_NAME, dossier_id)
            dossier = dossier_from_values(dossier_id, state.values)
            fields = correction_fields(
                state.values, dossier, correction, actor=Actor.DESK, by=self.clerk, at=self._now()
            )
            self.replica.write_in(conn, RECORD_TYPE_NAME, dossier_id, fields, author=self.clerk)

        self.store.write(operation).result()
        return self.page(dossier_id).dossier

    def resolve(
        self, conflict: Conflict, *, choose: EventId | None = None, value: Any = UNSET
    ) -> RecordState:
        """Settle a conflict by choosing one of the competing writes or typing a new value."""
        self.replica.resolve(conflict, self.clerk, choose=choose, value=value)
        return self.replica.record(conflict.record_type, conflict.record_id)

    # -- reading ---------------------------------------------------------------------------------------------

    def page(self, dossier_id: str) -> DossierPage:
        state = self.replica.record(RECORD_TYPE_NAME, dossier_id)
        dossier = dossier_from_values(dossier_id, state.values)
        allowed = allowed_transitions(dossier.status, Actor.DESK)
        return DossierPage(dossier, state, state.conflicts, state.history, allowed)

    def search(self, query: str, *, limit: int = SEARCH_LIMIT) -> list[str]:
        """Dossier ids matching the search box (names without diacritics, ID numbers, codes, phones)."""
        return list(self.search_results(query, limit=limit).ids)

    def search_results(self, query: str, *, limit: int = SEARCH_LIMIT) -> SearchResult:
        """The first ``limit`` dossiers matching the search box, newest first, and the count of all matches
        (counted only when the list is full, so a narrow search costs nothing more)."""
        types = [RECORD_TYPE_NAME]
        with self.store.reader() as conn:
            ids = tuple(hit.record_id for hit in search_hits(conn, query, limit=limit, types=types))
            total = count_matches(conn, query, types=types) if len(ids) >= limit else len(ids)
        return SearchResult(ids, max(total, len(ids)))

    def where_clause(self, which: QueueFilter, today: dt.date, synced_up_to: int) -> tuple[str, list[Any]]:
        """The SQL condition (and its parameters) of a quick filter on ``desk_queue``."""
        open_marks = ",".join("?" * len(OPEN_STATUSES))
        if which is QueueFilter.ALL:
            return "1", []
        if which is QueueFilter.RECEIVED_TODAY:
            return "received_day = ?", [today.isoformat()]
        if which is QueueFilter.DUE_TODAY:
            return f"appointment = ? AND status IN ({open_marks})", [today.isoformat(), *OPEN_STATUSES]
        if which is QueueFilter.DUE_SOON:
            soon = self.calendar.add_working_days(self.calendar.working_day_on_or_after(today), 2)
            return (
                f"appointment > ? AND appointment <= ? AND status IN ({open_marks})",
                [today.isoformat(), soon.isoformat(), *OPEN_STATUSES],
            )
        if which is QueueFilter.OVERDUE:
            return f"appointment < ? AND status IN ({open_marks})", [today.isoformat(), *OPEN_STATUSES]
        if which is QueueFilter.AWAITING_SUPPLEMENT:
            return "status = ?", [Status.SUPPLEMENT_REQUESTED.value]
        if which is QueueFilter.WITH_CONFLICTS:
            return "has_conflicts = 1", []
        return "local_counter > ?", [synced_up_to]

    def queue_count(self, which: QueueFilter = QueueFilter.ALL, *, synced_up_to: int = 0) -> int:
        where, params = self.where_clause(which, self._now().date(), synced_up_to)
        with self.store.reader() as conn:
            return conn.execute(f"SELECT count(*) FROM desk_queue WHERE {where}", params).fetchone()[0]

    def queue_counts(self, *, synced_up_to: int = 0) -> dict[QueueFilter, int]:
        return {which: self.queue_count(which, synced_up_to=synced_up_to) for which in QueueFilter}
